package dev.lading.cli;

import dev.lading.lint.compose.ComposeFile;
import dev.lading.lint.files.IgnoreStack;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The walk of a directory tree for the files lint lints (see {@link LintCommand#discover(Path, Map)}).
 *
 * <p>It does what {@code Files.walkFileTree} without following links did before, in fewer system calls, which
 * are most of a walk's cost (a tree of 4000 directories took longer to walk than picocli took to start):
 * <ul>
 *   <li>a directory is listed with {@code java.io.File#list} (open, read, close) rather than a secure directory
 *       stream (which also duplicates the descriptor and checks its flags): 5 calls instead of 8;</li>
 *   <li>its {@code .gitignore} is looked at only when the listing has one, not asked for in every directory;</li>
 *   <li>a directory skipped by name or by {@code .gitignore} is not listed at all.</li>
 * </ul>
 * A name {@code java.io} may have decoded lossily (a '?' or U+FFFD in it: a file name that is not valid in the
 * platform's encoding) sends that directory, and every directory under it, to the NIO listing, which keeps
 * names as bytes.
 */
final class Discovery {
    private Discovery() {
    }

    /** One directory being walked: its entries, how far the walk is, and what it has learnt about it. */
    private static final class Frame {
        final Path dir;
        final Path[] entries;
        final boolean ignorePushed;
        final Set<String> probed = new HashSet<>();
        int next;
        boolean complete = true;

        Frame(Path dir, Path[] entries, boolean ignorePushed) {
            this.dir = dir;
            this.entries = entries;
            this.ignorePushed = ignorePushed;
        }
    }

    /**
     * The Dockerfiles and compose files under {@code root} (not ignored by git, not in a skipped directory), in
     * path order; {@code listed} gets, for each directory listed in full, the probed names (configuration and
     * ignore files) it holds. A root that is not a directory (a symbolic link to one included) is looked at as a
     * file. Unreadable corners of the tree are passed over.
     */
    static List<Path> discover(Path root, Map<Path, Set<String>> listed) {
        Set<Path> found = new TreeSet<>();
        IgnoreStack gitignore = IgnoreStack.startingAt(root);
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(root, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return List.of();
        }
        if (!attrs.isDirectory()) {
            visitFile(null, root, attrs, gitignore, found);
            return List.copyOf(found);
        }
        ArrayDeque<Frame> stack = new ArrayDeque<>();
        Frame top = open(root, gitignore);
        if (top == null) {
            return List.of();
        }
        stack.push(top);
        while (!stack.isEmpty()) {
            Frame f = stack.peek();
            if (f.next == f.entries.length) {
                stack.pop();
                if (f.ignorePushed) {
                    gitignore.pop(f.dir);
                }
                if (f.complete) {
                    listed.put(f.dir.toAbsolutePath().normalize(), f.probed);
                }
                continue;
            }
            Path entry = f.entries[f.next++];
            BasicFileAttributes a;
            try {
                a = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                f.complete = false; // an entry it could not look at: the directory is not known in full
                continue;
            }
            if (!a.isDirectory()) {
                visitFile(f, entry, a, gitignore, found);
                continue;
            }
            if (LintCommand.SKIPPED_DIRS.contains(entry.getFileName().toString()) || gitignore.ignored(entry, true)) {
                continue;
            }
            Frame child = open(entry, gitignore);
            if (child == null) {
                f.complete = false; // a subdirectory it could not list
            } else {
                stack.push(child);
            }
        }
        return List.copyOf(found);
    }

    private static void visitFile(Frame parent, Path file, BasicFileAttributes attrs, IgnoreStack gitignore, Set<Path> found) {
        String name = file.getFileName().toString();
        if (parent != null && (attrs.isRegularFile() || attrs.isSymbolicLink()) && LintCommand.probedName(name)) {
            parent.probed.add(name);
        }
        if (attrs.isRegularFile() && (LintCommand.isDockerfileName(name) || ComposeFile.isComposeFileName(name))
                && !gitignore.ignored(file, false)) {
            found.add(file);
        }
    }

    /** The directory's frame, its {@code .gitignore} pushed if it has one; null when it cannot be listed. */
    private static Frame open(Path dir, IgnoreStack gitignore) {
        Path[] entries = list(dir);
        if (entries == null) {
            return null;
        }
        boolean hasIgnoreFile = false;
        for (Path e : entries) {
            if (e.getFileName().toString().equals(".gitignore")) {
                hasIgnoreFile = true;
                break;
            }
        }
        if (hasIgnoreFile) {
            gitignore.push(dir);
        }
        return new Frame(dir, entries, hasIgnoreFile);
    }

    private static Path[] list(Path dir) {
        String path = dir.toString();
        if (dir.getFileSystem() == FileSystems.getDefault() && !lossy(path)) {
            String[] names = new java.io.File(path).list();
            if (names == null) {
                return null;
            }
            Path[] entries = new Path[names.length];
            for (int i = 0; i < names.length; i++) {
                String n = names[i];
                if (lossy(n)) {
                    return listAsBytes(dir);
                }
                entries[i] = dir.resolve(n);
            }
            return entries;
        }
        return listAsBytes(dir);
    }

    /** A name (or path) {@code java.io} may have decoded with a replacement: not to be used to find the file. */
    private static boolean lossy(String name) {
        return name.indexOf('?') >= 0 || name.indexOf('\uFFFD') >= 0;
    }

    private static Path[] listAsBytes(Path dir) {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                entries.add(p);
            }
        } catch (IOException | java.nio.file.DirectoryIteratorException e) {
            return null;
        }
        return entries.toArray(Path[]::new);
    }
}
