package dev.lading.build.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** File operations that never follow a symlink and cope with directories whose mode forbids what we need. */
final class FileOps {
    private FileOps() {
    }

    /** Deletes {@code p} and everything under it, entering no link; missing is fine. */
    static void deleteTree(Path p) throws IOException {
        FileMeta m = FileMeta.readIfExists(p);
        if (m == null) {
            return;
        }
        if (m.isDirectory()) {
            makeWritable(p, m);
            for (Path child : list(p)) {
                deleteTree(child);
            }
        }
        Files.delete(p);
    }

    /** The entries of a directory, sorted by name so that work (and errors) happen in a repeatable order. */
    static List<Path> list(Path dir) throws IOException {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            ds.forEach(children::add);
        }
        children.sort(null);
        return children;
    }

    /**
     * Gives the owner rwx on a directory we must change (rootless, an image's 0555 directory belongs to the
     * user but refuses writes); whoever changes it sets its final mode afterwards.
     */
    static void makeWritable(Path dir, FileMeta m) throws IOException {
        if ((m.perm() & 0700) != 0700 && !(Files.isWritable(dir) && Files.isExecutable(dir) && Files.isReadable(dir))) {
            setMode(dir, m.perm() | 0700);
        }
    }

    /**
     * Opens a file of the rootfs for reading, even one whose mode denies it to its owner: rootless, an image's
     * 0000 /etc/shadow belongs to the builder's user, who can open it only after a brief u+r (the descriptor
     * stays readable after the mode is given back).
     */
    static InputStream openForReading(Path file) throws IOException {
        try {
            return Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
        } catch (AccessDeniedException denied) {
            FileMeta m = FileMeta.read(file);
            if (!m.isRegularFile() || (m.perm() & 0400) != 0) {
                throw denied;
            }
            setMode(file, m.perm() | 0400);
            try {
                return Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
            } finally {
                setMode(file, m.perm());
            }
        }
    }

    /** chmod with all 12 bits; callers have checked {@code p} is no symlink. */
    static void setMode(Path p, int perm) throws IOException {
        Files.setAttribute(p, "unix:mode", perm & 07777);
    }

    /** lchown, only when needed: an unprivileged process can still "change" to the ids it already has. */
    static void chown(Path p, FileMeta current, long uid, long gid) throws IOException {
        if (current.uid() != uid) {
            Files.setAttribute(p, "unix:uid", (int) uid, LinkOption.NOFOLLOW_LINKS);
        }
        if (current.gid() != gid) {
            Files.setAttribute(p, "unix:gid", (int) gid, LinkOption.NOFOLLOW_LINKS);
        }
    }

    static void setMtime(Path p, long mtimeNanos) throws IOException {
        Files.getFileAttributeView(p, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setTimes(FileTime.from(mtimeNanos, TimeUnit.NANOSECONDS), null, null);
    }
}
