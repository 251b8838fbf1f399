package dev.lading.oci.content;

import dev.lading.oci.Descriptor;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * The write side of a transport. A copy writes blobs first, then child manifests, then the root,
 * so a reader never sees a manifest whose blobs are missing.
 */
public interface ContentWriter extends Closeable {

    /** Whether the destination already holds this blob (then it is never sent again). */
    boolean hasBlob(Descriptor descriptor) throws IOException;

    /** Writes a blob; the implementation verifies digest and size before the blob becomes visible. */
    void writeBlob(Descriptor descriptor, InputStream content) throws IOException;

    /**
     * Writes a blob that can be read again from its start. A destination that may have to send it again (a
     * registry upload after a dropped connection or a 5xx) reopens it; the default reads it once.
     */
    default void writeBlob(Descriptor descriptor, BlobOpener content) throws IOException {
        try (InputStream in = content.open()) {
            writeBlob(descriptor, in);
        }
    }

    /**
     * Tries to obtain the blob without sending it, e.g. a registry's cross-repository mount.
     * Returns false when that is not possible; the caller then uses {@link #writeBlob}.
     */
    default boolean tryMountBlob(Descriptor descriptor, ContentReader source) throws IOException {
        return false;
    }

    /**
     * Whether the destination already holds this image manifest and, by its own guarantee, every blob the
     * manifest references (a registry refuses a manifest whose blobs it lacks). Then a copy sends no blob and
     * does not even ask for them one by one. False when unsure.
     */
    default boolean hasManifest(Descriptor manifest) throws IOException {
        return false;
    }

    /** Writes a manifest or index that is referenced by digest only (a child of an index). */
    void writeManifest(Descriptor descriptor, byte[] raw) throws IOException;

    /** Writes the root manifest or index and points the destination's reference (tag) at it. */
    void commit(Descriptor root, byte[] raw) throws IOException;

    @Override
    default void close() throws IOException {
    }
}
