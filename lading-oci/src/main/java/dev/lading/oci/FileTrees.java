package dev.lading.oci;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Deleting a directory tree lading made (a working root, an unpacked archive, a checkout, a sandbox's scratch):
 * never through a symbolic link, and through directories whose mode shuts their owner out. Image files keep
 * their modes when extracted rootless, so a tree may hold a 0555 directory (no deleting its entries) or a 000 one
 * (no listing it; overlayfs leaves its work/work so); the owner opens such a directory up (u+rwx) first.
 */
public final class FileTrees {
    private FileTrees() {
    }

    private static final Set<PosixFilePermission> OWNER_ALL = EnumSet.of(
            PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

    /** Deletes {@code path} and everything under it; a missing path is fine. A link is deleted, never followed. */
    public static void delete(Path path) throws IOException {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return;
        }
        if (attrs.isDirectory()) {
            openUp(path);
            List<Path> children = new ArrayList<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
                entries.forEach(children::add);
            }
            for (Path child : children) {
                delete(child);
            }
        }
        Files.deleteIfExists(path);
    }

    /**
     * As {@link #delete}, for trees whose removal is tidying only (a temp directory left behind harms nothing):
     * false, and the tree left, when it could not be removed.
     */
    public static boolean deleteQuietly(Path path) {
        try {
            delete(path);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** u+rwx on a directory (known not to be a link) that denies its owner listing or changing it. */
    private static void openUp(Path dir) throws IOException {
        Set<PosixFilePermission> perms;
        try {
            perms = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException e) {
            return;
        }
        if (!perms.containsAll(OWNER_ALL)) {
            Set<PosixFilePermission> opened = EnumSet.copyOf(OWNER_ALL);
            opened.addAll(perms);
            try {
                Files.setPosixFilePermissions(dir, opened);
            } catch (IOException e) {
                // not ours to open (another owner's directory): listing or deleting it will say what is wrong
            }
        }
    }
}
