package dev.lading.build.snapshot;

import dev.lading.build.IdMapping;
import dev.lading.build.Sandbox;
import dev.lading.oci.layer.LayerEntry;
import dev.lading.oci.layer.Ownership;

import java.io.IOException;
import java.nio.file.Files;
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
 * itself are not representable in a layer and are dropped. {@link #begin} returns only once the file system
 * clock has moved past the newest ctime it scanned, so a same-size rewrite right after it is still seen on
 * kernels with coarse timestamps.
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
        Map<String, FileMeta> before = TreeScan.scan(root);
        waitForClockPast(before, root);
        return new CopyDiffSession(root, Map.copyOf(owners), Objects.requireNonNull(mapping, "mapping"), before);
    }

    /**
     * The "racy git" problem: a kernel without fine-grained timestamps stamps ctime from a clock that only
     * moves once per tick (a few ms), so a file changed in the same tick as the scan, to the same size, would
     * look unchanged. Once a fresh file's ctime is past every ctime the scan saw, any later change gets a
     * ctime the scan did not record. Usually the first probe is already past: the scan takes longer than a tick.
     */
    private static void waitForClockPast(Map<String, FileMeta> scan, Path root) throws IOException {
        long newest = Long.MIN_VALUE;
        for (FileMeta m : scan.values()) {
            newest = Math.max(newest, m.ctimeNanos());
        }
        Path dir = root.getParent() != null ? root.getParent() : root;
        long deadline = System.nanoTime() + 3_000_000_000L; // file systems with one-second timestamps need up to that
        try {
            while (System.nanoTime() < deadline) {
                Path probe = Files.createTempFile(dir, ".lading-clock-", "");
                try {
                    long now = FileMeta.read(probe).ctimeNanos();
                    // past the scan, or so far behind it that the clock was set back: waiting would not help
                    if (now > newest || newest - now > 2_000_000_000L) {
                        return;
                    }
                } finally {
                    Files.deleteIfExists(probe);
                }
                Thread.sleep(2);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the file system clock to move past the scan", e);
        }
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
                if (!a.equals(b) && !onlyLostLinks(a, b) && !onlyDirectoryCtime(a, b)) {
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

    /**
     * A directory whose only change is its ctime: names were added and removed again with the mtime put back
     * (what the sandbox does for the mount points it needs, as overlayfs would take them from its scaffold and
     * never copy the directory up). Its children's own changes are found on their own. The price: an xattr
     * change on a directory, which moves only the ctime, goes unseen.
     */
    private static boolean onlyDirectoryCtime(FileMeta a, FileMeta b) {
        return b != null && a.isDirectory() && b.isDirectory() && a.ino() == b.ino() && a.dev() == b.dev()
                && a.mode() == b.mode() && a.uid() == b.uid() && a.gid() == b.gid() && a.mtimeNanos() == b.mtimeNanos()
                && a.nlink() == b.nlink();
    }

    static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }
}
