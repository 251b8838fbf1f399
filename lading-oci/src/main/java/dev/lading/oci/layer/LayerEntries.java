package dev.lading.oci.layer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds layer entries from a directory on disk. */
public final class LayerEntries {
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;
    private static final int S_IFLNK = 0120000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFBLK = 060000;
    private static final int S_IFDIR = 040000;
    private static final int S_IFCHR = 020000;
    private static final int S_IFIFO = 010000;

    private LayerEntries() {
    }

    /**
     * Every file, directory, symlink, device and fifo under {@code root} (not {@code root} itself), as layer
     * paths relative to it, sorted as the writer writes them. Symlinks are recorded, never followed. Files
     * that share an inode become one file and hardlinks to it (the first path in byte order is the file).
     * Sockets are skipped: tar cannot hold them. File contents are not read here; each file is opened when
     * its entry is written, and a file whose size changed by then makes the write fail.
     */
    public static List<LayerEntry> fromDirectory(Path directory, DirectoryOptions options) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new IOException(directory + " is not a directory");
        }
        Path root = directory.toRealPath(); // the caller chose it, so links in its own path are fine; below it none is followed
        List<Scanned> scanned = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(root)) {
                    scanned.add(scan(root, dir, options));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Scanned s = scan(root, file, options);
                if (s != null) {
                    scanned.add(s);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                throw exc;
            }
        });
        scanned.sort((a, b) -> LayerWriter.BY_PATH.compare(a.entry, b.entry));
        Map<List<Object>, String> firstByInode = new HashMap<>();
        List<LayerEntry> entries = new ArrayList<>(scanned.size());
        for (Scanned s : scanned) {
            LayerEntry e = s.entry;
            if (e.type() == EntryType.FILE && s.nlink > 1) {
                String first = firstByInode.putIfAbsent(List.of(s.dev, s.ino), e.path());
                if (first != null) {
                    e = new LayerEntry(e.path(), EntryType.HARDLINK, e.mode(), e.uid(), e.gid(), first, 0, null,
                            e.xattrs(), 0, 0);
                }
            }
            entries.add(e);
        }
        return entries;
    }

    private record Scanned(LayerEntry entry, Object dev, Object ino, int nlink) {
    }

    private static Scanned scan(Path root, Path p, DirectoryOptions options) throws IOException {
        Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid,gid,ino,dev,nlink,rdev,size", LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) a.get("mode");
        String path = layerPath(root, p);
        int perm = mode & 07777;
        LayerEntry e = switch (mode & S_IFMT) {
            case S_IFDIR -> LayerEntry.directory(path, perm);
            case S_IFREG -> LayerEntry.file(path, perm, (Long) a.get("size"),
                    () -> Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS));
            case S_IFLNK -> LayerEntry.symlink(path, Files.readSymbolicLink(p).toString());
            case S_IFCHR, S_IFBLK -> {
                long rdev = (Long) a.get("rdev");
                // glibc's gnu_dev_major/gnu_dev_minor encoding
                int major = (int) (((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL));
                int minor = (int) ((rdev & 0xff) | ((rdev >>> 12) & ~0xffL));
                yield LayerEntry.device(path, (mode & S_IFMT) == S_IFCHR ? EntryType.CHAR_DEVICE : EntryType.BLOCK_DEVICE,
                        perm, major, minor);
            }
            case S_IFIFO -> LayerEntry.fifo(path, perm);
            case S_IFSOCK -> null;
            default -> throw new IOException("unknown file type " + Integer.toOctalString(mode & S_IFMT) + " of " + p);
        };
        if (e == null) {
            return null;
        }
        if (e.type() == EntryType.SYMLINK) {
            e = e.withMode(perm);
        }
        Owner owner = options.fixedOwner() != null ? options.fixedOwner()
                : new Owner(Integer.toUnsignedLong((Integer) a.get("uid")), Integer.toUnsignedLong((Integer) a.get("gid")));
        owner = options.owners().getOrDefault(path, owner);
        e = e.withOwner(owner);
        // only files and directories: reading xattrs opens the file, which would block on a fifo or open a device
        if (options.readXattrs() && (e.type() == EntryType.FILE || e.type() == EntryType.DIRECTORY)) {
            e = e.withXattrs(userXattrs(p));
        }
        return new Scanned(e, a.get("dev"), a.get("ino"), (Integer) a.get("nlink"));
    }

    private static Map<String, byte[]> userXattrs(Path p) throws IOException {
        UserDefinedFileAttributeView view = Files.getFileAttributeView(p, UserDefinedFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        Map<String, byte[]> out = new TreeMap<>();
        if (view == null) {
            return out;
        }
        for (String name : view.list()) {
            ByteBuffer buf = ByteBuffer.allocate(view.size(name));
            view.read(name, buf);
            out.put("user." + name, buf.array());
        }
        return out;
    }

    private static String layerPath(Path root, Path p) {
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
