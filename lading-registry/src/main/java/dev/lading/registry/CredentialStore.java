package dev.lading.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lading.oci.DockerReference;
import dev.lading.oci.Json;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Registry credentials where podman, skopeo and docker keep them, looked up in their order:
 * {@code $REGISTRY_AUTH_FILE}, {@code $XDG_RUNTIME_DIR/containers/auth.json}, {@code ~/.config/containers/auth.json},
 * {@code $DOCKER_CONFIG/config.json} (default {@code ~/.docker/config.json}). In each file a per-registry
 * {@code credHelpers} entry wins, then the default {@code credsStore}, then the inline {@code auths} entry
 * (base64 {@code user:password}, or an {@code identitytoken}).
 */
public final class CredentialStore implements CredentialProvider {

    /** Docker Hub's historical key in config.json; docker login writes it and credential helpers store under it. */
    public static final String DOCKER_HUB_KEY = "https://index.docker.io/v1/";

    private final HostEnvironment env;

    public CredentialStore(HostEnvironment env) {
        this.env = env;
    }

    public static CredentialStore system() {
        return new CredentialStore(HostEnvironment.system());
    }

    /** The files consulted, in order (whether or not they exist). */
    public List<Path> authFiles() {
        Set<Path> files = new LinkedHashSet<>();
        env.get("REGISTRY_AUTH_FILE").map(Path::of).ifPresent(files::add);
        env.get("XDG_RUNTIME_DIR").map(d -> Path.of(d, "containers", "auth.json")).ifPresent(files::add);
        files.add(env.get("XDG_CONFIG_HOME").map(Path::of).orElse(env.home().resolve(".config")).resolve("containers").resolve("auth.json"));
        files.add(dockerConfig());
        return List.copyOf(files);
    }

    private Path dockerConfig() {
        return env.get("DOCKER_CONFIG").map(Path::of).orElse(env.home().resolve(".docker")).resolve("config.json");
    }

    /** Where {@link #login} writes: the containers auth file when podman's variables say so, otherwise docker's config.json. */
    public Path loginFile() {
        return env.get("REGISTRY_AUTH_FILE").map(Path::of)
                .or(() -> env.get("XDG_RUNTIME_DIR").map(d -> Path.of(d, "containers", "auth.json")))
                .orElse(dockerConfig());
    }

    @Override
    public Credentials credentialsFor(String registry) throws IOException {
        String host = normalize(registry);
        for (Path file : authFiles()) {
            Optional<ObjectNode> root = read(file);
            if (root.isEmpty()) {
                continue;
            }
            Optional<Credentials> found = lookup(root.get(), file, host);
            if (found.isPresent()) {
                return found.get();
            }
        }
        return Credentials.anonymous();
    }

    private Optional<Credentials> lookup(ObjectNode root, Path file, String host) throws IOException {
        Optional<String> helper = matchingKey(root.path("credHelpers"), host).map(k -> root.path("credHelpers").path(k).asText(""));
        if (helper.isPresent() && !helper.get().isEmpty()) {
            return new CredentialHelper(helper.get(), env).get(serverUrl(host));
        }
        String store = root.path("credsStore").asText("");
        if (!store.isEmpty()) {
            Optional<Credentials> c = new CredentialHelper(store, env).get(serverUrl(host));
            if (c.isPresent()) {
                return c;
            }
        }
        Optional<String> key = matchingKey(root.path("auths"), host);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        JsonNode entry = root.path("auths").path(key.get());
        String auth = entry.path("auth").asText("");
        String identityToken = entry.path("identitytoken").asText("");
        String user = null;
        String password = null;
        if (!auth.isEmpty()) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(auth.trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new IOException("the auth entry for " + key.get() + " in " + file + " is not valid base64");
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw new IOException("the auth entry for " + key.get() + " in " + file + " is not base64 of user:password");
            }
            user = decoded.substring(0, colon);
            password = decoded.substring(colon + 1);
        }
        if (!identityToken.isEmpty()) {
            return Optional.of(new Credentials.IdentityToken(user, identityToken));
        }
        if (user != null && !(user.isEmpty() && password.isEmpty())) {
            return Optional.of(new Credentials.UsernamePassword(user, password));
        }
        return Optional.empty();
    }

    /**
     * Stores credentials for {@code registry} in {@link #loginFile()}: through the file's credential helper if it
     * names one for this registry (or a default credsStore), otherwise inline. Returns the file that was written.
     * Does not contact the registry: check the credentials first with {@link RegistryClient#ping()}.
     */
    public Path login(String registry, String username, String password) throws IOException {
        String host = normalize(registry);
        new Credentials.UsernamePassword(username, password); // validates
        Path file = loginFile();
        ObjectNode root = read(file).orElseGet(() -> Json.mapper().createObjectNode());
        ObjectNode auths = root.has("auths") && root.get("auths").isObject() ? (ObjectNode) root.get("auths") : root.putObject("auths");
        String key = writeKey(file, host);
        Optional<String> helper = matchingKey(root.path("credHelpers"), host).map(k -> root.path("credHelpers").path(k).asText(""))
                .filter(h -> !h.isEmpty())
                .or(() -> Optional.of(root.path("credsStore").asText("")).filter(h -> !h.isEmpty()));
        removeEntries(auths, host);
        if (helper.isPresent()) {
            new CredentialHelper(helper.get(), env).store(serverUrl(host), username, password);
            if (!root.path("credHelpers").has(key)) {
                auths.putObject(key); // docker's marker: this registry is logged in through credsStore
            }
        } else {
            String encoded = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
            auths.putObject(key).put("auth", encoded);
        }
        writeAtomically(file, root);
        return file;
    }

    /** Removes stored credentials for {@code registry} from {@link #loginFile()} and its helper; false if there were none. */
    public boolean logout(String registry) throws IOException {
        String host = normalize(registry);
        Path file = loginFile();
        Optional<ObjectNode> existing = read(file);
        if (existing.isEmpty()) {
            return false;
        }
        ObjectNode root = existing.get();
        boolean removed = false;
        Optional<String> helper = matchingKey(root.path("credHelpers"), host).map(k -> root.path("credHelpers").path(k).asText(""))
                .filter(h -> !h.isEmpty())
                .or(() -> Optional.of(root.path("credsStore").asText("")).filter(h -> !h.isEmpty()));
        if (helper.isPresent()) {
            removed = new CredentialHelper(helper.get(), env).erase(serverUrl(host));
        }
        if (root.get("auths") instanceof ObjectNode auths && removeEntries(auths, host)) {
            removed = true;
            writeAtomically(file, root);
        }
        return removed;
    }

    private static boolean removeEntries(ObjectNode auths, String host) {
        boolean removed = false;
        for (Iterator<String> it = auths.fieldNames(); it.hasNext(); ) {
            if (normalize(it.next()).equals(host)) {
                it.remove();
                removed = true;
            }
        }
        return removed;
    }

    private String writeKey(Path file, String host) {
        // docker keeps Docker Hub under its v1 index URL; podman's auth.json uses the plain host.
        boolean dockerFile = file.getFileName().toString().equals("config.json");
        return host.equals(DockerReference.DOCKER_HUB) && dockerFile ? DOCKER_HUB_KEY : host;
    }

    /** The server URL credential helpers know a registry by: Docker Hub's index URL, otherwise the host. */
    static String serverUrl(String host) {
        return host.equals(DockerReference.DOCKER_HUB) ? DOCKER_HUB_KEY : host;
    }

    /**
     * A key as the tools write it → the registry host: scheme and path dropped from URLs
     * ({@code https://index.docker.io/v1/} → {@code docker.io}), Docker Hub's aliases unified.
     * Keys without a scheme keep their path, so podman's per-namespace keys ({@code host/ns}) match only themselves.
     */
    static String normalize(String key) {
        String k = key.trim();
        int scheme = k.indexOf("://");
        if (scheme >= 0) {
            k = k.substring(scheme + 3);
            int slash = k.indexOf('/');
            if (slash >= 0) {
                k = k.substring(0, slash);
            }
        }
        while (k.endsWith("/")) {
            k = k.substring(0, k.length() - 1);
        }
        k = k.toLowerCase(Locale.ROOT);
        return switch (k) {
            case "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com" -> DockerReference.DOCKER_HUB;
            default -> k;
        };
    }

    private static Optional<String> matchingKey(JsonNode object, String host) {
        if (object == null || !object.isObject()) {
            return Optional.empty();
        }
        List<String> keys = new ArrayList<>();
        object.fieldNames().forEachRemaining(keys::add);
        // An exact key beats an equivalent alias (docker.io vs https://index.docker.io/v1/).
        return keys.stream().filter(k -> k.equals(host)).findFirst()
                .or(() -> keys.stream().filter(k -> normalize(k).equals(host)).findFirst());
    }

    private static Optional<ObjectNode> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        byte[] data = Files.readAllBytes(file);
        if (data.length == 0 || new String(data, StandardCharsets.UTF_8).isBlank()) {
            return Optional.of(Json.mapper().createObjectNode());
        }
        JsonNode node;
        try {
            node = Json.mapper().readTree(data);
        } catch (IOException e) {
            // The parser's message could quote file content (a secret); say only where it is broken.
            throw new IOException("credentials file " + file + " is not valid JSON (line "
                    + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getLocation() != null ? j.getLocation().getLineNr() : "?")
                    + "): fix or remove it");
        }
        if (!(node instanceof ObjectNode o)) {
            throw new IOException("credentials file " + file + " is not a JSON object");
        }
        return Optional.of(o);
    }

    /** Temp file beside the target (so rename is atomic), mode 0600 from creation, fsync, then rename over. */
    private static void writeAtomically(Path target, ObjectNode root) throws IOException {
        // A config.json that is a symlink (dotfile managers) is updated where it points, not replaced by a file.
        Path file = Files.isSymbolicLink(target) ? target.toRealPath() : target;
        Path dir = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            try {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (UnsupportedOperationException e) {
                Files.createDirectories(dir);
            } catch (FileAlreadyExistsException ignored) {
                // another process made it
            }
        }
        Path tmp;
        try {
            tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        }
        try {
            byte[] data = (Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(java.nio.ByteBuffer.wrap(data));
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public String toString() {
        return "CredentialStore" + authFiles();
    }

}
