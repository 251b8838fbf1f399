package dev.lading.oci;

import java.nio.file.Path;

/**
 * Where an image is, in the transports users know from skopeo:
 * {@code docker://host/repo:tag@sha256:…} (a bare {@code repo:tag} too), {@code oci:DIR[:REF]},
 * {@code oci-archive:FILE[:REF]}, {@code docker-archive:FILE[:repo:tag|@N]}, and lading's own store
 * ({@code store:repo:tag}).
 */
public sealed interface ImageReference {

    /** The reference as the user would write it, for messages. */
    String display();

    record Registry(DockerReference ref, boolean explicit) implements ImageReference {
        @Override
        public String display() {
            return "docker://" + ref;
        }
    }

    /** An image in lading's local store, named like a registry image. */
    record Store(DockerReference name) implements ImageReference {
        @Override
        public String display() {
            return "store:" + name;
        }
    }

    /** An OCI image layout directory; {@code reference} is a ref.name or a digest, or null for the only image. */
    record OciLayoutDir(Path dir, String reference) implements ImageReference {
        @Override
        public String display() {
            return "oci:" + dir + (reference == null ? "" : ":" + reference);
        }
    }

    record OciArchive(Path file, String reference) implements ImageReference {
        @Override
        public String display() {
            return "oci-archive:" + file + (reference == null ? "" : ":" + reference);
        }
    }

    /** A docker-archive tarball; {@code reference} is {@code repo:tag}, {@code @N}, or null for the only image. */
    record DockerArchive(Path file, String reference) implements ImageReference {
        @Override
        public String display() {
            return "docker-archive:" + file + (reference == null ? "" : ":" + reference);
        }
    }

    static ImageReference parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty image reference");
        }
        int colon = text.indexOf(':');
        String transport = colon > 0 ? text.substring(0, colon) : "";
        String rest = colon > 0 ? text.substring(colon + 1) : text;
        switch (transport) {
            case "docker":
                if (!rest.startsWith("//")) {
                    throw new IllegalArgumentException("invalid reference '" + text + "': write docker://HOST/REPO:TAG");
                }
                return new Registry(DockerReference.parse(rest.substring(2)), true);
            case "oci": {
                String[] pr = pathAndRef(rest, text);
                return new OciLayoutDir(Path.of(pr[0]), pr[1]);
            }
            case "oci-archive": {
                String[] pr = pathAndRef(rest, text);
                return new OciArchive(Path.of(pr[0]), pr[1]);
            }
            case "docker-archive": {
                String[] pr = pathAndRef(rest, text);
                return new DockerArchive(Path.of(pr[0]), pr[1]);
            }
            case "store":
            case "lading":
                return new Store(DockerReference.parse(rest));
            case "containers-storage":
            case "docker-daemon":
            case "dir":
                throw new IllegalArgumentException("transport '" + transport + ":' is not supported by lading "
                        + "(use docker://, oci:, oci-archive:, docker-archive: or store:)");
            default:
                return new Registry(DockerReference.parse(text), false);
        }
    }

    /**
     * Splits {@code PATH[:REF]} at the first colon after the path, as skopeo does. A ref that is a digest
     * ({@code sha256:…}) keeps its own colon; {@code PATH@sha256:…} also works.
     */
    private static String[] pathAndRef(String rest, String text) {
        if (rest.isEmpty()) {
            throw new IllegalArgumentException("invalid reference '" + text + "': no path");
        }
        int at = rest.lastIndexOf("@sha");
        if (at > 0 && Digest.isValid(rest.substring(at + 1))) {
            return new String[]{rest.substring(0, at), rest.substring(at + 1)};
        }
        int c = rest.indexOf(':');
        if (c < 0) {
            return new String[]{rest, null};
        }
        String path = rest.substring(0, c);
        String ref = rest.substring(c + 1);
        if (path.isEmpty()) {
            throw new IllegalArgumentException("invalid reference '" + text + "': no path");
        }
        return new String[]{path, ref.isEmpty() ? null : ref};
    }
}
