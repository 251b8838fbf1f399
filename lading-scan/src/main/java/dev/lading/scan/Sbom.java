package dev.lading.scan;

import dev.lading.oci.Digest;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an image contains: the packages every cataloger found, sorted ({@link Package#ORDER}), and the
 * warnings about what had to be skipped.
 */
public record Sbom(Subject subject, Optional<Distro> distro, List<Package> packages, List<String> warnings) {

    /**
     * The image described.
     *
     * @param name     the reference as the user gave it ({@code docker.io/library/debian:12}, {@code oci:dir:tag})
     * @param digest   the image manifest's digest
     * @param platform {@code linux/amd64}
     * @param layers   the layer digests in manifest order
     * @param created  the image config's {@code created}, if any
     */
    public record Subject(String name, Digest digest, String platform, List<Digest> layers, String created) {
        public Subject {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(digest, "digest");
            layers = List.copyOf(layers);
        }
    }

    public Sbom {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(distro, "distro");
        packages = packages.stream().sorted(Package.ORDER).toList();
        warnings = List.copyOf(warnings);
    }
}
