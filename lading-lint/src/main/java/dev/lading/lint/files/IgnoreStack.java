package dev.lading.lint.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code .gitignore} files in force while walking a tree: those of the directories above the walk's root up
 * to the repository root (the nearest directory holding {@code .git}), then one per directory entered. Deeper
 * files are asked last and win, as in git.
 */
public final class IgnoreStack {
    private final List<GitIgnore> files = new ArrayList<>();
    private final List<Path> pushedFor = new ArrayList<>();

    /** Starts a walk at {@code root}: the ignore files of its ancestors inside the same repository apply. */
    public static IgnoreStack startingAt(Path root) {
        IgnoreStack s = new IgnoreStack();
        Path abs = root.toAbsolutePath().normalize();
        List<Path> ancestors = new ArrayList<>();
        for (Path p = Files.exists(abs.resolve(".git")) ? null : abs.getParent(); p != null; p = p.getParent()) {
            ancestors.add(0, p);
            if (Files.exists(p.resolve(".git"))) {
                break;
            }
            if (p.getParent() == null) {
                ancestors.clear(); // not inside a repository: only the walked tree's own files count
            }
        }
        for (Path a : ancestors) {
            s.push(a);
        }
        s.pushedFor.clear();
        return s;
    }

    /** A stack with the same files in force, for the walk of a subtree on another thread. */
    public IgnoreStack copy() {
        IgnoreStack s = new IgnoreStack();
        s.files.addAll(files);
        s.pushedFor.addAll(pushedFor);
        return s;
    }

    /** Call when entering {@code dir}; reads its {@code .gitignore} if it has one. */
    public void push(Path dir) {
        Path f = dir.resolve(".gitignore");
        if (Files.isRegularFile(f)) {
            try {
                files.add(GitIgnore.load(f));
                pushedFor.add(dir.toAbsolutePath().normalize());
            } catch (IOException e) {
                // an unreadable .gitignore ignores nothing; discovery goes on
            }
        }
    }

    /** Call when leaving {@code dir}. */
    public void pop(Path dir) {
        int last = pushedFor.size() - 1;
        if (last >= 0 && pushedFor.get(last).equals(dir.toAbsolutePath().normalize())) {
            pushedFor.remove(last);
            files.remove(files.size() - 1);
        }
    }

    public boolean ignored(Path path, boolean isDirectory) {
        GitIgnore.Verdict v = GitIgnore.Verdict.NONE;
        for (GitIgnore g : files) {
            GitIgnore.Verdict here = g.verdict(path, isDirectory);
            if (here != GitIgnore.Verdict.NONE) {
                v = here;
            }
        }
        return v == GitIgnore.Verdict.IGNORED;
    }
}
