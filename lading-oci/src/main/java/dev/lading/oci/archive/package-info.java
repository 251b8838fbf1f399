/**
 * The archive transports: {@code docker-archive} ({@link dev.lading.oci.archive.DockerArchive}: a
 * {@link dev.lading.oci.content.ContentReader} over {@code docker save} output of any Docker since 1.10, and a
 * {@link dev.lading.oci.content.ContentWriter} producing what {@code docker load} and skopeo read) and
 * {@code oci-archive} ({@link dev.lading.oci.archive.OciArchive}: safe extraction of a tarred OCI image layout and
 * reproducible packing of one).
 *
 * <p>Archives are treated as hostile input: names are cleaned and may not climb out, links are followed only
 * inside the archive, sizes are checked against the file, every blob is checked against its digest, and every
 * failure is an {@link dev.lading.oci.OciException} (or a {@link dev.lading.oci.content.DigestMismatchException})
 * that names the archive and the entry. Layers are never held in memory: the tar is indexed once and entries are
 * read by position.
 */
package dev.lading.oci.archive;
