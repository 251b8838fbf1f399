package dev.lading.build;

import dev.lading.oci.Descriptor;
import dev.lading.oci.Platform;
import dev.lading.oci.content.ContentReader;
import dev.lading.oci.content.ResolvedImage;
import dev.lading.oci.layout.OciLayout;

import java.io.IOException;
import java.io.InputStream;

/**
 * Finds the image a FROM line names (never {@code scratch}, never an earlier stage) and makes its blobs
 * available in the builder's layout. The CLI decides what a name means (local store first, then a registry).
 */
@FunctionalInterface
public interface BaseImageResolver {

    BaseImage resolve(String image, Platform platform, OciLayout into) throws IOException;

    /** Opens a reader for an image name; what {@link #copying} needs from a transport. */
    @FunctionalInterface
    interface ReaderOpener {
        ContentReader open(String image) throws IOException;
    }

    /** A resolver that copies the platform's image from whatever {@code opener} returns into the builder's layout. */
    static BaseImageResolver copying(ReaderOpener opener) {
        return (image, platform, into) -> {
            ResolvedImage resolved;
            try (ContentReader reader = opener.open(image)) {
                resolved = ResolvedImage.load(reader, platform);
                // Only the layers: the new image gets its own config and manifest.
                for (Descriptor layer : resolved.manifest().layers()) {
                    if (!into.hasBlob(layer.digest())) {
                        try (InputStream in = reader.openBlob(layer)) {
                            into.writeBlob(layer, in);
                        }
                    }
                }
            }
            return new BaseImage(image, resolved.manifestDescriptor().digest(), resolved.config(), resolved.manifest().layers());
        };
    }

    /** For builds that must not reach any image: every FROM other than scratch or a stage fails. */
    static BaseImageResolver none() {
        return (image, platform, into) -> {
            throw new BuildException("cannot resolve base image '" + image + "': no image source configured");
        };
    }
}
