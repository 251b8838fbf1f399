package dev.lading.lint;

import dev.lading.dockerfile.Dockerfile;
import dev.lading.dockerfile.DockerfileParseException;
import dev.lading.dockerfile.DockerfileParser;
import dev.lading.dockerfile.SourceRange;
import dev.lading.dockerfile.expand.BuildArgs;
import dev.lading.dockerfile.expand.ResolvedDockerfile;
import dev.lading.dockerfile.expand.StageResolver;
import dev.lading.dockerfile.ignore.DockerIgnore;
import dev.lading.dockerfile.ignore.DockerIgnoreException;
import dev.lading.lint.rules.BuiltinRules;
import dev.lading.lint.shellcheck.RunScripts;
import dev.lading.lint.shellcheck.ShellCheckException;
import dev.lading.lint.shellcheck.ShellChecker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import dev.lading.dockerfile.Arg;
import dev.lading.dockerfile.Instruction;

/**
 * Runs a rule set over Dockerfiles and applies configuration: ignored rules, severity overrides and the
 * inline pragmas. Thread-safe: it holds no per-file state.
 */
public final class Linter {
    /** hadolint reports a Dockerfile it cannot parse under this code; so do we. */
    public static final String PARSE_ERROR = "DL1000";

    /**
     * hadolint's code for ONBUILD triggering ONBUILD, FROM or MAINTAINER. BuildKit refuses such a file when
     * parsing it, and so does lading's parser; the parse error is reported under this code so that existing
     * pragmas, configs and dashboards keep their meaning.
     */
    public static final String ONBUILD_TRIGGER = "DL3043";

    private static final java.util.regex.Pattern ONBUILD_TRIGGER_PROBLEM =
            java.util.regex.Pattern.compile("ONBUILD ONBUILD|isn't allowed as an ONBUILD trigger");

    /** hadolint's code for an instruction other than ARG before the first FROM, which BuildKit also refuses. */
    public static final String FROM_FIRST = "DL3061";

    private static final java.util.regex.Pattern FROM_FIRST_PROBLEM =
            java.util.regex.Pattern.compile("before the first FROM: no build stage");

    /** The start of the message of a finding that reports a rule that threw. */
    public static final String INTERNAL_ERROR = "internal error: rule ";

    /** By file, line, column, rule ID; written out, as Comparator.comparing boxes the line and column at every step. */
    static final Comparator<Finding> ORDER = (a, b) -> {
        int c = a.file().compareTo(b.file());
        if (c == 0) {
            c = Integer.compare(a.line(), b.line());
        }
        if (c == 0) {
            c = Integer.compare(a.column(), b.column());
        }
        return c != 0 ? c : a.ruleId().compareTo(b.ruleId());
    };

    /** The ID ShellCheck failures are reported under (SC findings themselves carry their own SCxxxx ID). */
    public static final String SHELLCHECK = "SC";

    private final List<Rule> rules;
    private final LintConfig config;
    private final Optional<ShellChecker> shellChecker;
    /** What the configuration decides for each rule, worked out once rather than for every file. */
    private final List<Planned> plan;
    /** The twin relation of the rules ({@link Twins#relations}). */
    private final Map<String, java.util.Set<String>> twins;

    /**
     * A rule with what the configuration says about it.
     *
     * @param byConfig    the configuration runs it
     * @param byDirective off by default, but a Dockerfile's {@code # check=experimental=…} directive may turn it on
     */
    private record Planned(Rule rule, boolean byConfig, boolean byDirective, Severity severity, boolean buildKit,
                           String docUrl) {
    }

    /**
     * Where every rule of one file reports, re-aimed at each rule in turn: one object per file rather than a lambda
     * per rule and file (a capturing lambda is made through a method handle, which the quick JIT does not inline:
     * with ~150 rules that was 1.2 million such calls over 8000 files).
     */
    private static final class RuleSink implements FindingSink {
        private final List<Finding> out;
        private final Pragmas pragmas;
        private final String fileName;
        String ruleId;
        Severity severity;
        String docUrl;

        RuleSink(List<Finding> out, Pragmas pragmas, String fileName) {
            this.out = out;
            this.pragmas = pragmas;
            this.fileName = fileName;
        }

        @Override
        public void report(SourceRange range, String message) {
            if (!pragmas.ignores(ruleId, range.start().line())) {
                out.add(new Finding(ruleId, severity, message, fileName, range, docUrl));
            }
        }
    }

    public Linter(List<Rule> rules, LintConfig config) {
        this(rules, config, Optional.empty());
    }

    /** @param shellChecker runs ShellCheck over RUN scripts; empty: SC findings are not looked for */
    public Linter(List<Rule> rules, LintConfig config, Optional<ShellChecker> shellChecker) {
        this.rules = List.copyOf(rules);
        this.config = config;
        this.shellChecker = shellChecker;
        List<Planned> p = new ArrayList<>();
        for (Rule rule : this.rules) {
            boolean buildKit = Pragmas.isBuildKitCheck(rule.id());
            boolean byConfig = config.runs(rule);
            boolean byDirective = !rule.enabledByDefault() && buildKit && !config.ignored().contains(rule.id());
            if (byConfig || byDirective) {
                p.add(new Planned(rule, byConfig, byDirective,
                        config.overrides().getOrDefault(rule.id(), rule.defaultSeverity()), buildKit, rule.docUrl()));
            }
        }
        this.plan = List.copyOf(p);
        this.twins = Twins.relations(this.rules);
    }

    private Linter(Linter shared, Optional<ShellChecker> shellChecker) {
        this.rules = shared.rules;
        this.config = shared.config;
        this.plan = shared.plan;
        this.twins = shared.twins;
        this.shellChecker = shellChecker;
    }

    /**
     * This linter with {@code shellChecker} running ShellCheck over RUN scripts (e.g. one that holds the
     * answers for one file); the rules and what the configuration decided about them are shared, not redone.
     */
    public Linter withShellChecker(ShellChecker shellChecker) {
        return new Linter(this, Optional.of(shellChecker));
    }

    /** Every built-in rule. */
    public static Linter withBuiltinRules(LintConfig config) {
        return new Linter(BuiltinRules.all(), config);
    }

    /** Every built-in rule, and ShellCheck over RUN scripts. */
    public static Linter withBuiltinRules(LintConfig config, ShellChecker shellChecker) {
        return new Linter(BuiltinRules.all(), config, Optional.of(shellChecker));
    }

    public List<Rule> rules() {
        return rules;
    }

    public LintConfig config() {
        return config;
    }

    /** Lints a file on disk; its {@code .dockerignore} (next to it) is loaded when present. */
    public List<Finding> lint(Path file) throws IOException {
        return lint(file, file.toString());
    }

    /** As {@link #lint(Path)}, naming the file {@code displayName} in findings (e.g. relative to the repository). */
    public List<Finding> lint(Path file, String displayName) throws IOException {
        return lint(file, displayName, BaseImagePlatforms.UNKNOWN);
    }

    /** As {@link #lint(Path, String)}, with what a build resolved its base images to. */
    public List<Finding> lint(Path file, String displayName, BaseImagePlatforms baseImagePlatforms) throws IOException {
        return lint(file, displayName, baseImagePlatforms, Files::isRegularFile);
    }

    /**
     * As {@link #lint(Path, String)}, asking {@code isRegularFile} whether the file's ignore files exist: a caller
     * that has just listed the file's directory can answer without asking the file system again.
     */
    public List<Finding> lint(Path file, String displayName, java.util.function.Predicate<Path> isRegularFile) throws IOException {
        return lint(file, displayName, BaseImagePlatforms.UNKNOWN, isRegularFile);
    }

    private List<Finding> lint(Path file, String displayName, BaseImagePlatforms baseImagePlatforms,
                               java.util.function.Predicate<Path> isRegularFile) throws IOException {
        // invalid UTF-8 is replaced rather than rejected, as BuildKit reads bytes leniently
        String text = read(file);
        Optional<DockerIgnore> ignore = Optional.empty();
        Path abs = file.toAbsolutePath();
        Path dir = abs.getParent();
        Optional<Path> ignoreFile = dir == null ? Optional.empty() : DockerIgnore.locate(dir, abs, isRegularFile);
        if (ignoreFile.isPresent()) {
            try {
                ignore = Optional.of(DockerIgnore.read(ignoreFile.get()));
            } catch (DockerIgnoreException e) {
                ignore = Optional.empty();
            }
        }
        return lint(displayName, text, Optional.of(file), ignore, baseImagePlatforms);
    }

    /**
     * Each lint thread's read buffer: most Dockerfiles fit, and a bigger one grows it. Kept only up to
     * {@link #KEPT_BUFFER}: an odd huge file does not leave its buffer with every thread that read one.
     */
    private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[16 * 1024]);
    private static final int KEPT_BUFFER = 1024 * 1024;

    /**
     * The file's text: invalid UTF-8 replaced rather than rejected, as BuildKit reads bytes leniently. Read
     * with a stream into a reused buffer: Files.readAllBytes opens a channel (and asks for the size, a system
     * call of its own) for every file, which was ~4% of a large lint's time.
     */
    static String read(Path file) throws IOException {
        if (file.getFileSystem() != java.nio.file.FileSystems.getDefault()) {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8); // a zip, an in-memory file system
        }
        byte[] buf = BUFFER.get();
        int n = 0;
        try (java.io.InputStream in = new java.io.FileInputStream(file.toFile())) {
            for (int r; (r = in.read(buf, n, buf.length - n)) >= 0; ) {
                n += r;
                if (n == buf.length) {
                    if (buf.length >= Integer.MAX_VALUE / 2) {
                        throw new IOException(file + " is too large to lint");
                    }
                    buf = java.util.Arrays.copyOf(buf, buf.length * 2);
                    if (buf.length <= KEPT_BUFFER) {
                        BUFFER.set(buf);
                    }
                }
            }
        } catch (java.io.FileNotFoundException e) {
            // missing, unreadable, a directory: Files says which, as before (NoSuchFileException...)
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        }
        return new String(buf, 0, n, StandardCharsets.UTF_8);
    }

    /** Lints Dockerfile text; {@code fileName} names it in findings. */
    public List<Finding> lint(String fileName, String text) {
        return lint(fileName, text, Optional.empty(), Optional.empty());
    }

    /** A stand-in value for every ARG name that no declaration gives a default. */
    private static Map<String, String> placeholders(Dockerfile df) {
        Map<String, String> m = new HashMap<>();
        java.util.Set<String> withDefault = new java.util.HashSet<>();
        for (Instruction i : df.instructions()) {
            if (i instanceof Arg a) {
                for (var d : a.declarations()) {
                    if (d.defaultValue().isPresent()) {
                        withDefault.add(d.name());
                    } else if (!BuildArgs.AUTOMATIC_ARGS.contains(d.name()) && !BuildArgs.PROXY_ARGS.contains(d.name())) {
                        m.put(d.name(), "lading-unset-" + d.name().toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        m.keySet().removeAll(withDefault);
        return m;
    }

    /**
     * ShellCheck's findings for every RUN script of the file, from one ShellCheck run. They belong to the
     * 2026.12 profile: a configuration pinned to an older one does not get them.
     */
    private List<Finding> shellCheck(ShellChecker sc, Dockerfile df, String text, String fileName, Pragmas pragmas) {
        if (config.profile().isPresent() && !Profiles.includes(config.profile().get(), Profiles.P2026_12)) {
            return List.of();
        }
        List<RunScripts.Script> scripts = RunScripts.of(df, text);
        List<ShellChecker.Comment> comments;
        try {
            comments = sc.check(scripts.stream().map(RunScripts.Script::script).toList());
        } catch (ShellCheckException e) {
            return List.of(new Finding(SHELLCHECK, Severity.ERROR, "ShellCheck failed on this file (" + e.getMessage()
                    + "); RUN scripts were not checked. Lint with --no-shellcheck to skip it", fileName,
                    SourceRange.of(1, 1, 1, 1), "docs/rules/SC.md"));
        }
        List<Finding> found = new ArrayList<>();
        for (ShellChecker.Comment c : comments) {
            String id = "SC" + c.code();
            RunScripts.Script script = scripts.get(c.script());
            SourceRange range = script.map(c);
            if (config.ignored().contains(id) || pragmas.ignores(id, range.start().line())) {
                continue;
            }
            Severity severity = config.overrides().getOrDefault(id, switch (c.level()) {
                case "error" -> Severity.ERROR;
                case "info" -> Severity.INFO;
                case "style" -> Severity.STYLE;
                default -> Severity.WARNING;
            });
            found.add(new Finding(id, severity, c.message(), fileName, range, "https://www.shellcheck.net/wiki/" + id));
        }
        return found;
    }

    public List<Finding> lint(String fileName, String text, Optional<Path> path, Optional<DockerIgnore> ignore) {
        return lint(fileName, text, path, ignore, BaseImagePlatforms.UNKNOWN);
    }

    /**
     * As {@link #lint(String, String, Optional, Optional)}, with what a build resolved its base images to, so
     * that checks needing it (InvalidBaseImagePlatform) can judge.
     */
    public List<Finding> lint(String fileName, String text, Optional<Path> path, Optional<DockerIgnore> ignore,
                              BaseImagePlatforms baseImagePlatforms) {
        Dockerfile df;
        ResolvedDockerfile resolved;
        Map<String, String> placeholders = Map.of();
        try {
            df = DockerfileParser.parse(fileName, text);
            // An ARG without default is given with --build-arg at build time: its value is unknown here. A
            // stand-in value lets resolution finish (FROM ${IMAGE} needs one), and whatever used it counts as
            // unknown to the rules, so nothing is judged on a guess.
            placeholders = placeholders(df);
            resolved = StageResolver.resolve(df, BuildArgs.of(placeholders));
        } catch (DockerfileParseException e) {
            String hint = e.hint().isEmpty() ? "" : " (" + e.hint() + ")";
            int line = Math.max(1, e.line());
            int col = Math.max(1, e.column());
            String id = ONBUILD_TRIGGER_PROBLEM.matcher(e.problem()).find() ? ONBUILD_TRIGGER
                    : FROM_FIRST_PROBLEM.matcher(e.problem()).find() ? FROM_FIRST : PARSE_ERROR;
            return List.of(new Finding(id, Severity.ERROR, e.problem() + hint, fileName,
                    SourceRange.of(line, col, line, col), "https://github.com/hadolint/hadolint/wiki/" + id));
        }
        LintContext ctx = new LintContext(df, path, resolved, ignore, config, placeholders.keySet(), text,
                baseImagePlatforms);
        Pragmas written = Pragmas.of(df);
        // disable-ignore-pragma: every way a Dockerfile can silence a rule goes; check's error=true only raises
        // severities, so it stays
        Pragmas pragmas = config.disableIgnorePragma()
                ? new Pragmas(java.util.Set.of(), Map.of(), java.util.Set.of(), written.checksAreErrors()) : written;
        List<Finding> out = new ArrayList<>();
        java.util.Set<String> experimental = Pragmas.experimentalChecks(df);
        RuleSink sink = new RuleSink(out, pragmas, fileName);
        for (Planned planned : plan) {
            Rule rule = planned.rule();
            // BuildKit's experimental checks are off by default; the Dockerfile's check directive may ask for them
            if (!planned.byConfig() && !(planned.byDirective()
                    && (experimental.contains(rule.id()) || experimental.contains("all")))) {
                continue;
            }
            Severity s = pragmas.checksAreErrors() && planned.buildKit() ? Severity.ERROR : planned.severity();
            String docUrl = planned.docUrl();
            sink.ruleId = rule.id();
            sink.severity = s;
            sink.docUrl = docUrl;
            try {
                rule.check(ctx, sink);
            } catch (RuntimeException e) {
                // one broken rule must not hide what the others found; it is reported, never swallowed
                out.add(new Finding(rule.id(), Severity.ERROR, INTERNAL_ERROR + rule.id() + " failed on this file ("
                        + e + "); please report it and ignore " + rule.id() + " meanwhile", fileName,
                        SourceRange.of(1, 1, 1, 1), rule.docUrl()));
            }
        }
        shellChecker.ifPresent(sc -> out.addAll(shellCheck(sc, df, text, fileName, pragmas)));
        List<Finding> merged = Twins.merge(out, twins);
        merged.sort(ORDER);
        return List.copyOf(merged);
    }
}
