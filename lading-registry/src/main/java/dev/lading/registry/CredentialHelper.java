package dev.lading.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lading.oci.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The docker-credential-helpers protocol: {@code docker-credential-NAME get|store|erase}, the server URL or a JSON
 * object on stdin, JSON {@code {"ServerURL","Username","Secret"}} on stdout. Helper output is never put in messages
 * on success, and on failure only its first line (helpers print errors there, not secrets).
 */
final class CredentialHelper {

    private static final long TIMEOUT_SECONDS = 60;
    private static final int MAX_OUTPUT = 1024 * 1024;

    private final String name;
    private final HostEnvironment env;

    CredentialHelper(String name, HostEnvironment env) {
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("invalid credential helper name '" + name + "'");
        }
        this.name = name;
        this.env = env;
    }

    String program() {
        return "docker-credential-" + name;
    }

    Optional<Credentials> get(String serverUrl) throws IOException {
        Result r = run("get", serverUrl.getBytes(StandardCharsets.UTF_8));
        if (r.exit != 0) {
            if (isNotFound(r)) {
                return Optional.empty();
            }
            throw failure("get", serverUrl, r);
        }
        JsonNode json;
        try {
            json = Json.mapper().readTree(r.stdout);
        } catch (IOException e) {
            throw new IOException(program() + " get " + serverUrl + " printed something that is not JSON");
        }
        String user = json == null ? "" : json.path("Username").asText("");
        String secret = json == null ? "" : json.path("Secret").asText("");
        if (secret.isEmpty()) {
            return Optional.empty();
        }
        if (user.equals("<token>")) {
            return Optional.of(new Credentials.IdentityToken(null, secret));
        }
        return Optional.of(new Credentials.UsernamePassword(user, secret));
    }

    void store(String serverUrl, String username, String secret) throws IOException {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("ServerURL", serverUrl);
        o.put("Username", username);
        o.put("Secret", secret);
        Result r = run("store", Json.write(o));
        if (r.exit != 0) {
            throw failure("store", serverUrl, r);
        }
    }

    /** Returns false when the helper had nothing stored for the server. */
    boolean erase(String serverUrl) throws IOException {
        Result r = run("erase", serverUrl.getBytes(StandardCharsets.UTF_8));
        if (r.exit != 0) {
            if (isNotFound(r)) {
                return false;
            }
            throw failure("erase", serverUrl, r);
        }
        return true;
    }

    private static boolean isNotFound(Result r) {
        String out = (new String(r.stdout, StandardCharsets.UTF_8) + new String(r.stderr, StandardCharsets.UTF_8)).toLowerCase();
        return out.contains("credentials not found");
    }

    private IOException failure(String action, String serverUrl, Result r) {
        String out = new String(r.stderr.length > 0 ? r.stderr : r.stdout, StandardCharsets.UTF_8).strip();
        String first = out.lines().findFirst().orElse("");
        if (first.length() > 200) {
            first = first.substring(0, 200) + "…";
        }
        return new IOException("credential helper " + program() + " " + action + " " + serverUrl + " failed (exit " + r.exit + ")"
                + (first.isEmpty() ? "" : ": " + first));
    }

    private record Result(int exit, byte[] stdout, byte[] stderr) {
    }

    private Result run(String action, byte[] input) throws IOException {
        Path exe = env.findExecutable(program()).orElseThrow(() -> new IOException("credential helper " + program()
                + " is configured but not found on PATH: install it or remove it from the auth configuration"));
        ProcessBuilder pb = new ProcessBuilder(List.of(exe.toString(), action));
        pb.environment().clear();
        pb.environment().putAll(env.variables());
        pb.environment().putIfAbsent("HOME", env.home().toString());
        Process p = pb.start();
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readQuietly(p.getErrorStream()));
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readQuietly(p.getInputStream()));
        try (OutputStream stdin = p.getOutputStream()) {
            stdin.write(input);
        } catch (IOException e) {
            // the helper may exit without reading stdin; its exit status says what happened
        }
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("credential helper " + program() + " " + action + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            return new Result(p.exitValue(), out.get(), err.get());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + program());
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException("cannot read the output of " + program(), e.getCause());
        }
    }

    private static byte[] readQuietly(InputStream in) {
        try (in) {
            byte[] data = in.readNBytes(MAX_OUTPUT);
            in.transferTo(OutputStream.nullOutputStream());
            return data;
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
