package dev.lading.registry;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Per-registry TLS files where docker, podman and skopeo look for them: a directory named after the registry
 * ({@code HOST} or {@code HOST:PORT}) under {@code ~/.config/containers/certs.d}, {@code /etc/containers/certs.d}
 * or {@code /etc/docker/certs.d} (the first that exists is used, as containers/image does). In it, {@code *.crt} are
 * extra trusted CAs and each {@code NAME.cert} with its {@code NAME.key} is a client certificate for mutual TLS.
 * {@code LADING_CERTS_DIR} (a {@code :}-separated list) replaces the three roots, e.g. for tests.
 */
public final class CertsDirectories {

    /** What a registry's directory holds. */
    public record HostCertificates(Path directory, List<Path> caCertificates, List<RegistryOptions.ClientCertificate> clientCertificates) {
        public HostCertificates {
            caCertificates = List.copyOf(caCertificates);
            clientCertificates = List.copyOf(clientCertificates);
        }

        public boolean isEmpty() {
            return caCertificates.isEmpty() && clientCertificates.isEmpty();
        }
    }

    private final List<Path> roots;
    private final Path fixed;

    private CertsDirectories(List<Path> roots, Path fixed) {
        this.roots = List.copyOf(roots);
        this.fixed = fixed;
    }

    /** No per-registry files at all. */
    public static CertsDirectories none() {
        return new CertsDirectories(List.of(), null);
    }

    /** Directories that hold one subdirectory per registry, searched in order. */
    public static CertsDirectories roots(List<Path> roots) {
        return new CertsDirectories(roots, null);
    }

    /** One directory whose files apply to every registry (skopeo's {@code --cert-dir}). */
    public static CertsDirectories single(Path directory) {
        return new CertsDirectories(List.of(), directory);
    }

    /** The roots from {@code LADING_CERTS_DIR}, or the user's and the system's certs.d directories. */
    public static CertsDirectories system(HostEnvironment env) {
        Optional<String> override = env.get("LADING_CERTS_DIR");
        if (override.isPresent()) {
            List<Path> roots = new ArrayList<>();
            for (String p : override.get().split(File.pathSeparator)) {
                if (!p.isBlank()) {
                    roots.add(Path.of(p));
                }
            }
            return roots(roots);
        }
        Path user = env.get("XDG_CONFIG_HOME").map(Path::of).orElse(env.home().resolve(".config"));
        return roots(List.of(user.resolve("containers/certs.d"), Path.of("/etc/containers/certs.d"), Path.of("/etc/docker/certs.d")));
    }

    public List<Path> searched() {
        return fixed != null ? List.of(fixed) : roots;
    }

    /** The files for {@code registry} (host[:port] as in references), or empty when no directory names it. */
    public Optional<HostCertificates> forRegistry(String registry) throws IOException {
        if (fixed != null) {
            return Optional.of(read(fixed));
        }
        if (registry.contains("/") || registry.equals("..") || registry.equals(".")) {
            return Optional.empty();
        }
        for (Path root : roots) {
            Path dir = root.resolve(registry);
            if (Files.isDirectory(dir)) {
                return Optional.of(read(dir));
            }
        }
        return Optional.empty();
    }

    /** Reads one directory: {@code *.crt} CAs, {@code *.cert}/{@code *.key} pairs (either without the other is an error). */
    public static HostCertificates read(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        List<Path> cas = new ArrayList<>();
        List<RegistryOptions.ClientCertificate> clients = new ArrayList<>();
        for (Path f : files) {
            String name = f.getFileName().toString();
            if (name.endsWith(".crt")) {
                cas.add(f);
            } else if (name.endsWith(".cert")) {
                Path key = dir.resolve(name.substring(0, name.length() - ".cert".length()) + ".key");
                if (!Files.isRegularFile(key)) {
                    throw new IOException("client certificate " + f + " has no key " + key.getFileName() + " beside it"
                            + " (a CA certificate must be named *.crt, a client certificate NAME.cert with NAME.key)");
                }
                clients.add(new RegistryOptions.ClientCertificate(f, key));
            } else if (name.endsWith(".key")) {
                Path cert = dir.resolve(name.substring(0, name.length() - ".key".length()) + ".cert");
                if (!Files.isRegularFile(cert)) {
                    throw new IOException("key " + f + " has no client certificate " + cert.getFileName() + " beside it");
                }
            }
        }
        return new HostCertificates(dir, cas, clients);
    }

    @Override
    public String toString() {
        return "CertsDirectories" + searched();
    }
}
