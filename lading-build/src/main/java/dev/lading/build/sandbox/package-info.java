/**
 * The sandboxes a RUN executes in: {@link dev.lading.build.sandbox.BubblewrapSandbox} (bwrap),
 * {@link dev.lading.build.sandbox.UnshareSandbox} (util-linux unshare and setpriv) and
 * {@link dev.lading.build.sandbox.OciRuntimeSandbox} (an OCI runtime: crun or runc), and
 * {@link dev.lading.build.sandbox.Sandboxes}, which tries them on this host and picks one.
 *
 * <p>All leave nothing of their own in the root filesystem the snapshotter diffs: mount points a directory
 * root lacks are created before the run and removed after it (parent mtimes restored), and an overlay root gets
 * them from a scaffold directory mounted as its lowest layer. A lading killed with SIGKILL cannot clean up:
 * empty mount point directories (/proc, /dev, ...) may then be left in a directory root.
 */
package dev.lading.build.sandbox;
