package dev.lading.build.snapshot;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;

/** The metadata of every path under a root (not the root itself), keyed by canonical layer path. */
final class TreeScan {
    private TreeScan() {
    }

    /** {@code root} must be a real path (no symlink in it): below it no link is ever followed. */
    static Map<String, FileMeta> scan(Path root) throws IOException {
        Map<String, FileMeta> out = new HashMap<>(1 << 14);
        String prefix = root.toString();
        int cut = prefix.endsWith("/") ? prefix.length() : prefix.length() + 1;
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(root)) {
                    out.put(dir.toString().substring(cut), FileMeta.read(dir));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                out.put(file.toString().substring(cut), FileMeta.read(file));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                if (exc instanceof AccessDeniedException) {
                    throw new IOException("cannot scan '" + file + "': permission denied (a directory the builder's user"
                            + " cannot read; run with the overlay snapshotter or as root)", exc);
                }
                throw exc;
            }
        });
        return out;
    }
}
