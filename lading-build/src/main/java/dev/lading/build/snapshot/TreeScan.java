package dev.lading.build.snapshot;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The metadata of every path under a root (not the root itself), keyed by canonical layer path. */
final class TreeScan {
    private TreeScan() {
    }

    /**
     * {@code root} must be a real path (no symlink in it): below it no link is ever followed. One lstat per
     * path: a hand-written walk, because {@code Files.walkFileTree} does its own lstat before ours (which it
     * needs anyway for ctime, inode and the full mode) and that doubled the syscalls.
     */
    static Map<String, FileMeta> scan(Path root) throws IOException {
        Map<String, FileMeta> out = new HashMap<>(1 << 14);
        walk(root, "", out);
        return out;
    }

    private static void walk(Path dir, String rel, Map<String, FileMeta> out) throws IOException {
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
            for (Path child : children) {
                String path = rel.isEmpty() ? child.getFileName().toString() : rel + "/" + child.getFileName();
                FileMeta m = FileMeta.read(child);
                out.put(path, m);
                if (m.isDirectory()) {
                    walk(child, path, out);
                }
            }
        } catch (AccessDeniedException e) {
            throw new IOException("cannot scan '" + dir + "': permission denied (a directory the builder's user"
                    + " cannot read; use the overlay snapshotter or build as root)", e);
        }
    }
}
