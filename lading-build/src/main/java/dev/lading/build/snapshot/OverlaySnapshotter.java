package dev.lading.build.snapshot;

import dev.lading.build.IdMapping;
import dev.lading.build.Sandbox;
import dev.lading.oci.layer.LayerEntry;
import dev.lading.oci.layer.Ownership;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The snapshotter for hosts where the sandbox can mount overlayfs: the rootfs is the read-only lower layer,
 * the RUN's changes land in a fresh upper directory, and {@link Session#commit()} turns that upper directory
 * into layer entries, then moves it onto the rootfs.
 *
 * <p>The entries are the ones {@link CopyDiffSnapshotter} gives for the same change (the two are tested against
 * each other): overlay whiteouts (a 0/0 character device, or a zero-size file with {@code user.overlay.whiteout})
 * become {@code .wh.NAME} entries; an opaque directory ({@code user.overlay.opaque=y}, what a directory removed
 * and created again becomes) is never emitted as an opaque marker but as one whiteout per lower child that is
 * gone; every copied-up object is emitted, as copy-diff emits it (the chmod, chown or write that caused the
 * copy-up changed its ctime).
 *
 * <p>The sandbox must mount the overlay with {@link #MOUNT_OPTIONS}: {@code userxattr} keeps overlayfs's
 * bookkeeping in {@code user.overlay.*}, which Java can read (JNI is off limits and {@code trusted.*} needs it or
 * getfattr), works with and without root (kernel 5.11+), and turns off {@code redirect_dir} and
 * {@code metacopy}, whose upper directories do not hold the data they describe. A redirect or metacopy xattr
 * found anyway fails the commit. A mount without {@code userxattr} keeps the opaque marks in {@code trusted.*},
 * out of Java's reach: on kernels 6.6 and later the commit recognizes it (the upper root lacks
 * {@code user.overlay.uuid}) and fails; on older kernels it would lose the deletions inside re-created
 * directories.
 *
 * <p>Differences from copy-diff that remain: a file opened for writing but not changed is copied up (and
 * emitted) by overlayfs while copy-diff sees nothing; a write through one name of a lower hardlink group
 * breaks the group here (one name emitted) while copy-diff emits every name.
 *
 * <p>{@link Session#close()} without commit removes the upper and work directories; the rootfs was never
 * written, so it is exactly as before ({@link #restoresOnDiscard()} is true).
 */
public final class OverlaySnapshotter implements Snapshotter {

    /** Options the sandbox must add to {@code lowerdir=…,upperdir=…,workdir=…} when it mounts the overlay. */
    public static final String MOUNT_OPTIONS = "userxattr";

    @Override
    public String name() {
        return "overlay";
    }

    @Override
    public boolean restoresOnDiscard() {
        return true;
    }

    @Override
    public Session begin(Path rootfs, Map<String, Ownership> owners, IdMapping mapping) throws IOException {
        Objects.requireNonNull(mapping, "mapping");
        Path root = rootfs.toRealPath();
        Path parent = root.getParent();
        if (parent == null) {
            throw new IOException("the overlay snapshotter keeps its upper and work directories beside the rootfs, but "
                    + root + " has no parent directory");
        }
        FileMeta rootMeta = FileMeta.read(root);
        String base = "." + root.getFileName();
        Path upper = Files.createTempDirectory(parent, base + ".upper-");
        Path work = null;
        try {
            work = Files.createTempDirectory(parent, base + ".work-");
            FileMeta upperMeta = FileMeta.read(upper);
            if (upperMeta.dev() != rootMeta.dev()) {
                throw new IOException("the rootfs " + root + " is a mount point of its own, so its upper directory "
                        + upper + " is on another file system and the commit could not move files into the rootfs;"
                        + " keep the rootfs in a plain directory");
            }
            // the merged root directory shows the upper root's owner and mode, not the lower's
            FileOps.chown(upper, upperMeta, rootMeta.uid(), rootMeta.gid());
            FileOps.setMode(upper, rootMeta.perm());
        } catch (IOException | RuntimeException e) {
            try {
                FileOps.deleteTree(upper);
                if (work != null) {
                    FileOps.deleteTree(work);
                }
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        return new OverlaySession(root, upper, work, Map.copyOf(owners), mapping);
    }

    /** One step of moving the upper directory onto the rootfs, planned while reading it. */
    private sealed interface Op {
        /** Make sure a real directory is at {@code path} (replacing whatever is there) and can be written. */
        record EnterDir(String path, Path upperDir) implements Op {
        }

        /** Give the directory at {@code path} the upper directory's owner, mode, xattrs and mtime. */
        record LeaveDir(String path, Path upperDir, FileMeta meta) implements Op {
        }

        /** Put the upper object in place of whatever is at {@code path}. */
        record Move(String path, Path source) implements Op {
        }

        record Delete(String path) implements Op {
        }
    }

    private static final class OverlaySession implements Session {
        private final Path root;
        private final Path upper;
        private final Path work;
        private final Map<String, Ownership> owners;
        private final IdMapping mapping;
        private boolean done;

        OverlaySession(Path root, Path upper, Path work, Map<String, Ownership> owners, IdMapping mapping) {
            this.root = root;
            this.upper = upper;
            this.work = work;
            this.owners = owners;
            this.mapping = mapping;
        }

        @Override
        public Sandbox.Root root() {
            return new Sandbox.Root.Overlay(root, upper, work);
        }

        /**
         * Reads the whole upper directory and builds the entries before touching the rootfs, so a change that
         * cannot become a layer (an unmappable owner) fails with the rootfs still as it was. A failure while
         * moving the upper directory in leaves the rootfs half-updated: discard it.
         */
        @Override
        public Result commit() throws IOException {
            if (done) {
                throw new IllegalStateException("this snapshot session is already committed or closed");
            }
            done = true;
            IOException failure = null;
            try {
                refuseTrustedXattrMount();
                ChangeSet changes = new ChangeSet();
                List<Op> plan = new ArrayList<>();
                plan.add(new Op.EnterDir("", upper));
                readUpper("", upper, root, true, changes, plan);
                List<LayerEntry> entries = changes.entries(root, owners, mapping);
                apply(plan);
                return new Result(entries, changes.owners(owners, this::existsInRoot));
            } catch (IOException e) {
                failure = e;
                throw e;
            } finally {
                removeScratch(failure);
            }
        }

        @Override
        public void close() throws IOException {
            if (!done) {
                done = true;
                removeScratch(null);
            }
        }

        /**
         * Overlayfs 6.6 and later stamps the upper root with {@code overlay.uuid} when it mounts, in the
         * {@code user.} namespace only with {@code userxattr}. Without that stamp on a changed upper directory,
         * the overlay kept its bookkeeping in {@code trusted.*}, which Java cannot read, and the deletions
         * inside re-created directories would silently go missing: refuse instead. Older kernels cannot be
         * checked this way.
         */
        private void refuseTrustedXattrMount() throws IOException {
            if (!kernelAtLeast(6, 6) || FileOps.list(upper).isEmpty()) {
                return;
            }
            if (Xattrs.names(upper).stream().noneMatch(n -> n.startsWith(Xattrs.OVERLAY))) {
                throw new IOException("the overlay over " + root + " was not mounted with the " + MOUNT_OPTIONS
                        + " option (its upper directory " + upper + " has no user.overlay.* attributes), so its"
                        + " opaque directories cannot be read; the sandbox must mount it with " + MOUNT_OPTIONS);
            }
        }

        private static boolean kernelAtLeast(int major, int minor) {
            Matcher m = Pattern.compile("^(\\d+)\\.(\\d+)").matcher(System.getProperty("os.version", ""));
            if (!m.find()) {
                return false;
            }
            int kMajor = Integer.parseInt(m.group(1));
            return kMajor > major || (kMajor == major && Integer.parseInt(m.group(2)) >= minor);
        }

        private void removeScratch(IOException pending) throws IOException {
            try {
                FileOps.deleteTree(upper);
                FileOps.deleteTree(work);
            } catch (IOException e) {
                if (pending == null) {
                    throw new IOException("could not remove the overlay's scratch directories " + upper + " and " + work, e);
                }
                pending.addSuppressed(e);
            }
        }

        /**
         * @param lowerDir the rootfs directory at {@code rel}, or null when the rootfs has no real directory there
         * @param merged   whether overlayfs showed {@code lowerDir}'s children through this directory; if not
         *                 (opaque here or above), every lower child missing from the upper one is gone
         */
        private void readUpper(String rel, Path upperDir, Path lowerDir, boolean merged, ChangeSet changes, List<Op> plan)
                throws IOException {
            Set<String> kept = new HashSet<>();
            Set<String> deleted = new HashSet<>();
            for (Path child : FileOps.list(upperDir)) {
                String name = child.getFileName().toString();
                String path = rel.isEmpty() ? name : rel + "/" + name;
                FileMeta m = FileMeta.read(child);
                FileMeta lower = lowerDir == null ? null : FileMeta.readIfExists(lowerDir.resolve(name));
                if (isWhiteout(child, m)) {
                    if (lower != null && deleted.add(name)) {
                        changes.delete(path);
                        plan.add(new Op.Delete(path));
                    }
                    continue;
                }
                kept.add(name);
                changes.put(path, child, m, lower);
                if (m.isDirectory()) {
                    FileOps.makeWritable(child, m); // rootless, a copied-up 0500 directory could not be listed or emptied
                    List<String> xattrs = Xattrs.names(child);
                    refuseUnsupported(path, xattrs);
                    boolean opaque = xattrs.contains("overlay.opaque")
                            && new String(Xattrs.read(child, "overlay.opaque"), StandardCharsets.UTF_8).equals("y");
                    Path childLower = lower != null && lower.isDirectory() ? lowerDir.resolve(name) : null;
                    plan.add(new Op.EnterDir(path, child));
                    readUpper(path, child, childLower, merged && !opaque && childLower != null, changes, plan);
                    plan.add(new Op.LeaveDir(path, child, m));
                } else {
                    if (m.isRegularFile()) {
                        refuseUnsupported(path, Xattrs.names(child));
                    }
                    plan.add(new Op.Move(path, child));
                }
            }
            if (lowerDir != null && !merged) {
                for (Path child : FileOps.list(lowerDir)) {
                    String name = child.getFileName().toString();
                    if (!kept.contains(name) && deleted.add(name)) {
                        String path = rel.isEmpty() ? name : rel + "/" + name;
                        changes.delete(path);
                        plan.add(new Op.Delete(path));
                    }
                }
            }
        }

        private static boolean isWhiteout(Path p, FileMeta m) throws IOException {
            if (m.isCharDevice()) {
                return m.rdev() == 0;
            }
            return m.isRegularFile() && m.size() == 0 && Xattrs.names(p).contains("overlay.whiteout");
        }

        private static void refuseUnsupported(String path, List<String> xattrs) throws IOException {
            for (String name : List.of("overlay.redirect", "overlay.metacopy")) {
                if (xattrs.contains(name)) {
                    throw new IOException("overlayfs marked '/" + path + "' with user." + name + ": its upper copy does"
                            + " not hold the data it stands for; mount the overlay with " + MOUNT_OPTIONS
                            + " (and without redirect_dir or metacopy)");
                }
            }
        }

        private void apply(List<Op> plan) throws IOException {
            Map<String, Integer> rootfsModes = new HashMap<>();
            for (Op op : plan) {
                switch (op) {
                    case Op.EnterDir(String path, Path upperDir) -> {
                        Path target = root.resolve(path);
                        FileMeta t = FileMeta.readIfExists(target);
                        if (t != null && t.isDirectory()) {
                            rootfsModes.put(path, t.perm());
                            FileOps.makeWritable(target, t);
                        } else {
                            FileOps.deleteTree(target);
                            Files.createDirectory(target);
                            FileOps.setMode(target, 0700);
                        }
                        // rootless, a 0555 upper directory would not let us move its children out
                        FileOps.makeWritable(upperDir, FileMeta.read(upperDir));
                    }
                    case Op.LeaveDir(String path, Path upperDir, FileMeta meta) -> {
                        Path target = root.resolve(path);
                        FileOps.chown(target, FileMeta.read(target), meta.uid(), meta.gid());
                        syncXattrs(upperDir, target);
                        FileOps.setMtime(target, meta.mtimeNanos());
                        FileOps.setMode(target, meta.perm()); // after chown, which may clear setgid
                    }
                    case Op.Move(String path, Path source) -> {
                        Path target = root.resolve(path);
                        FileOps.deleteTree(target);
                        Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
                    }
                    case Op.Delete(String path) -> FileOps.deleteTree(root.resolve(path));
                }
            }
            Integer rootMode = rootfsModes.get("");
            if (rootMode != null) {
                FileOps.setMode(root, rootMode); // the root's own metadata is not part of a layer: keep it
            }
        }

        /** The rootfs directory gets the upper directory's image xattrs and loses overlay's and stale ones. */
        private static void syncXattrs(Path upperDir, Path target) throws IOException {
            Map<String, byte[]> wanted = Xattrs.user(upperDir);
            UserDefinedFileAttributeView view = Files.getFileAttributeView(target, UserDefinedFileAttributeView.class,
                    LinkOption.NOFOLLOW_LINKS);
            for (String name : Xattrs.names(target)) {
                if (!wanted.containsKey("user." + name)) {
                    view.delete(name);
                }
            }
            for (Map.Entry<String, byte[]> x : wanted.entrySet()) {
                view.write(x.getKey().substring("user.".length()), ByteBuffer.wrap(x.getValue()));
            }
        }

        /** Whether {@code path} exists in the rootfs, reached through real directories only. */
        private boolean existsInRoot(String path) {
            try {
                Path cur = root;
                String[] parts = path.split("/");
                for (int i = 0; i < parts.length; i++) {
                    cur = cur.resolve(parts[i]);
                    FileMeta m = FileMeta.readIfExists(cur);
                    if (m == null || (i < parts.length - 1 && !m.isDirectory())) {
                        return false;
                    }
                }
                return true;
            } catch (IOException e) {
                return false;
            }
        }
    }
}
