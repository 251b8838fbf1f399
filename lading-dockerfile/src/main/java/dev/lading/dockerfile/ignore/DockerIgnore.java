package dev.lading.dockerfile.ignore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A .dockerignore with Docker's exact semantics (moby/patternmatcher and its ignorefile reader):
 *
 * <ul>
 *   <li>Lines starting with {@code #} (in the first column) are comments; other lines are trimmed and empty
 *       ones skipped. {@code !} starts an exception. Patterns are cleaned like Go's filepath.Clean and a
 *       leading {@code /} is dropped, so {@code /foo} and {@code foo} are the same.</li>
 *   <li>Patterns are evaluated in order and the last one that matches decides ("last match wins"). A
 *       pattern also matches everything beneath a directory it matches.</li>
 *   <li>{@code *} and {@code ?} do not cross {@code /}; {@code **} matches any number of directories;
 *       {@code [a-z]} and {@code [^a]} are character classes; {@code \} escapes the next character.</li>
 * </ul>
 *
 * Immutable and thread-safe.
 */
public final class DockerIgnore {
    private final Optional<Path> source;
    private final List<String> patterns;
    private final List<IgnorePattern> compiled;

    private DockerIgnore(Optional<Path> source, List<String> patterns, List<IgnorePattern> compiled) {
        this.source = source;
        this.patterns = List.copyOf(patterns);
        this.compiled = List.copyOf(compiled);
    }

    /** Ignores nothing (no .dockerignore). */
    public static DockerIgnore none() {
        return new DockerIgnore(Optional.empty(), List.of(), List.of());
    }

    /**
     * The ignore file BuildKit uses for this build: {@code <Dockerfile name>.dockerignore} next to the
     * Dockerfile when it exists (e.g. {@code app.Dockerfile.dockerignore}), else {@code .dockerignore} at
     * the root of the context, else nothing.
     */
    public static DockerIgnore load(Path contextDir, Path dockerfilePath) throws IOException, DockerIgnoreException {
        Optional<Path> file = locate(contextDir, dockerfilePath);
        return file.isEmpty() ? none() : read(file.get());
    }

    /** Reads and parses one ignore file, such as {@link #locate} found. */
    public static DockerIgnore read(Path file) throws IOException, DockerIgnoreException {
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        DockerIgnore parsed = parse(file.toString(), text);
        return new DockerIgnore(Optional.of(file), parsed.patterns, parsed.compiled);
    }

    /** Which file {@link #load} would read, if any. */
    public static Optional<Path> locate(Path contextDir, Path dockerfilePath) {
        return locate(contextDir, dockerfilePath, Files::isRegularFile);
    }

    /**
     * As {@link #locate(Path, Path)}, asking {@code isRegularFile} whether a candidate exists: a caller that has
     * just listed the directory can answer without asking the file system again.
     */
    public static Optional<Path> locate(Path contextDir, Path dockerfilePath, Predicate<Path> isRegularFile) {
        if (dockerfilePath != null && dockerfilePath.getFileName() != null) {
            Path specific = dockerfilePath.resolveSibling(dockerfilePath.getFileName() + ".dockerignore");
            if (isRegularFile.test(specific)) {
                return Optional.of(specific);
            }
        }
        Path generic = contextDir.resolve(".dockerignore");
        return isRegularFile.test(generic) ? Optional.of(generic) : Optional.empty();
    }

    /** Parses .dockerignore text; {@code sourceName} is used in messages. */
    public static DockerIgnore parse(String sourceName, String text) throws DockerIgnoreException {
        List<String> patterns = new ArrayList<>();
        List<IgnorePattern> compiled = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.startsWith("#")) {
                continue;
            }
            String pattern = goTrim(line);
            if (pattern.isEmpty()) {
                continue;
            }
            boolean invert = pattern.charAt(0) == '!';
            if (invert) {
                pattern = goTrim(pattern.substring(1));
            }
            if (!pattern.isEmpty()) {
                pattern = GoPath.clean(pattern);
                if (pattern.length() > 1 && pattern.charAt(0) == '/') {
                    pattern = pattern.substring(1);
                }
            }
            if (invert) {
                pattern = "!" + pattern;
            }
            patterns.add(pattern);
            compiled.add(compile(sourceName, i + 1, pattern));
        }
        return new DockerIgnore(Optional.empty(), patterns, compiled);
    }

    /** Go's strings.TrimSpace (unicode.IsSpace: includes NBSP and NEL, unlike String.strip). */
    private static String goTrim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isGoSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isGoSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean isGoSpace(char c) {
        return c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r' || c == 0x85 || Character.isSpaceChar(c);
    }

    private static IgnorePattern compile(String sourceName, int line, String pattern) throws DockerIgnoreException {
        String p = GoPath.clean(pattern);
        boolean exclusion = false;
        if (p.charAt(0) == '!') {
            if (p.length() == 1) {
                throw new DockerIgnoreException(sourceName, line, "illegal exclusion pattern: \"!\"");
            }
            exclusion = true;
            p = p.substring(1);
        }
        if (!IgnorePattern.isValidGlob(p)) {
            throw new DockerIgnoreException(sourceName, line, "syntax error in pattern: " + pattern);
        }
        try {
            return new IgnorePattern(p, exclusion);
        } catch (IllegalArgumentException e) {
            throw new DockerIgnoreException(sourceName, line, "syntax error in pattern: " + pattern);
        }
    }

    /** The file this came from, when loaded from disk. */
    public Optional<Path> source() {
        return source;
    }

    /** The patterns after Docker's normalisation, exceptions with their {@code !}. */
    public List<String> patterns() {
        return patterns;
    }

    /**
     * Whether a context path is excluded from the build context. {@code relativePath} is slash-separated
     * and relative to the context root. Docker's matching does not depend on whether the path is a
     * directory (a trailing {@code /} in a pattern is cleaned away); {@code isDir} is accepted so callers
     * walking a tree can pass what they know.
     */
    public boolean matches(String relativePath, boolean isDir) {
        if (compiled.isEmpty()) {
            return false; // no patterns (no .dockerignore, no --exclude): asked once per file of a context walk
        }
        String file = GoPath.clean(relativePath.replace('\\', '/'));
        if (file.startsWith("/")) {
            file = file.length() == 1 ? "." : file.substring(1);
        }
        if (file.equals(".")) {
            return false; // Docker never excludes the context root itself
        }
        int slash = file.lastIndexOf('/');
        String parent = slash < 0 ? "." : file.substring(0, slash);
        String[] parentDirs = parent.split("/");
        boolean matched = false;
        for (IgnorePattern p : compiled) {
            if (p.exclusion() != matched) {
                continue; // an inclusion cannot change an excluded path, nor an exception a kept one
            }
            boolean match = p.matches(file);
            if (!match && !parent.equals(".")) {
                StringBuilder prefix = new StringBuilder();
                for (int i = 0; i < parentDirs.length && !match; i++) {
                    if (i > 0) {
                        prefix.append('/');
                    }
                    prefix.append(parentDirs[i]);
                    match = p.matches(prefix.toString());
                }
            }
            if (match) {
                matched = !p.exclusion();
            }
        }
        return matched;
    }

    /** True when at least one {@code !} exception exists. */
    public boolean hasExceptions() {
        return compiled.stream().anyMatch(IgnorePattern::exclusion);
    }

    /**
     * Whether a walk can skip this directory without looking inside: it is excluded and no exception
     * pattern could re-include anything beneath it. Conservative: when unsure it answers false.
     */
    public boolean canSkipDirectory(String relativeDir) {
        if (!matches(relativeDir, true)) {
            return false;
        }
        String dir = GoPath.clean(relativeDir.replace('\\', '/'));
        if (dir.startsWith("/")) {
            dir = dir.substring(1);
        }
        String[] parts = dir.split("/");
        for (IgnorePattern p : compiled) {
            if (p.exclusion() && couldMatchBeneath(p, parts)) {
                return false;
            }
        }
        return true;
    }

    /** Could the exception pattern match some path strictly below {@code dirParts}? */
    private static boolean couldMatchBeneath(IgnorePattern p, String[] dirParts) {
        List<String> pat = p.dirs();
        for (int i = 0; i < dirParts.length; i++) {
            if (i >= pat.size()) {
                return false; // the pattern is shallower: it names the directory or an ancestor, not a child
            }
            String component = pat.get(i);
            if (component.contains("**")) {
                return true;
            }
            if (!componentMatches(component, dirParts[i])) {
                return false;
            }
        }
        return pat.size() > dirParts.length || pat.get(pat.size() - 1).contains("**");
    }

    private static boolean componentMatches(String component, String name) {
        try {
            return new IgnorePattern(component, false).matches(name);
        } catch (IllegalArgumentException e) {
            return true;
        }
    }
}
