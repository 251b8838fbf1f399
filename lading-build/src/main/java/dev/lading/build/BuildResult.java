package dev.lading.build;

import dev.lading.oci.Descriptor;
import dev.lading.oci.ImageConfig;

/**
 * A built image, committed to the builder's layout (untagged: the caller names it).
 *
 * @param manifest    the manifest's descriptor, with the platform; its digest is the image ID BuildKit prints
 * @param config      the image configuration
 * @param layersBuilt how many layers were written (not taken from the cache or a base)
 * @param layersCached how many layers came from the cache
 */
public record BuildResult(Descriptor manifest, ImageConfig config, int layersBuilt, int layersCached) {
}
