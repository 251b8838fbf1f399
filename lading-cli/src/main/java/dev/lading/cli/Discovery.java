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
        Walk w = Walk.of(root);
        w.work();
        return w.finish(listed);
    }

    /**
     * The walk of one root, which several threads can share: the root's entries are handed out one at a time, and
     * each thread walks the subtrees of the entries it took, with its own copy of the ignore files in force at the
     * root. What each finds is merged when it runs out of entries; {@link #finish} waits for every thread.
     */
    static final class Walk {
        private final Path root;
        private final IgnoreStack atRoot;
        private final Path[] entries; // null: the root is not a directory it could list
        private final BasicFileAttributes rootAttrs; // null: the root could not be looked at
        private final java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        private final Set<Path> found = new TreeSet<>();
        private final Map<Path, Set<String>> listedHere = new java.util.HashMap<>();
        private final Set<String> rootProbed = new HashSet<>();
        private boolean rootComplete = true;
        private int working;

        private Walk(Path root, IgnoreStack atRoot, Path[] entries, BasicFileAttributes rootAttrs) {
            this.root = root;
            this.atRoot = atRoot;
            this.entries = entries;
            this.rootAttrs = rootAttrs;
        }

        /** Looks at the root and lists it (its .gitignore read): the entries are ready to hand out. */
        static Walk of(Path root) {
            IgnoreStack gitignore = IgnoreStack.startingAt(root);
            BasicFileAttributes attrs;
            try {
                attrs = Files.readAttributes(root, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                return new Walk(root, gitignore, null, null);
            }
            if (!attrs.isDirectory()) {
                return new Walk(root, gitignore, null, attrs);
            }
            Frame top = open(root, gitignore);
            return new Walk(root, gitignore, top == null ? null : top.entries, attrs);
        }

        /** Walks entries of the root until none is left; any thread may call it, at any time. */
        void work() {
            synchronized (this) {
                working++;
            }
            Set<Path> foundHere = new TreeSet<>();
            Map<Path, Set<String>> listedByMe = new java.util.HashMap<>();
            Set<String> probed = new HashSet<>();
            boolean complete = true;
            try {
                if (entries != null) {
                    IgnoreStack gitignore = atRoot.copy();
                    for (int i; (i = next.getAndIncrement()) < entries.length; ) {
                        complete &= entry(entries[i], gitignore, probed, foundHere, listedByMe);
                    }
                } else if (rootAttrs != null && !rootAttrs.isDirectory() && next.getAndIncrement() == 0) {
                    visitFile(null, root, rootAttrs, atRoot, foundHere);
                }
            } finally {
                synchronized (this) {
                    found.addAll(foundHere);
                    listedHere.putAll(listedByMe);
                    rootProbed.addAll(probed);
                    rootComplete &= complete;
                    if (--working == 0) {
                        notifyAll();
                    }
                }
            }
        }

        /** What the walk found, once every thread that took part is done; {@code listed} gets its listings. */
        synchronized List<Path> finish(Map<Path, Set<String>> listed) {
            while (working > 0) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while the walk of " + root + " finished", e);
                }
            }
            if (entries == null && (rootAttrs == null || rootAttrs.isDirectory())) {
                return List.of(); // a root it could not look at or list
            }
            listed.putAll(listedHere);
            if (entries != null && rootComplete) {
                listed.put(root.toAbsolutePath().normalize(), rootProbed);
            }
            return List.copyOf(found);
        }

        /** One entry of the root, and the tree under it; false when the root is not known in full because of it. */
        private static boolean entry(Path entry, IgnoreStack gitignore, Set<String> rootProbed, Set<Path> found,
                                     Map<Path, Set<String>> listed) {
            Frame sub = visit(entry, rootProbed, gitignore, found);
            if (sub == UNKNOWN) {
                return false;
            }
            if (sub != null) {
                walk(sub, gitignore, found, listed);
            }
            return true;
        }
    }

    /** What {@link #visit} gives for an entry it could not look at, or a directory it could not list. */
    private static final Frame UNKNOWN = new Frame(null, new Path[0], false);

    /**
     * One entry of a directory: a file is looked at (into {@code probed}, the directory's probed names, and
     * {@code found}); a directory to walk is opened and its frame returned. Null when there is nothing to walk,
     * {@link #UNKNOWN} when the directory holding the entry is not known in full because of it.
     */
    private static Frame visit(Path entry, Set<String> probed, IgnoreStack gitignore, Set<Path> found) {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return UNKNOWN;
        }
        if (!a.isDirectory()) {
            visitFile(probed, entry, a, gitignore, found);
            return null;
        }
        if (LintCommand.SKIPPED_DIRS.contains(entry.getFileName().toString()) || gitignore.ignored(entry, true)) {
            return null;
        }
        Frame sub = open(entry, gitignore);
        return sub == null ? UNKNOWN : sub;
    }

    /** The tree under {@code top} (opened, its .gitignore pushed), depth first; its pushes are popped at the end. */
    private static void walk(Frame top, IgnoreStack gitignore, Set<Path> found, Map<Path, Set<String>> listed) {
        ArrayDeque<Frame> stack = new ArrayDeque<>();
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
            Frame child = visit(f.entries[f.next++], f.probed, gitignore, found);
            if (child == UNKNOWN) {
                f.complete = false;
            } else if (child != null) {
                stack.push(child);
            }
        }
    }

    private static void visitFile(Set<String> probed, Path file, BasicFileAttributes attrs, IgnoreStack gitignore, Set<Path> found) {
        String name = file.getFileName().toString();
        if (probed != null && (attrs.isRegularFile() || attrs.isSymbolicLink()) && LintCommand.probedName(name)) {
            probed.add(name);
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
