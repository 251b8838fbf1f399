package dev.lading.scan.efficiency;

import dev.lading.oci.Digest;

/**
 * What one layer adds to an image. {@code contentBytes} is the sum of its entries' sizes (dive's "layer size");
 * {@code uncompressedBytes} the length of its tar stream. Added and modified count non-directory entries: a
 * path is modified when a lower layer already had it. Removed counts whiteouts (an opaque directory counts once),
 * {@code removedBytes} the bytes of the lower files they hide.
 */
public record LayerEfficiency(int index, Digest digest, String createdBy, long compressedBytes, long uncompressedBytes,
                              long contentBytes, int filesAdded, long bytesAdded, int filesModified, long bytesModified,
                              int filesRemoved, long bytesRemoved) {
}
