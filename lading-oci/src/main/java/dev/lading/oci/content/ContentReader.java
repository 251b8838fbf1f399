package dev.lading.oci.content;

import dev.lading.oci.Descriptor;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * The content view of one image reference in some transport (registry, OCI layout, archive, the store).
 * Everything handed out is verified against its descriptor: manifests before they are returned,
 * blobs when their stream reaches EOF (a mismatch throws from {@code read}).
 */
public interface ContentReader extends Closeable {

    /** The root the reference names: an image manifest or an index, with its media type, digest and size. */
    Descriptor resolve() throws IOException;

    /** The exact bytes of a manifest or index, verified against {@code descriptor}. */
    byte[] fetchManifest(Descriptor descriptor) throws IOException;

    /** A blob's bytes (config or layer), verified against {@code descriptor} at EOF. */
    InputStream openBlob(Descriptor descriptor) throws IOException;

    /** Convenience for small blobs (configs): the whole blob, verified. */
    default byte[] readBlob(Descriptor descriptor) throws IOException {
        if (descriptor.size() > 64L * 1024 * 1024) {
            throw new IOException("blob " + descriptor.digest() + " is too large to read into memory (" + descriptor.size() + " bytes)");
        }
        try (InputStream in = openBlob(descriptor)) {
            return in.readAllBytes();
        }
    }

    @Override
    default void close() throws IOException {
    }
}
