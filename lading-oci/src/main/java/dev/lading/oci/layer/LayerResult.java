package dev.lading.oci.layer;

import dev.lading.oci.Descriptor;
import dev.lading.oci.Digest;
import dev.lading.oci.MediaType;
import dev.lading.oci.MediaType.Compression;

/**
 * What writing a layer produced: the blob's digest and size (what a manifest references) and the diffID
 * (what the image config's rootfs lists), both from the same single pass.
 */
public record LayerResult(Digest digest, long size, Digest diffId, long uncompressedSize, Compression compression) {

    /** The OCI media type of the blob. */
    public String mediaType() {
        return MediaType.layerType(compression, false);
    }

    /** The manifest descriptor of the blob. */
    public Descriptor descriptor() {
        return Descriptor.of(mediaType(), digest, size);
    }
}
