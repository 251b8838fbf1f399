package dev.lading.lint.fix;

import dev.lading.dockerfile.Dockerfile;
import dev.lading.dockerfile.DockerfileParseException;
import dev.lading.dockerfile.DockerfileParser;
import dev.lading.dockerfile.ignore.DockerIgnore;
import dev.lading.dockerfile.ignore.DockerIgnoreException;
import dev.lading.lint.Finding;
import dev.lading.lint.LintConfig;
import dev.lading.lint.Linter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code lading lint --fix}: lints a Dockerfile, asks every fix kind for its edits, applies the ones that do
 * not overlap to the original text in one pass, and repeats on the result until nothing more is fixable (one
 * fix can make another possible: a COPY that gets {@code --chown} can then take a {@code --chmod}). So running
 * it twice changes nothing the second time. The result is linted again for what remains.
 *
 * <p>A fix acts only where a rule it answers reported a finding after configuration and pragmas, so an ignored
 * rule is never "fixed". Every pass's result must parse as a Dockerfile with the same stages and escape
 * character; a pass that would break that is dropped (and said so) rather than written.
 */
public final class Fixer {
    /** Every fix kind, in the order they are tried; the names {@code --fix-skip} takes. */
    public static final List<String> KINDS = List.of("syntax", "exec-form", "no-install-recommends", "apk-no-cache",
            "copy-chown", "pin", DockerIgnoreFix.KIND);
    private static final int MAX_PASSES = 5;

    private final Linter linter;
    private final Set<String> skipped;
    private final Optional<DigestResolver> resolver;
    private final Map<String, Optional<String>> digests = new HashMap<>();

    /**
     * @param config   the lint configuration of the file (rules ignored there are not fixed)
     * @param skipped  fix kinds not to apply (see {@link #KINDS})
     * @param resolver resolves tags to digests for pinning; empty: FROM lines are not pinned
     */
    public Fixer(LintConfig config, Set<String> skipped, Optional<DigestResolver> resolver) {
        for (String s : skipped) {
            if (!KINDS.contains(s)) {
                throw new IllegalArgumentException("no fix kind '" + s + "'; the kinds are " + String.join(", ", KINDS));
            }
        }
        this.linter = Linter.withBuiltinRules(config);
        this.skipped = Set.copyOf(skipped);
        this.resolver = skipped.contains("pin") ? Optional.empty() : resolver;
    }

    private List<Fix> fixes() {
        List<Fix> all = List.of(new SyntaxDirectiveFix(), new ExecFormFix(), RunFlagFix.noInstallRecommends(),
                RunFlagFix.apkNoCache(), new CopyOwnershipFix(), new PinFromFix(digests));
        return all.stream().filter(f -> !skipped.contains(f.kind())).toList();
    }

    /** Reads {@code file} (with the .dockerignore that applies to it) and works out its fixes; writes nothing. */
    public FixResult fix(Path file, String displayName) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, StandardCharsets.UTF_8);
        Path abs = file.toAbsolutePath();
        Path dir = abs.getParent();
        Optional<DockerIgnore> ignore = Optional.empty();
        boolean hasIgnore = dir != null && DockerIgnore.locate(dir, abs).isPresent();
        if (hasIgnore) {
            try {
                ignore = Optional.of(DockerIgnore.load(dir, abs));
            } catch (DockerIgnoreException e) {
                ignore = Optional.empty();
            }
        }
        if (!Arrays.equals(text.getBytes(StandardCharsets.UTF_8), bytes)) {
            // the linter read it with replacement characters; writing that back would change bytes no fix touched
            List<Finding> found = linter.lint(displayName, text, Optional.of(file), ignore);
            return new FixResult(Optional.of(file), displayName, text, text, List.of(),
                    List.of("not fixed: the file is not valid UTF-8"), Optional.empty(), found);
        }
        Optional<Path> newIgnore = hasIgnore || dir == null ? Optional.empty() : Optional.of(dir.resolve(".dockerignore"));
        return fix(displayName, text, Optional.of(file), ignore, newIgnore, newIgnore.isPresent() ? siblings(abs) : List.of());
    }

    /**
     * The other Dockerfiles in the file's directory that a new .dockerignore there would apply to: files named
     * like Dockerfiles that parse, without an ignore file of their own.
     */
    private static List<Dockerfile> siblings(Path file) throws IOException {
        List<Dockerfile> out = new ArrayList<>();
        try (java.util.stream.Stream<Path> list = Files.list(file.getParent())) {
            for (Path p : list.sorted().toList()) {
                String name = p.getFileName().toString();
                String lower = name.toLowerCase(java.util.Locale.ROOT);
                if (p.equals(file) || !Files.isRegularFile(p) || lower.endsWith(".dockerignore")
                        || !(lower.contains("dockerfile") || lower.contains("containerfile"))
                        || DockerIgnore.locate(file.getParent(), p).isPresent()) {
                    continue;
                }
                try {
                    out.add(DockerfileParser.parse(name, Files.readString(p)));
                } catch (DockerfileParseException | IOException e) {
                    // not a Dockerfile after all (Dockerfile.md, a template): nothing it copies to keep
                }
            }
        }
        return out;
    }

    /**
     * Works out the fixes of Dockerfile {@code text}.
     *
     * @param file          where it is, when on disk (LD015 judges only such files)
     * @param ignore        the .dockerignore that applies to it
     * @param newIgnorePath where to create a .dockerignore if LD015 asks for one; empty: none is proposed
     */
    public FixResult fix(String displayName, String text, Optional<Path> file, Optional<DockerIgnore> ignore,
                         Optional<Path> newIgnorePath) {
        return fix(displayName, text, file, ignore, newIgnorePath, List.of());
    }

    private FixResult fix(String displayName, String text, Optional<Path> file, Optional<DockerIgnore> ignore,
                          Optional<Path> newIgnorePath, List<Dockerfile> siblings) {
        Set<String> notes = new LinkedHashSet<>();
        List<Change> applied = new ArrayList<>();
        Optional<FixResult.NewFile> newIgnore = Optional.empty();
        String current = text;
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            List<Finding> findings = linter.lint(displayName, current, file, ignore);
            Dockerfile df;
            try {
                df = DockerfileParser.parse(displayName, current);
            } catch (DockerfileParseException e) {
                break; // nothing to fix: the linter reports the parse error itself
            }
            FixContext ctx = new FixContext(current, df, findings, resolver, notes::add);
            if (pass == 0 && newIgnorePath.isPresent() && !skipped.contains(DockerIgnoreFix.KIND)) {
                Optional<String> content = DockerIgnoreFix.content(ctx, siblings);
                if (content.isPresent()) {
                    newIgnore = Optional.of(new FixResult.NewFile(newIgnorePath.get(), content.get()));
                    try {
                        ignore = Optional.of(DockerIgnore.parse(".dockerignore", content.get()));
                    } catch (DockerIgnoreException e) {
                        throw new IllegalStateException("the default .dockerignore does not parse", e);
                    }
                }
            }
            List<Change> candidates = new ArrayList<>();
            for (Fix f : fixes()) {
                try {
                    candidates.addAll(f.changes(ctx));
                } catch (RuntimeException e) {
                    notes.add("internal error in the " + f.kind() + " fix (" + e + "); please report it");
                }
            }
            List<Change> accepted = Edits.compatible(candidates);
            if (accepted.isEmpty()) {
                break;
            }
            String next = Edits.apply(current, accepted);
            if (!keepsStructure(df, next, displayName)) {
                // each on its own, keeping those that leave a sound Dockerfile
                List<Change> sound = new ArrayList<>();
                for (Change c : accepted) {
                    List<Change> trial = new ArrayList<>(sound);
                    trial.add(c);
                    if (keepsStructure(df, Edits.apply(current, trial), displayName)) {
                        sound.add(c);
                    } else {
                        notes.add("internal error: the " + c.kind() + " fix at line " + c.line()
                                + " would break the Dockerfile; not applied, please report it");
                    }
                }
                if (sound.isEmpty()) {
                    break;
                }
                accepted = sound;
                next = Edits.apply(current, sound);
            }
            applied.addAll(accepted);
            current = next;
        }
        List<Finding> remaining = linter.lint(displayName, current, file, ignore);
        return new FixResult(file, displayName, text, current, applied, List.copyOf(notes), newIgnore, remaining);
    }

    /** The fixed text parses, with the same escape character, directives (a new syntax one aside) and stages. */
    private static boolean keepsStructure(Dockerfile before, String text, String name) {
        Dockerfile after;
        try {
            after = DockerfileParser.parse(name, text);
        } catch (DockerfileParseException e) {
            return false;
        }
        List<String> d1 = before.directives().stream().filter(d -> !d.name().equals("syntax")).map(d -> d.name() + "=" + d.value()).toList();
        List<String> d2 = after.directives().stream().filter(d -> !d.name().equals("syntax")).map(d -> d.name() + "=" + d.value()).toList();
        return after.escape() == before.escape() && d1.equals(d2) && after.stages().size() == before.stages().size()
                && after.comments().size() == before.comments().size();
    }
}
