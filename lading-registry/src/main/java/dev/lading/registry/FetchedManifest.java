package dev.lading.registry;

import dev.lading.oci.Descriptor;
import dev.lading.oci.Digest;

/** A manifest or index exactly as the registry sent it; {@code raw} is what the digest is computed over. */
public record FetchedManifest(String mediaType, Digest digest, byte[] raw) {

    public Descriptor descriptor() {
        return Descriptor.of(mediaType, digest, raw.length);
    }

    @Override
    public String toString() {
        return "FetchedManifest[" + mediaType + ", " + digest + ", " + raw.length + " bytes]";
    }
}
