package dev.lading.build.sandbox;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The mount points a sandbox needs in the root (/proc, /dev, /etc/resolv.conf, the RUN's mount targets), made
 * without leaving a trace in what the snapshotter diffs. A directory root gets the missing ones created before the
 * run and removed after it (with the parent's mtime put back when the RUN did not touch that directory); an overlay
 * root gets them in a separate "scaffold" directory mounted as the lowest layer, so the upper dir never sees them.
 */
final class MountPoints implements AutoCloseable {

    enum Kind { DIRECTORY, FILE }

    record Target(String path, Kind kind) {
    }

    /** A path this class created, and its parent's mtime before and right after the creation. */
    private record Created(Path path, Path parent, FileTime parentBefore, FileTime parentAfter) {
    }

    private final List<Created> created;
    private final Path scaffold;

    private MountPoints(List<Created> created, Path scaffold) {
        this.created = created;
        this.scaffold = scaffold;
    }

    /** Creates the missing targets inside {@code dir}; {@link #close()} removes them again. */
    static MountPoints inDirectory(Path dir, List<Target> targets) throws IOException {
        List<Created> created = new ArrayList<>();
        MountPoints points = new MountPoints(created, null);
        try {
            for (Target t : targets) {
                create(dir, t, created);
            }
        } catch (IOException | RuntimeException e) {
            points.close();
            throw e;
        }
        return points;
    }

    /** Creates the targets missing from {@code lower} in a new scaffold directory under {@code tempDir}. */
    static MountPoints scaffold(Path lower, List<Target> targets, Path tempDir) throws IOException {
        Path scaffold = Files.createTempDirectory(tempDir, "lading-scaffold-");
        MountPoints points = new MountPoints(new ArrayList<>(), scaffold);
        try {
            for (Target t : targets) {
                checkNoSymlink(lower, t.path());
                if (!Files.exists(resolve(lower, t.path()), LinkOption.NOFOLLOW_LINKS)) {
                    Path p = resolve(scaffold, t.path());
                    Files.createDirectories(p.getParent());
                    if (t.kind() == Kind.DIRECTORY) {
                        Files.createDirectories(p);
                    } else if (!Files.exists(p)) {
                        Files.createFile(p);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            points.close();
            throw e;
        }
        return points;
    }

    Optional<Path> scaffoldDir() {
        return Optional.ofNullable(scaffold);
    }

    /** {@code root/target}, refusing ".." so a target cannot name a path outside the root. */
    static Path resolve(Path root, String target) {
        if (!target.startsWith("/")) {
            throw new IllegalArgumentException("mount target must be absolute: " + target);
        }
        Path p = root;
        for (String part : target.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                throw new IllegalArgumentException("mount target must not contain '..': " + target);
            }
            p = p.resolve(part);
        }
        return p;
    }

    /**
     * The sandbox tools mount with host paths, so a symlink in the image on the way to a target would point the
     * mount somewhere else (an absolute link even outside the root): such a target is refused.
     */
    static void checkNoSymlink(Path root, String target) throws IOException {
        Path p = root;
        for (Path part : root.relativize(resolve(root, target))) {
            p = p.resolve(part);
            if (Files.isSymbolicLink(p)) {
                throw new IOException("cannot mount on " + target + ": " + "/" + root.relativize(p)
                        + " is a symbolic link in the root filesystem");
            }
        }
    }

    /** Whether {@code root} has {@code target} as a regular file or not at all, below a real directory. */
    static boolean canBindFile(Path root, String target) {
        Path p = resolve(root, target);
        if (!Files.isDirectory(p.getParent(), LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try {
            checkNoSymlink(root, target);
        } catch (IOException e) {
            return false;
        }
        return !Files.exists(p, LinkOption.NOFOLLOW_LINKS) || Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS);
    }

    private static void create(Path dir, Target t, List<Created> created) throws IOException {
        checkNoSymlink(dir, t.path());
        Path target = resolve(dir, t.path());
        List<Path> missing = new ArrayList<>();
        for (Path p = target; !p.equals(dir) && !Files.exists(p, LinkOption.NOFOLLOW_LINKS); p = p.getParent()) {
            missing.add(0, p);
        }
        for (Path p : missing) {
            Path parent = p.getParent();
            FileTime before = Files.getLastModifiedTime(parent, LinkOption.NOFOLLOW_LINKS);
            if (p.equals(target) && t.kind() == Kind.FILE) {
                Files.createFile(p);
            } else {
                Files.createDirectory(p);
            }
            created.add(new Created(p, parent, before, Files.getLastModifiedTime(parent, LinkOption.NOFOLLOW_LINKS)));
        }
    }

    /**
     * Removes what was created, deepest first. A created directory the RUN put files into stays (the RUN's own
     * change); a parent whose mtime is still the one our creation gave it gets its original mtime back.
     */
    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (int i = created.size() - 1; i >= 0; i--) {
            Created c = created.get(i);
            try {
                boolean emptyFile = Files.isRegularFile(c.path(), LinkOption.NOFOLLOW_LINKS) && Files.size(c.path()) == 0;
                if (emptyFile || Files.isDirectory(c.path(), LinkOption.NOFOLLOW_LINKS)) {
                    FileTime now = Files.getLastModifiedTime(c.parent(), LinkOption.NOFOLLOW_LINKS);
                    Files.deleteIfExists(c.path());
                    if (now.equals(c.parentAfter())) {
                        Files.setLastModifiedTime(c.parent(), c.parentBefore());
                    }
                }
            } catch (DirectoryNotEmptyException e) {
                // the RUN created files below a mount point's parent: that directory is part of its change
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
        }
        created.clear();
        if (scaffold != null) {
            deleteTree(scaffold);
        }
        if (failure != null) {
            throw new IOException("cannot remove the sandbox's mount point " + failure.getMessage(), failure);
        }
    }

    /**
     * The sandbox's own recursive delete, not lading-oci's FileTrees: the sandbox package runs in the rootless
     * contract tests' child JVM as nobody, whose class path holds only lading-build's classes.
     */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                // overlayfs leaves its work/work directory with mode 000: rootless, it cannot be listed until
                // its owner (us) opens it up
                if (exc instanceof java.nio.file.AccessDeniedException && Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                    Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
                    deleteTree(file);
                    return FileVisitResult.CONTINUE;
                }
                throw exc;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
