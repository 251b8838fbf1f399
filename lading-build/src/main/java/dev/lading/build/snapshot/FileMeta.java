package dev.lading.build.snapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What one lstat(2) says about a path, kept compact because the copy-diff snapshotter holds one per path of
 * the rootfs. Content is never hashed: a write changes mtime and ctime, and ctime cannot be set by a process,
 * so {@code (dev, ino, ctime)} plus the rest changes whenever the file does.
 *
 * @param mode the full {@code st_mode}: file type and permission bits (including setuid/setgid/sticky)
 */
record FileMeta(int mode, long uid, long gid, long size, long mtimeNanos, long ctimeNanos, long ino, long dev,
                int nlink, long rdev) {

    static final int S_IFMT = 0170000;
    static final int S_IFSOCK = 0140000;
    static final int S_IFLNK = 0120000;
    static final int S_IFREG = 0100000;
    static final int S_IFBLK = 060000;
    static final int S_IFDIR = 040000;
    static final int S_IFCHR = 020000;
    static final int S_IFIFO = 010000;

    private static final String ATTRIBUTES = "unix:mode,uid,gid,size,lastModifiedTime,ctime,ino,dev,nlink,rdev";

    /** lstat: a symlink is described, never followed. */
    static FileMeta read(Path p) throws IOException {
        Map<String, Object> a = Files.readAttributes(p, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        return new FileMeta(
                (Integer) a.get("mode"),
                Integer.toUnsignedLong((Integer) a.get("uid")),
                Integer.toUnsignedLong((Integer) a.get("gid")),
                (Long) a.get("size"),
                ((FileTime) a.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS),
                ((FileTime) a.get("ctime")).to(TimeUnit.NANOSECONDS),
                (Long) a.get("ino"),
                (Long) a.get("dev"),
                (Integer) a.get("nlink"),
                (Long) a.get("rdev"));
    }

    /** lstat, or null when nothing is there. */
    static FileMeta readIfExists(Path p) throws IOException {
        try {
            return read(p);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    int type() {
        return mode & S_IFMT;
    }

    int perm() {
        return mode & 07777;
    }

    boolean isDirectory() {
        return type() == S_IFDIR;
    }

    boolean isRegularFile() {
        return type() == S_IFREG;
    }

    boolean isSymlink() {
        return type() == S_IFLNK;
    }

    boolean isSocket() {
        return type() == S_IFSOCK;
    }

    boolean isCharDevice() {
        return type() == S_IFCHR;
    }

    /** glibc's gnu_dev_major encoding of {@code st_rdev}. */
    int devMajor() {
        return (int) (((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL));
    }

    int devMinor() {
        return (int) ((rdev & 0xff) | ((rdev >>> 12) & ~0xffL));
    }
}
