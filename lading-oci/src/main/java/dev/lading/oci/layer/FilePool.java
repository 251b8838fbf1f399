package dev.lading.oci.layer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Extracted files kept between extractions, so that extracting the same file again (same content, same owner,
 * mode and mtime) is a rename instead of a write. {@link LayerExtractor} (with {@link ExtractOptions#withFilePool})
 * takes a file out of the pool by renaming it to where the layer puts it, and remembers every file it could have
 * taken; {@link #giveBack()}, called when the target is about to be deleted, renames those files back into the
 * pool. A file is in one place at a time, never shared: a target sees what a plain extraction gives it (one link).
 *
 * <p>Only what is certainly unchanged goes back: the same inode, one link, the same size and the same ctime as
 * when the extractor finished it (any write, chmod, chown or touch moves ctime, which no process can set back).
 * Files enter the pool by rename, whole or not at all, so a crash never leaves a partial file there; one whose
 * size is not the size its name promises is never taken. Several extractions (and builds) may share a pool: a
 * file taken by one is simply missing for the others, which then write their own.
 *
 * <p>The pool's directory is kept owner-only (0700), and setuid and setgid files never enter it. It must be on
 * the targets' file system (a rename cannot cross file systems: then nothing
 * is pooled and files are written as without a pool). Nothing bounds it but {@code lading gc}, which empties it.
 */
public final class FilePool {

    private final Path dir;
    private final Map<Path, Held> held = new HashMap<>();
    private boolean ready;

    private record Held(Path pooled, Object fileKey, long size, long ctimeNanos) {
    }

    public FilePool(Path dir) {
        this.dir = Objects.requireNonNull(dir, "dir");
    }

    public Path dir() {
        return dir;
    }

    /**
     * Makes the pool's directory, owner-only: what a root filesystem held in a private temp directory must not
     * become reachable by other users there (a setuid file, a secret readable by its mode). False if it cannot be.
     */
    private boolean ready() {
        if (!ready) {
            try {
                Files.createDirectories(dir.getParent());
                try {
                    Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    // made by an earlier build
                }
                if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                    return false;
                }
                if (!Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS).equals(PosixFilePermissions.fromString("rwx------"))) {
                    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
                }
                ready = true;
            } catch (IOException | RuntimeException e) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether files extracted under {@code root} can move in and out of the pool: it is on the same file system
     * (a rename cannot cross one; where it cannot, the extractor does not even compute pool keys).
     */
    synchronized boolean usableFor(Path root) {
        if (!ready()) {
            return false;
        }
        try {
            return Files.getAttribute(dir, "unix:dev").equals(Files.getAttribute(root, "unix:dev"));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Where the file of {@code key} (a hex digest of content and metadata) lives in the pool. */
    Path path(String key) {
        return dir.resolve(key.substring(0, 2)).resolve(key);
    }

    /** Moves the pool's file of {@code key} to {@code leaf} (which must not exist) if it is there and whole. */
    synchronized boolean take(String key, Path leaf, long size) {
        if (!ready()) {
            return false;
        }
        Path p = path(key);
        try {
            Map<String, Object> a = Files.readAttributes(p, "unix:isRegularFile,size,nlink", LinkOption.NOFOLLOW_LINKS);
            if (!(Boolean) a.get("isRegularFile") || (Long) a.get("size") != size || ((Number) a.get("nlink")).intValue() != 1) {
                return false;
            }
            Files.move(p, leaf, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException | RuntimeException e) {
            return false; // not there (or taken meanwhile), or another file system: the file is written instead
        }
    }

    /** Notes that {@code leaf}, now finished (content and metadata), is the pool's file of {@code key}. */
    synchronized void remember(String key, Path leaf) {
        remember(key, leaf, null);
    }

    /** The lstat attributes {@link #remember} keeps; a caller that has just read them (with these) passes them on. */
    static final String REMEMBERED = "unix:size,ctime,ino,dev";

    /** As {@link #remember(String, Path)}, with {@code attrs} read with {@link #REMEMBERED} after the file was finished (null: read them). */
    synchronized void remember(String key, Path leaf, Map<String, Object> attrs) {
        try {
            Map<String, Object> a = attrs != null ? attrs : Files.readAttributes(leaf, REMEMBERED, LinkOption.NOFOLLOW_LINKS);
            held.put(leaf, new Held(path(key), java.util.List.of(a.get("dev"), a.get("ino")), (Long) a.get("size"),
                    ((FileTime) a.get("ctime")).to(TimeUnit.NANOSECONDS)));
        } catch (IOException | RuntimeException e) {
            held.remove(leaf);
        }
    }

    /** {@code leaf} is being replaced by something that is not a pool file. */
    synchronized void forget(Path leaf) {
        held.remove(leaf);
    }

    /**
     * Renames the remembered files that are still exactly as the extractor left them back into the pool.
     * Call it once the extracted trees are no longer used, before deleting them. Returns how many went back.
     */
    public synchronized int giveBack() {
        int n = 0;
        if (held.isEmpty() || !ready()) {
            held.clear();
            return 0;
        }
        java.util.Set<Path> made = new java.util.HashSet<>();
        for (Map.Entry<Path, Held> e : held.entrySet()) {
            Held h = e.getValue();
            try {
                Map<String, Object> a = Files.readAttributes(e.getKey(), "unix:isRegularFile,size,ctime,ino,dev,nlink", LinkOption.NOFOLLOW_LINKS);
                if (!(Boolean) a.get("isRegularFile") || ((Number) a.get("nlink")).intValue() != 1 || (Long) a.get("size") != h.size()
                        || ((FileTime) a.get("ctime")).to(TimeUnit.NANOSECONDS) != h.ctimeNanos()
                        || !java.util.List.of(a.get("dev"), a.get("ino")).equals(h.fileKey())) {
                    continue;
                }
                if (made.add(h.pooled().getParent())) {
                    Files.createDirectories(h.pooled().getParent());
                }
                Files.move(e.getKey(), h.pooled(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                n++;
            } catch (IOException | RuntimeException ex) {
                // gone, changed, or the pool cannot take it: it is deleted with its tree
            }
        }
        held.clear();
        return n;
    }
}
