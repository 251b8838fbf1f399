/**
 * Layer tars: writing them reproducibly, reading them safely.
 *
 * <ul>
 * <li>{@link dev.lading.oci.layer.LayerWriter} turns {@link dev.lading.oci.layer.LayerEntry} lists (by hand or
 *     from {@link dev.lading.oci.layer.LayerEntries#fromDirectory}) into a tar, gzip or zstd blob and, in the
 *     same pass, its digest, diffID and sizes ({@link dev.lading.oci.layer.LayerResult}).</li>
 * <li>{@link dev.lading.oci.layer.LayerCompression} detects, decompresses and hashes blobs of any encoding.</li>
 * <li>{@link dev.lading.oci.layer.LayerExtractor} applies a layer onto a directory with OCI whiteout semantics,
 *     treating the tar as hostile, and reports what it could not apply rootless
 *     ({@link dev.lading.oci.layer.ExtractionReport}).</li>
 * </ul>
 *
 * The writer and the extractor are deliberately asymmetric: the writer only accepts canonical entries and so
 * can only produce clean layers; the extractor accepts what real registries serve (absolute names, "./"
 * prefixes, GNU and PAX extensions) and refuses only what is unsafe or broken.
 */
package dev.lading.oci.layer;
