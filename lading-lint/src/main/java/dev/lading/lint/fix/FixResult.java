package dev.lading.lint.fix;

import dev.lading.lint.Finding;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@link Fixer} would do to one Dockerfile; nothing is written until {@link #write()}.
 *
 * @param file          the Dockerfile
 * @param displayName   its name in messages and diffs
 * @param original      the text as read
 * @param fixed         the text with every fix applied (equal to {@code original} when nothing applied)
 * @param applied       the changes made, in the order they were made
 * @param notes         fixes that could not be made and why (a registry error), for the user
 * @param dockerIgnore  a {@code .dockerignore} to create next to the Dockerfile, when LD015 asked for one
 * @param remaining     the findings on the fixed text (ShellCheck not run)
 */
public record FixResult(Optional<Path> file, String displayName, String original, String fixed, List<Change> applied,
                        List<String> notes, Optional<NewFile> dockerIgnore, List<Finding> remaining) {
    public FixResult {
        applied = List.copyOf(applied);
        notes = List.copyOf(notes);
        remaining = List.copyOf(remaining);
    }

    /** A file to create, with its content. */
    public record NewFile(Path path, String content) {
    }

    public boolean changed() {
        return !original.equals(fixed) || dockerIgnore.isPresent();
    }

    /** How many changes were made: each text change, and the .dockerignore. */
    public int count() {
        return applied.size() + (dockerIgnore.isPresent() ? 1 : 0);
    }

    /**
     * A unified diff of everything this would change; empty when nothing would. Relative names get git's
     * {@code a/} and {@code b/} prefixes (apply with {@code git apply} or {@code patch -p1}); absolute ones stay
     * as they are ({@code patch -p0}).
     */
    public String diff() {
        return diff(true);
    }

    /** As {@link #diff()}; without the new .dockerignore when {@code withDockerIgnore} is false (another file's diff shows it). */
    public String diff(boolean withDockerIgnore) {
        boolean absolute = displayName.startsWith("/") || Path.of(displayName).isAbsolute();
        String a = absolute ? "" : "a/";
        String b = absolute ? "" : "b/";
        StringBuilder sb = new StringBuilder();
        if (!original.equals(fixed)) {
            sb.append(UnifiedDiff.of(a + displayName, b + displayName, original, fixed));
        }
        dockerIgnore.filter(n -> withDockerIgnore).ifPresent(n -> sb.append(UnifiedDiff.of("/dev/null", b + siblingName(n.path()), "", n.content())));
        return sb.toString();
    }

    private String siblingName(Path ignore) {
        int slash = Math.max(displayName.lastIndexOf('/'), displayName.lastIndexOf('\\'));
        return (slash < 0 ? "" : displayName.substring(0, slash + 1)) + ignore.getFileName();
    }

    /**
     * Writes the fixed Dockerfile (atomically, keeping its permissions; through a symbolic link to the file it
     * names) and creates the {@code .dockerignore}, never replacing one that appeared meanwhile.
     */
    public void write() throws IOException {
        if (!original.equals(fixed)) {
            AtomicFiles.replace(file.orElseThrow(() -> new IOException(displayName + ": not a file on disk")), original, fixed);
        }
        if (dockerIgnore.isPresent()) {
            AtomicFiles.create(dockerIgnore.get().path(), dockerIgnore.get().content());
        }
    }
}
