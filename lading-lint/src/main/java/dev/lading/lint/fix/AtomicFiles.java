package dev.lading.lint.fix;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;

/** Writes through a temporary file in the same directory and a rename, so a reader sees the old file or the new one. */
final class AtomicFiles {
    private AtomicFiles() {
    }

    /**
     * Replaces {@code file}'s content, keeping its permission bits. {@code expected} is what was read: a file
     * changed since (an editor saved it) is not overwritten.
     */
    static void replace(Path file, String expected, String content) throws IOException {
        Path target = file.toRealPath();
        String now = new String(Files.readAllBytes(target), StandardCharsets.UTF_8);
        if (!now.equals(expected)) {
            throw new IOException(file + " changed while it was being fixed; run lading lint --fix again");
        }
        Path tmp = temp(target, content);
        try {
            PosixFileAttributeView view = Files.getFileAttributeView(target, PosixFileAttributeView.class);
            if (view != null) {
                PosixFileAttributes attrs = view.readAttributes();
                Files.setPosixFilePermissions(tmp, attrs.permissions());
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Creates {@code file}; fails if it exists. */
    static void create(Path file, String content) throws IOException {
        Path tmp = temp(file, content);
        try {
            if (Files.getFileAttributeView(tmp, PosixFileAttributeView.class) != null) {
                // a temporary file is private; an ignore file is read by whoever builds
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            }
            Files.move(tmp, file); // no REPLACE_EXISTING: an existing file wins
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static Path temp(Path target, String content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".lading-fix");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        return tmp;
    }
}
