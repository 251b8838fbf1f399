package dev.lading.build;

import dev.lading.oci.Descriptor;
import dev.lading.oci.Digest;
import dev.lading.oci.ImageConfig;

import java.util.List;

/**
 * A FROM image, resolved once: its manifest digest (recorded in the base.digest label), config and layers.
 * The layers' blobs are in the layout the builder writes to, so the new image can reference them.
 *
 * @param name   the reference as the FROM line named it (after ARG expansion)
 * @param digest the digest of the image manifest
 */
public record BaseImage(String name, Digest digest, ImageConfig config, List<Descriptor> layers) {
    public BaseImage {
        layers = List.copyOf(layers);
    }
}
