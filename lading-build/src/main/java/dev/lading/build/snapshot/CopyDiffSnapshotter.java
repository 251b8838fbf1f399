package dev.lading.build.snapshot;

import dev.lading.build.IdMapping;
import dev.lading.build.Sandbox;
import dev.lading.oci.layer.LayerEntry;
import dev.lading.oci.layer.Ownership;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The fallback snapshotter: the RUN writes into the rootfs directly, and {@link Session#commit()} compares a
 * metadata scan taken after it with one taken before. Nothing is hashed: {@code (dev, inode, ctime)} changes
 * with every write, chmod, chown, link or rename, and a process cannot set ctime back, so mode, owners, size,
 * mtime, ctime, inode, device, link count and rdev decide what changed. A 100k-path tree scans in a few seconds.
 *
 * <p>What it emits, so that it agrees with {@link OverlaySnapshotter}: every new or changed path, every
 * ancestor directory of a change, a whiteout for each deleted path whose parent still is a directory (one for
 * a deleted tree), and a type change as the new entry alone. Files sharing an inode become one file and
 * hardlinks to it, the first in byte order being the file. A new hardlink to an existing file changes that
 * file's ctime (the link count is inode metadata), so the old path is emitted again as the file and the new
 * one links to it; the layer never links to a lower-layer path. Sockets are skipped: tar cannot hold them.
 *
 * A file that only lost one of its names is not emitted (see {@code onlyLostLinks}).
 *
 * <p>Known limits: a write to a file that has other hardlinks in lower layers emits all its names (they all
 * changed, as the rootfs shows) where overlayfs breaks the link and emits one; changes to the root directory
 * itself are not representable in a layer and are dropped; a rewrite of the same size within the kernel's
 * timestamp granularity of the scan would be missed on kernels without fine-grained ctime (before 6.13).
 *
 * <p>{@link Snapshotter.Session#close()} without commit cannot undo the RUN's writes (see
 * {@link #restoresOnDiscard()}): the caller discards that rootfs.
 */
public final class CopyDiffSnapshotter implements Snapshotter {

    @Override
    public String name() {
        return "copy-diff";
    }

    /** False: a failed RUN's writes stay in the rootfs, which the caller must discard or re-extract. */
    @Override
    public boolean restoresOnDiscard() {
        return false;
    }

    @Override
    public Session begin(Path rootfs, Map<String, Ownership> owners, IdMapping mapping) throws IOException {
        Path root = rootfs.toRealPath();
        return new CopyDiffSession(root, Map.copyOf(owners), Objects.requireNonNull(mapping, "mapping"), TreeScan.scan(root));
    }

    private static final class CopyDiffSession implements Session {
        private final Path root;
        private final Map<String, Ownership> owners;
        private final IdMapping mapping;
        private final Map<String, FileMeta> before;
        private boolean done;

        CopyDiffSession(Path root, Map<String, Ownership> owners, IdMapping mapping, Map<String, FileMeta> before) {
            this.root = root;
            this.owners = owners;
            this.mapping = mapping;
            this.before = before;
        }

        @Override
        public Sandbox.Root root() {
            return new Sandbox.Root.Directory(root);
        }

        @Override
        public Result commit() throws IOException {
            if (done) {
                throw new IllegalStateException("this snapshot session is already committed or closed");
            }
            done = true;
            Map<String, FileMeta> after = TreeScan.scan(root);
            ChangeSet changes = new ChangeSet();
            Set<String> changed = new HashSet<>();
            after.forEach((path, a) -> {
                FileMeta b = before.get(path);
                if (!a.equals(b) && !onlyLostLinks(a, b)) {
                    changes.put(path, root.resolve(path), a, b);
                    changed.add(path);
                }
            });
            for (String path : before.keySet()) {
                if (after.containsKey(path)) {
                    continue;
                }
                String parent = parentOf(path);
                FileMeta p = parent.isEmpty() ? null : after.get(parent);
                if (parent.isEmpty() || (p != null && p.isDirectory())) {
                    changes.delete(path); // one whiteout for a tree: its children have no directory left
                    changed.add(path);
                }
            }
            for (String path : changed) {
                for (String dir = parentOf(path); !dir.isEmpty() && !changes.isPut(dir); dir = parentOf(dir)) {
                    changes.put(dir, root.resolve(dir), after.get(dir), before.get(dir));
                }
            }
            List<LayerEntry> entries = changes.entries(root, owners, mapping);
            return new Result(entries, changes.owners(owners, after::containsKey));
        }

        /** Nothing to undo with: the RUN wrote into the rootfs (see {@link CopyDiffSnapshotter#restoresOnDiscard()}). */
        @Override
        public void close() {
            done = true;
        }
    }

    /**
     * A file that only lost names (another hardlink to it was removed: link count down, ctime moved, nothing
     * else) is unchanged for the layer, as for overlayfs, which leaves the lower inode alone; the removed name
     * gets its whiteout. The price: an xattr change made in the same RUN to such a file goes unseen.
     */
    private static boolean onlyLostLinks(FileMeta a, FileMeta b) {
        return b != null && a.isRegularFile() && b.isRegularFile() && a.nlink() < b.nlink()
                && a.ino() == b.ino() && a.dev() == b.dev() && a.mode() == b.mode() && a.uid() == b.uid()
                && a.gid() == b.gid() && a.size() == b.size() && a.mtimeNanos() == b.mtimeNanos();
    }

    static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }
}
