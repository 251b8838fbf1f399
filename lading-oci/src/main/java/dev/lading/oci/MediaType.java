package dev.lading.oci;

import java.util.Set;

/** Media types of the OCI image spec and of Docker's image manifest v2 schema 2. */
public final class MediaType {
    private MediaType() {
    }

    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    public static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar";
    public static final String OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
    public static final String OCI_LAYER_ZSTD = "application/vnd.oci.image.layer.v1.tar+zstd";
    public static final String OCI_LAYER_NONDIST = "application/vnd.oci.image.layer.nondistributable.v1.tar";
    public static final String OCI_LAYER_NONDIST_GZIP = "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip";
    public static final String OCI_LAYER_NONDIST_ZSTD = "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd";
    public static final String OCI_EMPTY = "application/vnd.oci.empty.v1+json";

    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
    public static final String DOCKER_LAYER_GZIP = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    public static final String DOCKER_LAYER_FOREIGN_GZIP = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";
    public static final String DOCKER_MANIFEST_V1_SIGNED = "application/vnd.docker.distribution.manifest.v1+prettyjws";

    private static final Set<String> MANIFESTS = Set.of(OCI_MANIFEST, DOCKER_MANIFEST);
    private static final Set<String> INDEXES = Set.of(OCI_INDEX, DOCKER_MANIFEST_LIST);

    /** Every manifest type the registry client asks for in an Accept header. */
    public static final String ACCEPT_MANIFESTS = String.join(", ", OCI_INDEX, DOCKER_MANIFEST_LIST, OCI_MANIFEST, DOCKER_MANIFEST);

    public static boolean isImageManifest(String mediaType) {
        return MANIFESTS.contains(mediaType);
    }

    public static boolean isIndex(String mediaType) {
        return INDEXES.contains(mediaType);
    }

    public static boolean isManifestOrIndex(String mediaType) {
        return isImageManifest(mediaType) || isIndex(mediaType);
    }

    public static boolean isDocker(String mediaType) {
        return mediaType != null && mediaType.startsWith("application/vnd.docker.");
    }

    public static boolean isLayer(String mediaType) {
        return mediaType != null && (mediaType.startsWith("application/vnd.oci.image.layer.")
                || mediaType.startsWith("application/vnd.docker.image.rootfs."));
    }

    public static Compression layerCompression(String mediaType) {
        if (mediaType == null) {
            return Compression.NONE;
        }
        if (mediaType.endsWith("+gzip") || mediaType.endsWith(".tar.gzip")) {
            return Compression.GZIP;
        }
        if (mediaType.endsWith("+zstd")) {
            return Compression.ZSTD;
        }
        return Compression.NONE;
    }

    /** The layer media type for a compression, in the OCI or the Docker family. */
    public static String layerType(Compression compression, boolean docker) {
        if (docker) {
            if (compression != Compression.GZIP) {
                throw new IllegalArgumentException("Docker schema 2 manifests only carry gzip layers");
            }
            return DOCKER_LAYER_GZIP;
        }
        return switch (compression) {
            case NONE -> OCI_LAYER;
            case GZIP -> OCI_LAYER_GZIP;
            case ZSTD -> OCI_LAYER_ZSTD;
        };
    }

    public enum Compression {
        NONE, GZIP, ZSTD
    }
}
