package dev.lading.registry.testing;

import dev.lading.oci.DockerReference;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real registry for tests: Debian's {@code docker-registry} (the reference distribution registry 2.8) on
 * 127.0.0.1, on a port it picks itself (port 0, read back from its log: no race for a "free" port), with its
 * storage in a temp directory, deletes enabled. Variants: anonymous, htpasswd Basic auth, token auth with a
 * {@link TokenServer}. {@link #close()} stops it and deletes everything.
 *
 * <pre>{@code
 * try (RegistryFixture registry = RegistryFixture.anonymous()) {
 *     DockerReference ref = registry.reference("test/app:1");
 * }
 * }</pre>
 */
public final class RegistryFixture implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");

    private final Path dir;
    private final Process process;
    private final Path log;
    private final TokenServer tokenServer;
    private final int port;
    private final boolean tls;

    private RegistryFixture(Path dir, String authConfig, TokenServer tokenServer) throws IOException {
        this.dir = dir;
        this.tls = authConfig.startsWith("  tls:");
        this.tokenServer = tokenServer;
        this.log = dir.resolve("registry.log");
        Path exe = findRegistry();
        Path config = dir.resolve("config.yml");
        Files.writeString(config, """
                version: 0.1
                log:
                  level: info
                  formatter: text
                storage:
                  filesystem:
                    rootdirectory: %s
                  delete:
                    enabled: true
                  maintenance:
                    uploadpurging:
                      enabled: false
                http:
                  addr: 127.0.0.1:0
                  secret: %s
                %s""".formatted(dir.resolve("storage"), HexFormat.of().formatHex(randomBytes(16)), authConfig));
        ProcessBuilder pb = new ProcessBuilder(exe.toString(), "serve", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        this.process = pb.start();
        try {
            this.port = awaitPort();
            awaitReady();
        } catch (IOException | RuntimeException e) {
            stopProcess();
            throw e;
        }
    }

    /** A registry without authentication. */
    public static RegistryFixture anonymous() throws IOException {
        return start("", null);
    }

    /** A registry with htpasswd (bcrypt) Basic authentication for one user. */
    public static RegistryFixture basicAuth(String user, String password) throws IOException {
        Path dir = Files.createTempDirectory("lading-registry-");
        String hash = OpenBSDBCrypt.generate("2y", password.toCharArray(), randomBytes(16), 4);
        Files.writeString(dir.resolve("htpasswd"), user + ":" + hash + "\n");
        return start(dir, """
                auth:
                  htpasswd:
                    realm: lading-test
                    path: %s
                """.formatted(dir.resolve("htpasswd")), null);
    }

    /** A registry that delegates authentication to a {@link TokenServer} knowing these users and passwords. */
    public static RegistryFixture tokenAuth(Map<String, String> users) throws IOException {
        Path dir = Files.createTempDirectory("lading-registry-");
        TokenServer ts = TokenServer.start(users);
        try {
            Path bundle = dir.resolve("token-ca.pem");
            Files.writeString(bundle, ts.certificatePem());
            return start(dir, """
                    auth:
                      token:
                        realm: %s
                        service: %s
                        issuer: %s
                        rootcertbundle: %s
                    """.formatted(ts.realm(), TokenServer.SERVICE, TokenServer.ISSUER, bundle), ts);
        } catch (IOException | RuntimeException e) {
            ts.close();
            throw e;
        }
    }

    /**
     * A registry serving HTTPS with {@code certificate}/{@code key}; with {@code clientCa} it requires a client
     * certificate signed by that CA (docker-registry's {@code http.tls.clientcas}: RequireAndVerifyClientCert).
     */
    public static RegistryFixture tls(Path certificate, Path key, Path clientCa) throws IOException {
        return start("""
                  tls:
                    certificate: %s
                    key: %s
                %s""".formatted(certificate, key, clientCa == null ? "" : "    clientcas:\n      - " + clientCa + "\n"), null);
    }

    private static RegistryFixture start(String authConfig, TokenServer ts) throws IOException {
        return start(Files.createTempDirectory("lading-registry-"), authConfig, ts);
    }

    private static RegistryFixture start(Path dir, String authConfig, TokenServer ts) throws IOException {
        try {
            return new RegistryFixture(dir, authConfig, ts);
        } catch (IOException | RuntimeException e) {
            deleteTree(dir);
            throw e;
        }
    }

    /** Whether docker-registry is installed, for tests that would rather skip than fail. */
    public static boolean isAvailable() {
        return locate().isPresent();
    }

    private static Optional<Path> locate() {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/bin";
        for (String d : path.split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, "docker-registry"))) {
                return Optional.of(Path.of(d, "docker-registry"));
            }
        }
        return Optional.empty();
    }

    private static Path findRegistry() {
        return locate().orElseThrow(() -> new IllegalStateException(
                "docker-registry is not installed: run `apt-get install docker-registry` (the reference registry these tests run against)"));
    }

    private int awaitPort() throws IOException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            String text = logs();
            Matcher m = LISTENING.matcher(text);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            if (!process.isAlive()) {
                throw new IOException("docker-registry exited with status " + process.exitValue() + " before listening:\n" + text);
            }
            pause();
        }
        throw new IOException("docker-registry did not report its address within " + START_TIMEOUT.toSeconds() + " s:\n" + logs());
    }

    private void awaitReady() throws IOException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        IOException last = null;
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("docker-registry exited with status " + process.exitValue() + ":\n" + logs());
            }
            try {
                HttpURLConnection c = (HttpURLConnection) baseUri().resolve("/v2/").toURL().openConnection();
                c.setConnectTimeout(1000);
                c.setReadTimeout(1000);
                int status = c.getResponseCode();
                c.disconnect();
                // a TLS registry answers plain HTTP with 400 ("client sent an HTTP request to an HTTPS server"): it is up
                if (status == 200 || status == 401 || (tls && status == 400)) {
                    return;
                }
            } catch (IOException e) {
                last = e;
            }
            pause();
        }
        throw new IOException("docker-registry on port " + port + " did not answer GET /v2/ within " + START_TIMEOUT.toSeconds()
                + " s" + (last == null ? "" : " (" + last.getMessage() + ")") + ":\n" + logs());
    }

    /** A short poll interval while waiting for the process: it bounds the latency of noticing readiness. */
    private static void pause() throws IOException {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for docker-registry");
        }
    }

    /** host:port as in image references, e.g. {@code 127.0.0.1:41317}. */
    public String host() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public URI baseUri() {
        return URI.create("http://" + host());
    }

    /** A reference on this registry, e.g. {@code reference("test/app:1")}. */
    public DockerReference reference(String repositoryAndTag) {
        return DockerReference.parse(host() + "/" + repositoryAndTag);
    }

    public Path storage() {
        return dir.resolve("storage");
    }

    /** The token server of a {@link #tokenAuth} registry. */
    public Optional<TokenServer> tokenServer() {
        return Optional.ofNullable(tokenServer);
    }

    /** The registry's log so far (stdout and stderr), for failure messages. */
    public String logs() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void stopProcess() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stopProcess();
        if (tokenServer != null) {
            tokenServer.close();
        }
        deleteTree(dir);
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // leftovers in /tmp are harmless; failing a test over them is not
                }
            });
        } catch (IOException ignored) {
            // as above
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }
}
