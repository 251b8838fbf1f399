package dev.lading.oci.layer;

import com.sun.security.auth.module.UnixSystem;
import dev.lading.oci.layer.ExtractOptions.OwnershipMode;
import dev.lading.oci.layer.ExtractOptions.SymlinkParents;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Applies a layer (a tar, plain or compressed) onto a directory, as {@code docker load} or
 * {@code umoci unpack} do: entries are created, OCI whiteouts delete what lower layers put there, opaque
 * markers hide a directory's lower content.
 *
 * <p>The layer is hostile until proven otherwise, and the rule that keeps the target safe is simple: the
 * operating system never resolves a symlink for us. Every path is built from the target one component at a
 * time, each component is inspected with {@link LinkOption#NOFOLLOW_LINKS}, and a symlink met on the way is
 * either resolved by this class inside the target or refused ({@link ExtractOptions#symlinkParents()}).
 * Files are created with {@code CREATE_NEW} and {@code NOFOLLOW_LINKS}, so a leaf is never written through
 * a link either. Names with ".." that would climb above the target are errors; a leading "/" is dropped.
 * Hardlink targets must be regular files reached without crossing any symlink. Symlinks themselves are data
 * and may point anywhere. Sizes are bounded by {@link ExtractOptions}.
 *
 * <p>Rootless: without root, files belong to the current user. The ids (and mode bits the kernel refused)
 * the layer asked for are kept in {@link ExtractionReport#ownership()} for the caller to persist. Directories
 * stay owner-writable while the layer is applied, so a read-only directory can still receive its entries,
 * and get their final mode and mtime at the end, deepest first.
 *
 * <p>Not atomic: on error the target holds a partial layer; extract into a directory you can discard. The
 * target must not be modified concurrently by another process. Fifos are created with coreutils' mkfifo and,
 * when running as root, device nodes with mknod (the JVM has no mknod(2)); device nodes without root, or when
 * those programs are missing or refuse, are skipped with a warning in the report.
 */
public final class LayerExtractor {
    private static final int MAX_SYMLINK_HOPS = 40;
    private static final int MAX_WARNINGS = 1000;
    private static final String XATTR_PREFIX = "SCHILY.xattr.";
    private static final long MAX_TRAILER = 1 << 20;
    /** Files up to this size go through {@link ExtractOptions#filePool()}; larger ones are always written. */
    public static final int MAX_POOLED_SIZE = 4 << 20;

    private final ExtractOptions options;

    public LayerExtractor(ExtractOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Applies the layer in {@code layer} (gzip, zstd or plain tar, detected from its bytes) onto
     * {@code target}, which is created if missing. The stream is read to its end but not closed: after the
     * tar's end marker the rest (padding, the gzip trailer) is drained, so a
     * {@link dev.lading.oci.content.VerifyingInputStream} around a blob always gets to check the digest,
     * and a blob that does not match fails this call.
     *
     * @throws LayerException if the layer is corrupt, truncated, hostile or over a limit
     * @throws IOException    if the target cannot be written for reasons that are not the layer's fault
     */
    public ExtractionReport apply(InputStream layer, Path target) throws IOException {
        Files.createDirectories(target);
        Path root = target.toRealPath();
        UnixSystem me = new UnixSystem();
        boolean chown = switch (options.ownership()) {
            case AUTO -> me.getUid() == 0;
            case CHOWN -> true;
            case RECORD -> false;
        };
        Run run = new Run(root, chown, me.getUid(), me.getGid());
        // one buffered view of the blob, so that it can be drained to its very end after the tar; closing the
        // decompressor frees its native memory (zstd) without closing the caller's stream
        InputStream blob = new FilterInputStream(layer.markSupported() ? layer : new BufferedInputStream(layer, 64 * 1024)) {
            @Override
            public void close() {
            }
        };
        InputStream tarStream;
        try {
            tarStream = LayerCompression.decompress(blob);
        } catch (IOException e) {
            throw new LayerException(null, "cannot read the layer's compression header: " + e.getMessage(), e);
        }
        try (tarStream) {
            run.extract(new GuardedTarInputStream(tarStream));
            drainTrailer(tarStream);
            // a gzip reader stops at the end of a member without reading its source to EOF
            drainTrailer(blob);
        } catch (RuntimeException | IOException e) {
            try {
                run.finishDirectories(); // give lower layers' directories their modes back even on failure
            } catch (IOException | RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        run.finishDirectories();
        return run.report();
    }

    /**
     * Reads what follows the tar's end marker to the end of the blob. Writers pad tars to their block size
     * (GNU tar to 10 KiB) and the compressed stream's trailer is only checked at its end; anything much longer
     * is not padding but a decompression bomb hiding behind a small tar.
     */
    private static void drainTrailer(InputStream tarStream) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        try {
            for (int n; (n = tarStream.read(buf)) >= 0; ) {
                total += n;
                if (total > MAX_TRAILER) {
                    throw new LayerException(null, "the layer has more than " + MAX_TRAILER
                            + " bytes of data after the end of its tar");
                }
            }
        } catch (LayerException e) {
            throw e;
        } catch (IOException e) {
            throw new LayerException(null, "the layer blob is corrupt after the end of its tar: " + e.getMessage(), e);
        }
    }

    /** The state of one application; a fresh one per layer keeps the extractor itself stateless. */
    private final class Run {
        /** One copy buffer for every file of the layer (thousands of small files: no 64 KiB garbage each). */
        private final byte[] buf = new byte[64 * 1024];
        /** Whether files go through the options' file pool (it is there, and on the target's file system). */
        private final boolean pooling;
        /** A whole file's content, for files that go through the file pool. */
        private byte[] content = new byte[64 * 1024];
        private final Path root;
        private final boolean chown;
        private final boolean runningAsRoot;
        private final long myUid;
        private final long myGid;

        private long entries, files, directories, symlinks, hardlinks, specials, whiteouts, skipped, bytes;
        private final List<String> warnings = new ArrayList<>();
        private int droppedWarnings;
        private final Map<String, Ownership> ownership = new TreeMap<>();
        private final Map<String, Map<String, byte[]>> unappliedXattrs = new TreeMap<>();
        private final Set<String> removed = new HashSet<>();
        private final Set<String> opaqueDirs = new HashSet<>();
        /** Everything this layer wrote or wrote into: what an opaque marker must keep. */
        private final Set<Path> written = new HashSet<>();
        /** The paths this layer has entries for: their lower-layer ownership records are superseded. */
        private final Set<Path> entryPaths = new HashSet<>();
        /** Directory entries of this layer whose mode and mtime are applied at the end. */
        private final Map<Path, PendingDir> pendingDirs = new HashMap<>();
        /**
         * Parent directories this run has already walked to and made (joined components -> directory): the entries
         * of one directory share one walk instead of an lstat and three access checks per component each. Every
         * deletion clears it (a directory, or a link on the way, may be what was removed); nothing else this run
         * does can turn a directory it walked through into something else.
         */
        private final Map<String, Path> resolvedParents = new HashMap<>();
        /** Lower-layer directories made writable for this layer, with the mode to give back. */
        private final Map<Path, Integer> restoreModes = new HashMap<>();

        Run(Path root, boolean chown, long myUid, long myGid) {
            this.pooling = options.filePool() != null && options.filePool().usableFor(root);
            this.root = root;
            this.chown = chown;
            this.runningAsRoot = myUid == 0;
            this.myUid = myUid;
            this.myGid = myGid;
        }

        void extract(GuardedTarInputStream tar) throws IOException {
            String last = null;
            while (true) {
                TarArchiveEntry e;
                try {
                    e = tar.getNextEntry();
                } catch (IOException | RuntimeException ex) {
                    // commons-compress throws IllegalArgumentException and friends on some malformed headers
                    throw new LayerException(null, "the layer tar is corrupt or truncated "
                            + (last == null ? "at its start" : "after entry '" + last + "'") + ": " + ex.getMessage(), ex);
                }
                if (e == null) {
                    if (!tar.sawEndMarker()) {
                        warn("the tar ends without its end-of-archive marker: it may have been cut at an entry boundary");
                    }
                    return;
                }
                last = e.getName();
                if (++entries > options.maxEntries()) {
                    throw new LayerException(last, "the layer has more than " + options.maxEntries() + " entries");
                }
                try {
                    apply(tar, e);
                } catch (LayerException ex) {
                    throw ex;
                } catch (InvalidPathException ex) {
                    throw new LayerException(last, "invalid path: " + ex.getMessage(), ex);
                } catch (java.io.UncheckedIOException ex) {
                    throw new LayerException(last, ex.getCause().getClass().getSimpleName() + ": " + ex.getCause().getMessage(), ex);
                } catch (IOException ex) {
                    throw new LayerException(last, ex.getClass().getSimpleName() + ": " + ex.getMessage(), ex);
                }
            }
        }

        private void apply(GuardedTarInputStream tar, TarArchiveEntry e) throws IOException {
            String name = e.getName();
            if (e.isGlobalPaxHeader()) {
                return; // already applied to following entries by the reader
            }
            List<String> parts = normalize(name, name, "path");
            long declared = Math.max(e.getSize(), e.getRealSize());
            if (declared > options.maxEntrySize()) {
                throw new LayerException(name, "declares " + declared + " bytes, more than the limit of "
                        + options.maxEntrySize() + " per entry");
            }
            if (declared < 0) {
                throw new LayerException(name, "declares a negative size " + declared);
            }
            // uid_t is 32 bits and (uid_t) -1 means "leave unchanged" to chown: anything else is a forged header
            if (e.getLongUserId() < 0 || e.getLongUserId() > Owner.MAX_ID || e.getLongGroupId() < 0 || e.getLongGroupId() > Owner.MAX_ID) {
                throw new LayerException(name, "has an impossible owner " + e.getLongUserId() + ":" + e.getLongGroupId());
            }
            if (parts.isEmpty()) {
                if (!e.isDirectory()) {
                    throw new LayerException(name, "names the layer root but is not a directory");
                }
                directories++;
                entryPaths.add(root);
                pendingDirs.put(root, new PendingDir(e.getMode() & 07777, e.getLastModifiedTime(), e.getLongUserId(), e.getLongGroupId()));
                applyOwner(root, e, false);
                return;
            }
            String base = parts.get(parts.size() - 1);
            List<String> parentParts = parts.subList(0, parts.size() - 1);
            if (base.startsWith(LayerEntry.WHITEOUT_PREFIX)) {
                whiteout(name, parentParts, base);
                return;
            }
            Path parent = resolve(name, parentParts, true);
            Path leaf = parent.resolve(base);
            checkInside(name, leaf);

            if (e.isSymbolicLink()) {
                String link = e.getLinkName();
                if (link == null || link.isEmpty()) {
                    throw new LayerException(name, "is a symlink with an empty target");
                }
                Path linkTarget = root.getFileSystem().getPath(link); // data only: never resolved here
                prepareLeaf(leaf, false);
                Files.createSymbolicLink(leaf, linkTarget);
                wrote(leaf);
                symlinks++;
                applyOwner(leaf, e, true);
                setMtime(leaf, e.getLastModifiedTime());
            } else if (e.isLink()) {
                Path target = resolveHardlinkTarget(name, e.getLinkName());
                if (target.equals(leaf)) {
                    throw new LayerException(name, "is a hardlink to itself");
                }
                prepareLeaf(leaf, false);
                Files.createLink(leaf, target);
                wrote(leaf);
                hardlinks++;
            } else if (e.isDirectory()) {
                if (!prepareLeaf(leaf, true)) {
                    Files.createDirectory(leaf);
                    setMode(leaf, 0700);
                }
                wrote(leaf);
                directories++;
                // owner now, mode and mtime at the end: the directory must stay writable for its children
                applyOwner(leaf, e, false);
                pendingDirs.put(leaf, new PendingDir(e.getMode() & 07777, e.getLastModifiedTime(), e.getLongUserId(), e.getLongGroupId()));
                restoreModes.remove(leaf);
                applyXattrs(leaf, e, tar);
            } else if (e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO()) {
                prepareLeaf(leaf, false); // the layer replaces what was there even if we cannot create the node
                String what = e.isFIFO() ? "fifo" : (e.isCharacterDevice() ? "character device " : "block device ")
                        + e.getDevMajor() + "," + e.getDevMinor();
                String failure = e.isFIFO() ? SpecialFiles.mkfifo(leaf)
                        : !runningAsRoot ? "device nodes need root"
                        : SpecialFiles.mknod(leaf, e.isCharacterDevice() ? 'c' : 'b', e.getDevMajor(), e.getDevMinor());
                if (failure != null) {
                    skipped++;
                    warn("skipped " + what + " '" + name + "': " + failure);
                    return;
                }
                wrote(leaf);
                specials++;
                applyOwner(leaf, e, false);
                int mode = e.getMode() & 07777;
                setMode(leaf, mode);
                checkMode(leaf, mode, e);
                // no mtime: the JDK sets times through open(2), which blocks on a fifo and opens a device
            } else if (e.isFile()) {
                if (bytes + declared > options.maxTotalBytes()) {
                    throw new LayerException(name, "would bring the layer's extracted size to " + (bytes + declared)
                            + " bytes, more than the limit of " + options.maxTotalBytes());
                }
                prepareLeaf(leaf, false);
                FilePool pool = pooling ? options.filePool() : null;
                String key = null;
                boolean fromPool = false;
                // setuid and setgid files are never pooled: outside a private root they would be a way in
                if (pool != null && declared > 0 && declared <= MAX_POOLED_SIZE && (e.getMode() & 06000) == 0 && !hasXattrs(e, tar)) {
                    int n = readContent(name, tar, declared);
                    key = poolKey(e, n);
                    fromPool = pool.take(key, leaf, n);
                    if (!fromPool) {
                        writeContent(leaf, n);
                    }
                } else {
                    writeFile(name, tar, leaf, declared);
                }
                wrote(leaf);
                files++;
                // A file from the pool already has the owner, mode and mtime its key names: one lstat shows it, and
                // the five calls that would set them again are skipped (only the bookkeeping is done).
                Map<String, Object> asExtracted = fromPool ? asExtracted(leaf, e) : null;
                if (asExtracted == null) {
                    applyOwner(leaf, e, false);
                    applyXattrs(leaf, e, tar);
                    // times first: the JDK sets them through open(2), which a mode such as 0000 would forbid
                    setMtime(leaf, e.getLastModifiedTime());
                    int mode = e.getMode() & 07777;
                    setMode(leaf, mode);
                    checkMode(leaf, mode, e);
                } else if (!chown && (e.getLongUserId() != myUid || e.getLongGroupId() != myGid)) {
                    ownership.put(rel(leaf), new Ownership(e.getLongUserId(), e.getLongGroupId(), e.getMode() & 07777));
                }
                if (key != null) {
                    pool.remember(key, leaf, asExtracted);
                } else if (pool != null) {
                    pool.forget(leaf);
                }
            } else {
                skipped++;
                warn("skipped '" + name + "': unsupported tar entry type");
            }
        }

        private void writeFile(String name, InputStream tar, Path leaf, long declared) throws IOException {
            long copied = 0;
            try (OutputStream out = Channels.newOutputStream(Files.newByteChannel(leaf,
                    Set.<OpenOption>of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))))) {
                for (int n; (n = readEntry(name, tar, buf, 0, buf.length, copied, declared)) >= 0; ) {
                    copied += n;
                    out.write(buf, 0, n);
                }
            }
            checkComplete(name, copied, declared);
        }

        /**
         * One read of an entry's content, counted against its declared size and the layer's byte limit: the bytes
         * read, or -1 at the entry's end. A broken stream names the entry and how far it got.
         */
        private int readEntry(String name, InputStream tar, byte[] into, int off, int len, long copied, long declared) throws IOException {
            int n;
            try {
                n = tar.read(into, off, len);
            } catch (IOException ex) {
                throw new LayerException(name, "the layer is truncated or corrupt inside this entry after "
                        + copied + " of " + declared + " bytes: " + ex.getMessage(), ex);
            }
            if (n < 0) {
                return -1;
            }
            bytes += n;
            if (copied + n > declared || bytes > options.maxTotalBytes()) {
                throw new LayerException(name, "content exceeds its declared size or the layer's byte limit");
            }
            return n;
        }

        private static void checkComplete(String name, long copied, long declared) throws LayerException {
            if (copied != declared) {
                throw new LayerException(name, "the layer is truncated: got " + copied + " of " + declared + " bytes");
            }
        }

        /** The whole content of a file entry, read into {@link #content}; returns its length. */
        private int readContent(String name, InputStream tar, long declared) throws IOException {
            if (content.length < declared) {
                content = new byte[(int) Math.max(declared, Math.min(MAX_POOLED_SIZE, content.length * 2L))];
            }
            int copied = 0;
            // up to one byte more than declared, so that an entry longer than it says is caught
            for (int n; copied < content.length && (n = readEntry(name, tar, content, copied,
                    (int) Math.min(content.length - copied, declared + 1 - copied), copied, declared)) >= 0; ) {
                copied += n;
            }
            checkComplete(name, copied, declared);
            return copied;
        }

        private void writeContent(Path leaf, int length) throws IOException {
            try (var ch = Files.newByteChannel(leaf,
                    Set.<OpenOption>of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
                ByteBuffer b = ByteBuffer.wrap(content, 0, length);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
            }
        }

        /**
         * The pool's name for a file with this content and this entry's metadata (and this process's way of
         * applying it: chown or not, as whom): the sha256 of all of it.
         */
        private String poolKey(TarArchiveEntry e, int length) {
            java.security.MessageDigest md = dev.lading.oci.Digest.newMessageDigest(dev.lading.oci.Digest.SHA256);
            md.update(content, 0, length);
            byte[] contentDigest = md.digest();
            md.update(contentDigest);
            FileTime mtime = e.getLastModifiedTime();
            md.update(("\0v1 size=" + length + " mode=" + Integer.toOctalString(e.getMode() & 07777) + " owner="
                    + e.getLongUserId() + ":" + e.getLongGroupId() + " mtime=" + (mtime == null ? "-" : mtime.toString())
                    + " chown=" + chown + " as=" + myUid + ":" + myGid).getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(md.digest());
        }

        private boolean hasXattrs(TarArchiveEntry e, GuardedTarInputStream tar) {
            Map<String, byte[]> raw = tar.rawXattrs();
            if (raw != null) {
                return !raw.isEmpty();
            }
            for (String k : e.getExtraPaxHeaders().keySet()) {
                if (k.startsWith(XATTR_PREFIX)) {
                    return true;
                }
            }
            return false;
        }

        private void wrote(Path leaf) {
            written.add(leaf);
            entryPaths.add(leaf);
        }

        // ---- whiteouts

        private void whiteout(String name, List<String> parentParts, String base) throws IOException {
            whiteouts++;
            Path dir = resolve(name, parentParts, false);
            if (base.equals(LayerEntry.OPAQUE_WHITEOUT)) {
                if (dir != null) {
                    opaqueDirs.add(rel(dir));
                    hideLower(dir);
                }
                return;
            }
            if (base.startsWith(LayerEntry.WHITEOUT_PREFIX + LayerEntry.WHITEOUT_PREFIX)) {
                warn("ignored '" + name + "': aufs metadata, not an OCI whiteout");
                return;
            }
            String victim = base.substring(LayerEntry.WHITEOUT_PREFIX.length());
            if (victim.isEmpty() || victim.equals(".") || victim.equals("..")) {
                throw new LayerException(name, "is a whiteout of '" + victim + "', which names no file");
            }
            if (dir == null) {
                return; // the parent does not exist: nothing to delete
            }
            Path gone = dir.resolve(victim);
            checkInside(name, gone);
            if (written.contains(gone)) {
                warn("ignored whiteout '" + name + "': it names a path this same layer wrote");
                return;
            }
            if (exists(gone)) {
                deleteTree(gone);
            }
            removed.add(rel(gone));
        }

        /** Removes what lower layers put under {@code dir}, keeping what this layer wrote (it may come first in the tar). */
        private void hideLower(Path dir) throws IOException {
            List<Path> children = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                ds.forEach(children::add);
            }
            for (Path child : children) {
                if (!written.contains(child)) {
                    deleteTree(child);
                } else if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                    hideLower(child);
                }
            }
        }

        // ---- path resolution

        /**
         * The directory named by {@code parts}, walked from the root without letting the OS follow a link.
         * Missing directories are created when {@code create}, else null is returned.
         */
        private Path resolve(String entry, List<String> parts, boolean create) throws IOException {
            String key = create ? String.join("/", parts) : null;
            if (key != null) {
                Path known = resolvedParents.get(key);
                if (known != null) {
                    return known;
                }
            }
            Path resolved = walk(entry, parts, create);
            if (key != null) {
                resolvedParents.put(key, resolved);
            }
            return resolved;
        }

        private Path walk(String entry, List<String> parts, boolean create) throws IOException {
            Deque<String> work = new ArrayDeque<>(parts);
            Path cur = root;
            ensureWritable(cur);
            int hops = 0;
            while (!work.isEmpty()) {
                String c = work.pollFirst();
                if (c.isEmpty() || c.equals(".")) {
                    continue;
                }
                if (c.equals("..")) { // only from symlink text: stops at the root like chroot
                    cur = cur.equals(root) ? root : cur.getParent();
                    continue;
                }
                Path next = cur.resolve(c);
                checkInside(entry, next);
                BasicFileAttributes a = attrs(next);
                if (a == null) {
                    if (!create) {
                        return null;
                    }
                    Files.createDirectory(next);
                    setMode(next, 0755);
                } else if (a.isSymbolicLink()) {
                    if (options.symlinkParents() == SymlinkParents.REFUSE) {
                        throw new LayerException(entry, "its parent '" + rel(next) + "' is a symlink, and symlinked parents are refused");
                    }
                    if (++hops > MAX_SYMLINK_HOPS) {
                        throw new LayerException(entry, "too many levels of symlinks in its parent path");
                    }
                    String text = Files.readSymbolicLink(next).toString();
                    if (text.startsWith("/")) {
                        cur = root;
                    }
                    String[] linkParts = text.split("/");
                    for (int i = linkParts.length - 1; i >= 0; i--) {
                        work.addFirst(linkParts[i]);
                    }
                    continue;
                } else if (!a.isDirectory()) {
                    throw new LayerException(entry, "its parent '" + rel(next) + "' exists and is not a directory");
                }
                ensureWritable(next);
                if (create) {
                    written.add(next); // this layer writes into it: an opaque marker must keep it
                }
                cur = next;
            }
            return cur;
        }

        /** A hardlink target: a regular file reached from the root through real directories only. */
        private Path resolveHardlinkTarget(String entry, String linkName) throws IOException {
            if (linkName == null || linkName.isEmpty()) {
                throw new LayerException(entry, "is a hardlink with an empty target");
            }
            List<String> parts = normalize(entry, linkName, "hardlink target");
            if (parts.isEmpty()) {
                throw new LayerException(entry, "is a hardlink to the layer root");
            }
            Path cur = root;
            for (int i = 0; i < parts.size(); i++) {
                Path next = cur.resolve(parts.get(i));
                checkInside(entry, next);
                BasicFileAttributes a = attrs(next);
                if (a == null) {
                    throw new LayerException(entry, "is a hardlink to '" + linkName + "', which does not exist");
                }
                boolean lastPart = i == parts.size() - 1;
                if (a.isSymbolicLink()) {
                    throw new LayerException(entry, "is a hardlink to '" + linkName + "', which "
                            + (lastPart ? "is a symlink, not a regular file" : "goes through the symlink '" + rel(next) + "'"));
                }
                if (lastPart && !a.isRegularFile()) {
                    throw new LayerException(entry, "is a hardlink to '" + linkName + "', which is not a regular file");
                }
                if (!lastPart && !a.isDirectory()) {
                    throw new LayerException(entry, "is a hardlink to '" + linkName + "', whose parent '" + rel(next)
                            + "' is not a directory");
                }
                cur = next;
            }
            return cur;
        }

        /**
         * The components of a tar name: "/" and "./" prefixes dropped, "." and empty parts skipped, ".."
         * applied lexically; a ".." that would climb above the root is an error.
         */
        private List<String> normalize(String entry, String name, String what) {
            if (name.indexOf('\0') >= 0) {
                throw new LayerException(entry, what + " contains a NUL byte");
            }
            List<String> parts = new ArrayList<>();
            for (String c : name.split("/")) {
                if (c.isEmpty() || c.equals(".")) {
                    continue;
                }
                if (c.equals("..")) {
                    if (parts.isEmpty()) {
                        throw new LayerException(entry, what + " '" + name + "' climbs out of the layer root with '..'");
                    }
                    parts.remove(parts.size() - 1);
                } else {
                    parts.add(c);
                }
            }
            return parts;
        }

        private void checkInside(String entry, Path p) {
            // cannot fail by construction; kept so a future change that breaks the invariant fails loudly
            if (!p.normalize().startsWith(root)) {
                throw new LayerException(entry, "resolves to " + p + ", outside the target " + root);
            }
        }

        /**
         * Clears the way for a new entry at {@code leaf}. Returns true when a directory is there and the
         * new entry is a directory too (they merge); otherwise whatever is there is removed, never followed.
         */
        private boolean prepareLeaf(Path leaf, boolean directory) throws IOException {
            BasicFileAttributes a = attrs(leaf);
            if (a == null) {
                return false;
            }
            if (directory && a.isDirectory()) {
                ensureWritable(leaf);
                return true;
            }
            deleteTree(leaf);
            removed.add(rel(leaf));
            return false;
        }

        private void deleteTree(Path p) throws IOException {
            resolvedParents.clear();
            String relP = rel(p);
            ownership.keySet().removeIf(k -> k.equals(relP) || ExtractionReport.isUnder(k, relP));
            unappliedXattrs.keySet().removeIf(k -> k.equals(relP) || ExtractionReport.isUnder(k, relP));
            pendingDirs.keySet().removeIf(k -> k.startsWith(p));
            restoreModes.keySet().removeIf(k -> k.startsWith(p));
            written.removeIf(k -> k.startsWith(p));
            entryPaths.removeIf(k -> k.startsWith(p));
            deleteRecursively(p);
        }

        /**
         * Deletes without following links (a link is removed, never entered) and first gives each directory
         * u+rwx, which Files.walkFileTree cannot: it opens a directory before the visitor sees it.
         */
        private void deleteRecursively(Path p) throws IOException {
            BasicFileAttributes a = attrs(p);
            if (a == null) {
                return;
            }
            if (a.isDirectory()) {
                if (!Files.isReadable(p) || !Files.isWritable(p) || !Files.isExecutable(p)) {
                    setMode(p, modeOf(p) | 0700);
                }
                List<Path> children = new ArrayList<>();
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(p)) {
                    ds.forEach(children::add);
                }
                for (Path child : children) {
                    deleteRecursively(child);
                }
            }
            Files.delete(p);
        }

        /** Makes a directory readable, writable and searchable for this run if it is not, remembering its mode. */
        private void ensureWritable(Path dir) throws IOException {
            if (Files.isReadable(dir) && Files.isWritable(dir) && Files.isExecutable(dir)) {
                return;
            }
            int mode = modeOf(dir);
            if (!pendingDirs.containsKey(dir)) {
                restoreModes.putIfAbsent(dir, mode);
            }
            setMode(dir, mode | 0700);
        }

        // ---- metadata

        private void applyOwner(Path p, TarArchiveEntry e, boolean symlink) throws IOException {
            long uid = e.getLongUserId();
            long gid = e.getLongGroupId();
            Ownership wanted = new Ownership(uid, gid, e.getMode() & 07777);
            if (chown) {
                try {
                    // chown before chmod: the kernel clears setuid/setgid on chown
                    Files.setAttribute(p, "unix:uid", (int) uid, LinkOption.NOFOLLOW_LINKS);
                    Files.setAttribute(p, "unix:gid", (int) gid, LinkOption.NOFOLLOW_LINKS);
                } catch (IOException | UnsupportedOperationException ex) {
                    ownership.put(rel(p), wanted);
                    warn("could not chown '" + rel(p) + "' to " + uid + ":" + gid + " (" + ex.getMessage() + "); recorded instead");
                }
            } else if (uid != myUid || gid != myGid) {
                ownership.put(rel(p), wanted);
            }
        }

        /**
         * The attributes of a file taken from the pool when they are what extracting {@code e} would give it (owner
         * when chowning, mode, mtime), else null: then the usual calls set them.
         */
        private Map<String, Object> asExtracted(Path leaf, TarArchiveEntry e) throws IOException {
            Map<String, Object> a = Files.readAttributes(leaf, FilePool.REMEMBERED + ",uid,gid,mode,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
            boolean owner = !chown || (((Integer) a.get("uid")).longValue() == e.getLongUserId()
                    && ((Integer) a.get("gid")).longValue() == e.getLongGroupId());
            boolean mode = (((Integer) a.get("mode")) & 07777) == (e.getMode() & 07777);
            boolean mtime = e.getLastModifiedTime() == null || e.getLastModifiedTime().equals(a.get("lastModifiedTime"));
            return owner && mode && mtime ? a : null;
        }

        /** Records the wanted mode when the kernel did not keep it (e.g. setgid for a group we are not in). */
        private void checkMode(Path p, int wanted, TarArchiveEntry e) throws IOException {
            if ((modeOf(p) & 07777) != wanted) {
                ownership.put(rel(p), new Ownership(e.getLongUserId(), e.getLongGroupId(), wanted));
            }
        }

        private void applyXattrs(Path p, TarArchiveEntry e, GuardedTarInputStream tar) {
            Map<String, byte[]> xattrs = tar.rawXattrs();
            if (xattrs == null) { // no PAX header of our own reading: take the library's (text) values
                xattrs = new TreeMap<>();
                for (Map.Entry<String, String> h : e.getExtraPaxHeaders().entrySet()) {
                    if (h.getKey().startsWith(XATTR_PREFIX)) {
                        xattrs.put(h.getKey().substring(XATTR_PREFIX.length()), h.getValue().getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
            Map<String, byte[]> failed = new TreeMap<>();
            xattrs.forEach((attr, v) -> {
                if (!attr.startsWith("user.")) {
                    failed.put(attr, v);
                    return;
                }
                try {
                    UserDefinedFileAttributeView view = Files.getFileAttributeView(p, UserDefinedFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
                    if (view == null) {
                        failed.put(attr, v);
                        return;
                    }
                    view.write(attr.substring("user.".length()), ByteBuffer.wrap(v));
                } catch (IOException | UnsupportedOperationException ex) {
                    failed.put(attr, v);
                }
            });
            if (!failed.isEmpty()) {
                unappliedXattrs.put(rel(p), failed);
            }
        }

        private void setMtime(Path p, FileTime mtime) throws IOException {
            if (mtime == null) {
                return;
            }
            try {
                Files.getFileAttributeView(p, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setTimes(mtime, null, null);
            } catch (UnsupportedOperationException ex) {
                // some platforms cannot set a symlink's own times; the link's target must not be touched instead
            }
        }

        /** Final modes and mtimes of this layer's directories, deepest first so a parent's 0555 comes last. */
        void finishDirectories() throws IOException {
            Comparator<Path> deepestFirst = Comparator.comparingInt(Path::getNameCount).reversed();
            List<Path> dirs = new ArrayList<>(pendingDirs.keySet());
            dirs.addAll(restoreModes.keySet());
            dirs.sort(deepestFirst);
            for (Path dir : dirs) {
                BasicFileAttributes a = attrs(dir);
                if (a == null || !a.isDirectory()) {
                    continue;
                }
                PendingDir pending = pendingDirs.get(dir);
                if (pending != null) {
                    setMtime(dir, pending.mtime); // before the mode, which may forbid the open(2) the JDK needs
                    setMode(dir, pending.mode);
                    if ((modeOf(dir) & 07777) != pending.mode) {
                        ownership.put(rel(dir), new Ownership(pending.uid, pending.gid, pending.mode));
                    }
                } else {
                    setMode(dir, restoreModes.get(dir));
                }
            }
        }

        ExtractionReport report() {
            List<String> w = new ArrayList<>(warnings);
            if (droppedWarnings > 0) {
                w.add("… and " + droppedWarnings + " more warnings");
            }
            Set<String> writtenRel = new HashSet<>();
            entryPaths.forEach(p -> writtenRel.add(rel(p)));
            return new ExtractionReport(entries, files, directories, symlinks, hardlinks, specials, whiteouts, skipped, bytes,
                    w, ownership, unappliedXattrs, removed, opaqueDirs, writtenRel);
        }

        private void warn(String message) {
            if (warnings.size() < MAX_WARNINGS) {
                warnings.add(message);
            } else {
                droppedWarnings++;
            }
        }

        private String rel(Path p) {
            StringBuilder b = new StringBuilder();
            for (Path part : root.relativize(p)) {
                if (!b.isEmpty()) {
                    b.append('/');
                }
                b.append(part);
            }
            return b.toString();
        }
    }

    private record PendingDir(int mode, FileTime mtime, long uid, long gid) {
    }

    private static BasicFileAttributes attrs(Path p) throws IOException {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static boolean exists(Path p) {
        return Files.exists(p, LinkOption.NOFOLLOW_LINKS);
    }

    private static int modeOf(Path p) throws IOException {
        return (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * chmod with all 12 bits (PosixFilePermission cannot express setuid, setgid and sticky). Deliberately
     * path-based chmod(2) after an lstat that rules out a symlink: the JDK's NOFOLLOW_LINKS variant opens the
     * file first, which blocks on a fifo, opens a device node, and fails on a file or directory whose mode
     * forbids reading, i.e. exactly the modes an extractor has to fix.
     */
    private static void setMode(Path p, int mode) throws IOException {
        BasicFileAttributes a = attrs(p);
        if (a == null || a.isSymbolicLink()) {
            throw new IOException("refusing to chmod " + p + ": " + (a == null ? "it does not exist" : "it is a symlink"));
        }
        Files.setAttribute(p, "unix:mode", mode & 07777);
    }
}
