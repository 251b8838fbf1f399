/**
 * Snapshotters: what a RUN did to a stage's rootfs, as layer entries.
 *
 * <p>{@link dev.lading.build.snapshot.OverlaySnapshotter} reads the upper directory of an overlay the sandbox
 * mounted (with {@link dev.lading.build.snapshot.OverlaySnapshotter#MOUNT_OPTIONS}) and moves it onto the
 * rootfs; {@link dev.lading.build.snapshot.CopyDiffSnapshotter} lets the RUN write into the rootfs and compares
 * metadata scans. Both describe the change through one package-private change set, which holds the rules that
 * must not drift apart: which paths become entries, whiteouts instead of opaque markers, hardlink groups, and
 * owners (disk ids through the sandbox's id mapping, or the ownership record of a rootless extraction for
 * paths the RUN did not chown). {@code SnapshotterParityTest} runs the same change scripts through both and
 * requires identical entries.
 *
 * <p>Use: {@code begin} before the RUN, run the sandbox on {@code session.root()}, {@code commit} after a
 * successful RUN, write the entries with {@link dev.lading.oci.layer.LayerWriter} and keep
 * {@code Result.owners()} for the next session. After a failed RUN, {@code close} without commit; the rootfs is
 * unchanged only where {@link dev.lading.build.snapshot.Snapshotter#restoresOnDiscard()} says so.
 */
package dev.lading.build.snapshot;
