package dev.lading.cli;

import dev.lading.lint.Baseline;
import dev.lading.lint.ComposeLinter;
import dev.lading.lint.Finding;
import dev.lading.lint.LintConfig;
import dev.lading.lint.Linter;
import dev.lading.lint.RuleDocs;
import dev.lading.lint.RuleInfo;
import dev.lading.lint.Threshold;
import dev.lading.lint.compose.ComposeFile;
import dev.lading.lint.config.ConfigException;
import dev.lading.lint.config.ConfigLoader;
import dev.lading.lint.fix.DigestResolver;
import dev.lading.lint.fix.FixResult;
import dev.lading.lint.fix.Fixer;
import dev.lading.lint.format.ReportFormat;
import dev.lading.lint.shellcheck.PrefetchedShellCheck;
import dev.lading.lint.shellcheck.ShellCheckProcess;
import dev.lading.lint.shellcheck.ShellChecker;
import dev.lading.oci.DockerReference;
import dev.lading.oci.Descriptor;
import dev.lading.registry.CredentialProvider;
import dev.lading.registry.RegistryClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lading lint [PATH|FILE…]}: lint Dockerfiles and compose files.
 *
 * <p>A directory is searched recursively for {@code Dockerfile}, {@code Containerfile}, {@code *.Dockerfile}
 * and {@code Dockerfile.*}, and for compose files ({@code compose.yaml}, {@code docker-compose.yml} and their
 * variants, see {@link ComposeFile#isComposeFileName}), not in {@code .git}, {@code node_modules},
 * {@code target}, nor what {@code .gitignore} files exclude. A file named on the command line is linted
 * whatever its name: as a compose file when its name is one, as a Dockerfile otherwise. Each file gets the
 * configuration found from its directory upward ({@code .lading.yaml}, {@code .hadolint.yaml}) unless
 * {@code --config} names one.
 *
 * <p>{@code --fix} first rewrites what {@link Fixer} can fix mechanically and safely (see
 * {@link dev.lading.lint.fix}), writing each Dockerfile atomically, then lints the result as usual: the report
 * and the exit code are about what remains. FROM lines are pinned through the registry client with the same
 * credentials and TLS options as {@code copy} and {@code inspect}; {@code --fix-skip=pin} keeps it offline.
 * {@code --fix --dry-run} prints the changes as a unified diff and writes nothing.
 *
 * <p>Exit codes: 0 no finding at or above the failure threshold, 1 some, 2 usage or configuration error,
 * 3 a file could not be read (or, with --fix, written).
 */
@Command(name = "lint",
        mixinStandardHelpOptions = true,
        description = {"Lint Dockerfiles (lading's LD rules and hadolint's DL rules, shell-aware, on resolved ARG/ENV values) "
                + "and compose files (the RT rules).",
                "Findings print as FILE:LINE:COL RULE severity: message."})
public final class LintCommand implements Callable<Integer> {
    static final Set<String> SKIPPED_DIRS = Set.of(".git", "node_modules", "target");

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "PATH", arity = "0..*",
            description = "Dockerfiles or compose files, or directories to search (default: the current directory).")
    private List<Path> paths = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default), json, sarif, checkstyle or gitlab.")
    private String format;

    @Option(names = "--failure-threshold", paramLabel = "LEVEL",
            description = "error, warning, info, style or none: exit 1 when a finding is at least this severe "
                    + "(default: the configuration's, else info).")
    private String failureThreshold;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Use this .lading.yaml or .hadolint.yaml instead of searching from each Dockerfile upward.")
    private Path config;

    @Option(names = "--ignore", paramLabel = "ID", description = "A rule ID not to report (repeatable).")
    private List<String> ignore = new ArrayList<>();

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "Report only findings not recorded in this baseline (written by --write-baseline).")
    private Path baseline;

    @Option(names = "--write-baseline", paramLabel = "FILE",
            description = "Record every current finding in FILE as accepted, print nothing else and exit 0.")
    private Path writeBaseline;

    @Option(names = "--no-shellcheck",
            description = "Do not pass RUN scripts to ShellCheck (by default they are, when shellcheck is on PATH).")
    private boolean noShellcheck;

    @Option(names = "--explain", paramLabel = "ID",
            description = "Print what rule ID checks, why, a bad and a good example, and how to ignore it; then exit.")
    private String explain;

    @Option(names = "--no-color", description = "No colour in text output (colour is used only on a terminal anyway).")
    private boolean noColor;

    @Option(names = "--fix",
            description = "Fix what can be fixed mechanically and safely (syntax directive, exec-form CMD/ENTRYPOINT, "
                    + "--no-install-recommends, apk --no-cache, COPY --chown/--chmod instead of RUN chown/chmod -R, "
                    + "a default .dockerignore, FROM pinned to its digest), then report what remains. "
                    + "Comments and formatting are kept.")
    private boolean fix;

    @Option(names = "--dry-run",
            description = "With --fix: print the changes as a unified diff, write nothing and exit 0 (2 or 3 on errors).")
    private boolean dryRun;

    @Option(names = "--fix-skip", paramLabel = "KIND", split = ",",
            description = "With --fix: do not apply these fix kinds (repeatable or comma-separated): syntax, exec-form, "
                    + "no-install-recommends, apk-no-cache, copy-chown, pin, dockerignore. "
                    + "--fix-skip=pin never contacts a registry.")
    private List<String> fixSkip = new ArrayList<>();

    @Mixin
    RegistryFlags registry = new RegistryFlags();

    /**
     * The command line of a common lint run, read without picocli: PATHs, {@code --no-shellcheck}, {@code --no-color},
     * and {@code --format}, {@code --failure-threshold} and {@code --ignore} with a value (after a space or an '=';
     * {@code --ignore} may repeat). Empty for anything else (another option, help, an argument file, a value that
     * starts with '-', an option given twice), which picocli reads as before. Why: picocli reads a command's
     * annotations by reflection, and the JVM makes a proxy class for each annotation type; that was ~100 ms on the
     * main thread before the first file could be linted (measured without it: 1000 files -4%, CPU -100 ms).
     * QuickLintArgsTest checks that what this reads is what picocli reads, option by option.
     */
    static Optional<LintCommand> quick(List<String> args) {
        LintCommand c = new LintCommand();
        c.format = "text"; // the --format option's default
        Set<String> given = new HashSet<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.isEmpty() || a.startsWith("@")) {
                return Optional.empty();
            }
            if (!a.startsWith("-")) {
                try {
                    c.paths.add(Path.of(a));
                } catch (java.nio.file.InvalidPathException e) {
                    return Optional.empty(); // picocli says what is wrong with it
                }
                continue;
            }
            int eq = a.indexOf('=');
            String name = eq > 0 ? a.substring(0, eq) : a;
            String value = eq > 0 ? a.substring(eq + 1) : null;
            if (!name.equals("--ignore") && !given.add(name)) {
                return Optional.empty();
            }
            switch (name) {
                case "--no-shellcheck", "--no-color" -> {
                    if (value != null) {
                        return Optional.empty();
                    }
                    if (name.equals("--no-shellcheck")) {
                        c.noShellcheck = true;
                    } else {
                        c.noColor = true;
                    }
                }
                case "--format", "--failure-threshold", "--ignore" -> {
                    if (value == null) {
                        if (i + 1 == args.size()) {
                            return Optional.empty();
                        }
                        value = args.get(++i);
                    }
                    if (value.startsWith("-") || value.startsWith("@")) {
                        return Optional.empty();
                    }
                    switch (name) {
                        case "--format" -> c.format = value;
                        case "--failure-threshold" -> c.failureThreshold = value;
                        default -> c.ignore.add(value);
                    }
                }
                default -> {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(c);
    }

    /**
     * Runs a lint read by {@link #quick} as picocli would run it: standard output from {@link Stdout}, standard
     * error as picocli makes it, and a failure reported by {@link Main#failure}.
     */
    int runQuickly() {
        PrintWriter out = Stdout.install();
        PrintWriter err = Stdout.stderr();
        cwd = Path.of("").toAbsolutePath().normalize();
        try {
            return run(out, err);
        } catch (RuntimeException e) {
            return Main.failure(e, "lint", err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        cwd = Path.of("").toAbsolutePath().normalize();
        try {
            return run(out, err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int run(PrintWriter out, PrintWriter err) {
        if (explain != null) {
            Optional<String> page = RuleDocs.page(explain);
            if (page.isEmpty()) {
                err.println("lading lint: no rule '" + explain + "'; the rules are listed in docs/rules/README.md");
                return CliException.USAGE;
            }
            out.print(page.get());
            return 0;
        }
        Optional<ReportFormat> fmt = ReportFormat.parse(format);
        if (fmt.isEmpty()) {
            err.println("lading lint: --format must be text, json, sarif, checkstyle or gitlab, not '" + format + "'");
            return CliException.USAGE;
        }
        Optional<Threshold> cliThreshold = Optional.empty();
        if (failureThreshold != null) {
            cliThreshold = Threshold.parse(failureThreshold);
            if (cliThreshold.isEmpty()) {
                err.println("lading lint: --failure-threshold must be error, warning, info, style or none, not '"
                        + failureThreshold + "'");
                return CliException.USAGE;
            }
        }
        Optional<LintConfig> fixed = Optional.empty();
        if (config != null) {
            try {
                fixed = Optional.of(ConfigLoader.load(config));
            } catch (ConfigException e) {
                err.println("lading lint: " + e.getMessage());
                return CliException.USAGE;
            }
        }
        Optional<Baseline> accepted = Optional.empty();
        if (baseline != null) {
            try {
                accepted = Optional.of(Baseline.parse(Files.readString(baseline)));
            } catch (IOException e) {
                err.println("lading lint: --baseline " + baseline + ": cannot read: " + e.getMessage());
                return CliException.USAGE;
            } catch (IllegalArgumentException e) {
                err.println("lading lint: --baseline " + baseline + ": " + e.getMessage());
                return CliException.USAGE;
            }
        }
        if (dryRun && !fix) {
            err.println("lading lint: --dry-run goes with --fix");
            return CliException.USAGE;
        }
        if (!fixSkip.isEmpty() && !fix) {
            err.println("lading lint: --fix-skip goes with --fix");
            return CliException.USAGE;
        }
        if (fix && writeBaseline != null) {
            err.println("lading lint: --fix and --write-baseline do not go together: fix first, then record the baseline");
            return CliException.USAGE;
        }
        for (String kind : fixSkip) {
            if (!Fixer.KINDS.contains(kind)) {
                err.println("lading lint: --fix-skip: no fix kind '" + kind + "'; the kinds are " + String.join(", ", Fixer.KINDS));
                return CliException.USAGE;
            }
        }
        List<Path> files = new ArrayList<>();
        List<Path> roots = paths.isEmpty() ? List.of(Path.of(".")) : paths;
        // Main may have started the walk while picocli was parsing the command line: its result, if for these
        Optional<WalkAhead.Result> ahead = WalkAhead.take(roots);
        ahead.ifPresent(a -> listed.putAll(a.listed()));
        for (int i = 0; i < roots.size(); i++) {
            Path p = roots.get(i);
            if (ahead.isPresent()) {
                files.addAll(ahead.get().found().get(i));
            } else if (Files.isDirectory(p)) {
                try {
                    files.addAll(discover(p, listed));
                } catch (IOException e) {
                    err.println(p + ": error: cannot search: " + e.getMessage());
                    return 3;
                }
            } else if (Files.isRegularFile(p)) {
                files.add(p);
            } else {
                err.println(p + ": error: no such file or directory");
                return 3;
            }
        }
        if (files.isEmpty()) {
            err.println("lading lint: no Dockerfile, Containerfile, *.Dockerfile, Dockerfile.* or compose file found under "
                    + (paths.isEmpty() ? "." : paths));
            return 0;
        }
        List<Path> dockerfiles = files.stream().filter(f -> !isComposeFile(f)).toList();
        if (fix) {
            int code = fix(dockerfiles, fixed, out, err);
            if (code != 0 || dryRun) {
                return code;
            }
            listed.clear(); // the fixes may have added files (a default .dockerignore): ask the file system again
        }
        Optional<ShellChecker> shellChecker = Optional.empty();
        if (!noShellcheck && !dockerfiles.isEmpty()) {
            shellChecker = ShellCheckProcess.onPath().map(sc -> sc);
            if (shellChecker.isEmpty()) {
                // once per run, not per RUN or per file; stderr, so reports on stdout stay one document
                err.println("lading lint: shellcheck is not on PATH, so RUN scripts are not checked by ShellCheck "
                        + "(install it, e.g. apt-get install shellcheck, or pass --no-shellcheck)");
            }
        }
        // one shellcheck run for the RUN scripts of every file, rather than one per file
        Map<Path, ShellChecker> checkers = shellChecker.isPresent()
                ? PrefetchedShellCheck.of(shellChecker.get(), dockerfiles) : Map.of();
        // a report made of one part per file (text, json) is rendered by the thread that linted the file, and
        // written part by part
        Optional<ReportFormat> parts = fmt.get().inParts() && accepted.isEmpty() && writeBaseline == null
                ? fmt : Optional.empty();
        boolean color = fmt.get() == ReportFormat.TEXT && !noColor && System.console() != null
                && System.getenv("NO_COLOR") == null;
        // on the process's standard output, each part is also encoded by the thread that rendered it
        Optional<Stdout> bytes = parts.isPresent() ? Stdout.under(out) : Optional.empty();
        List<FileResult> results;
        try {
            results = lintAll(files, fixed, cliThreshold, checkers, parts, bytes.map(Stdout::charset), color);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("lading lint: interrupted");
            return 3;
        }
        List<Finding> all = new ArrayList<>();
        // the rules of the kinds of file linted, for SARIF's rule list
        Map<String, RuleInfo> rules = new LinkedHashMap<>();
        Map<String, Path> byName = new HashMap<>();
        Map<Finding, Threshold> thresholds = new IdentityHashMap<>();
        for (FileResult r : results) {
            if (r.configError() != null) {
                err.println("lading lint: " + r.configError());
                return CliException.USAGE;
            }
            if (r.readError() != null) {
                err.println(r.name() + ": error: cannot read: " + r.readError());
                return 3;
            }
            if (parts.isPresent()) {
                continue; // a rendered file keeps only its part and whether it fails the run
            }
            r.rules().forEach(rule -> rules.putIfAbsent(rule.id(), rule));
            all.addAll(r.found());
            byName.put(r.name(), r.file());
            r.found().forEach(x -> thresholds.put(x, r.threshold()));
        }
        if (parts.isPresent()) {
            if (bytes.isPresent()) {
                Charset charset = bytes.get().charset();
                bytes.get().writeBytes(stream -> parts.get().write(results.stream().map(FileResult::encoded).toList(),
                        stream, charset));
            } else {
                parts.get().write(results.stream().map(FileResult::part).toList(), out);
            }
            return results.stream().anyMatch(FileResult::fails) ? 1 : 0;
        }
        Function<String, String> text = name -> read(byName.get(name));
        if (writeBaseline != null) {
            try {
                Files.writeString(writeBaseline, Baseline.toJson(all, text));
            } catch (IOException e) {
                err.println("lading lint: --write-baseline " + writeBaseline + ": cannot write: " + e.getMessage());
                return 3;
            }
            out.println("lading lint: wrote " + all.size() + " finding(s) to " + writeBaseline);
            return 0;
        }
        int suppressed = 0;
        if (accepted.isPresent()) {
            List<Finding> fresh = accepted.get().newFindings(all, text);
            suppressed = all.size() - fresh.size();
            all = fresh;
        }
        boolean failed = all.stream().anyMatch(f -> thresholds.get(f).fails(f.severity()));
        out.print(fmt.get().render(all, List.copyOf(rules.values()), color));
        if (accepted.isPresent()) {
            // machine-readable formats keep stdout to one document
            PrintWriter note = fmt.get() == ReportFormat.TEXT ? out : err;
            note.println(suppressed + " finding(s) suppressed by the baseline " + baseline);
        }
        return failed ? 1 : 0;
    }

    /**
     * One file's lint: its findings, or why it could not be linted; {@code name} is the file as reports show it.
     * When the report is rendered by parts, the file's part is in {@code part} as text, or in {@code encoded} as
     * the bytes of standard output's charset, and {@code fails} says whether a finding is at or above the
     * threshold; the findings themselves are then dropped (kept until the end of a run of thousands of files,
     * they were copied by every young collection). Otherwise the parts are null.
     */
    private record FileResult(Path file, String name, List<Finding> found, List<? extends RuleInfo> rules,
                              Threshold threshold, String configError, String readError, String part, byte[] encoded,
                              boolean fails) {
        FileResult(Path file, String name, List<Finding> found, List<? extends RuleInfo> rules, Threshold threshold,
                   String configError, String readError) {
            this(file, name, found, rules, threshold, configError, readError, null, null, false);
        }

        boolean failed() {
            return configError != null || readError != null;
        }

        /** Its part of the report, as text, or as bytes in {@code charset} when there is one, and its verdict. */
        FileResult rendered(ReportFormat format, boolean color, Optional<Charset> charset) {
            boolean fail = false;
            for (Finding f : found) {
                fail |= threshold.fails(f.severity());
            }
            return charset.isPresent()
                    ? new FileResult(file, name, List.of(), rules, threshold, configError, readError, null,
                            format.part(found, color, charset.get()), fail)
                    : new FileResult(file, name, List.of(), rules, threshold, configError, readError,
                            format.part(found, color), null, fail);
        }
    }

    /**
     * Lints {@code files} on every core, each with the linter of its configuration (a directory's configuration
     * is discovered once for all its files), and renders each file's part of the report, if {@code parts}, on
     * the thread that linted it. The results come in the order of {@code files}, up to the first file that could
     * not be linted.
     */
    private List<FileResult> lintAll(List<Path> files, Optional<LintConfig> fixed, Optional<Threshold> cliThreshold,
                                     Map<Path, ShellChecker> checkers, Optional<ReportFormat> parts,
                                     Optional<Charset> encoding, boolean color)
            throws InterruptedException {
        Map<Path, Discovered> configs = new java.util.concurrent.ConcurrentHashMap<>();
        // what each configuration found (discovery hands the same instance to every directory under it) becomes
        // once, not per file: the effective configuration with the command line's options, and one linter, so the
        // rule set and what the configuration decides about each rule are worked out once
        Map<LintConfig, Prepared> prepared = java.util.Collections.synchronizedMap(new IdentityHashMap<>());
        // what discovery found for each directory it looked at, parents included: sibling directories share them
        Map<Path, LintConfig> discovered = new java.util.concurrent.ConcurrentHashMap<>();
        int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), files.size()));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "lading-lint");
            t.setDaemon(true);
            return t;
        });
        try {
            // a few files per task: each finished task wakes this thread, and on a small VM every wake-up is a
            // costly system call; small enough batches that the threads still finish together
            int batch = Math.max(1, Math.min(16, files.size() / (threads * 8)));
            List<java.util.concurrent.Future<List<FileResult>>> pending = new ArrayList<>();
            for (int from = 0; from < files.size(); from += batch) {
                List<Path> some = files.subList(from, Math.min(files.size(), from + batch));
                pending.add(pool.submit(() -> {
                    List<FileResult> done = new ArrayList<>(some.size());
                    for (Path file : some) {
                        FileResult r = lintOne(file, fixed, cliThreshold, checkers, configs, prepared, discovered);
                        if (r.failed()) {
                            done.add(r);
                            break; // the run stops at this file: the rest of the batch is not needed
                        }
                        done.add(parts.isPresent() ? r.rendered(parts.get(), color, encoding) : r);
                    }
                    return done;
                }));
            }
            List<FileResult> results = new ArrayList<>(files.size());
            for (java.util.concurrent.Future<List<FileResult>> f : pending) {
                try {
                    for (FileResult r : f.get()) {
                        results.add(r);
                        if (r.failed()) {
                            return results;
                        }
                    }
                } catch (java.util.concurrent.ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A configuration made ready for linting: with the command line's {@code --ignore} and
     * {@code --failure-threshold} applied, and the Dockerfile linter for it.
     */
    private record Prepared(LintConfig config, Threshold threshold, Linter linter) {
    }

    private Prepared prepare(LintConfig found, Optional<Threshold> cliThreshold) {
        LintConfig cfg = found.withIgnored(new LinkedHashSet<>(ignore));
        if (cliThreshold.isPresent()) {
            cfg = cfg.withFailureThreshold(cliThreshold.get());
        }
        return new Prepared(cfg, cfg.failureThreshold().orElse(Threshold.DEFAULT), Linter.withBuiltinRules(cfg));
    }

    /** A directory's configuration as discovery found it, or why it could not be read. */
    private record Discovered(LintConfig config, String error) {
    }

    private FileResult lintOne(Path file, Optional<LintConfig> fixed, Optional<Threshold> cliThreshold,
                               Map<Path, ShellChecker> checkers, Map<Path, Discovered> configs,
                               Map<LintConfig, Prepared> prepared, Map<Path, LintConfig> discovered) {
        Path abs = file.toAbsolutePath().normalize();
        String name = display(file, abs);
        LintConfig found;
        if (fixed.isPresent()) {
            found = fixed.get();
        } else {
            Path dir = abs.getParent();
            // discovery looks from the file's directory upward: the same answer for every file of a directory
            Discovered d = configs.computeIfAbsent(dir, k -> {
                try {
                    return new Discovered(ConfigLoader.discover(file, discovered, this::isRegularFile), null);
                } catch (ConfigException e) {
                    return new Discovered(null, e.getMessage());
                }
            });
            if (d.error() != null) {
                return new FileResult(file, name, List.of(), List.of(), Threshold.DEFAULT, d.error(), null);
            }
            found = d.config();
        }
        Prepared ready = prepared.computeIfAbsent(found, c -> prepare(c, cliThreshold));
        try {
            if (isComposeFile(file)) {
                ComposeLinter linter = ComposeLinter.withBuiltinRules(ready.config());
                return new FileResult(file, name, linter.lint(file, name), linter.rules(), ready.threshold(), null, null);
            }
            Linter linter = checkers.containsKey(file) ? ready.linter().withShellChecker(checkers.get(file)) : ready.linter();
            return new FileResult(file, name, linter.lint(file, name, this::isRegularFile), linter.rules(),
                    ready.threshold(), null, null);
        } catch (IOException e) {
            return new FileResult(file, name, List.of(), List.of(), ready.threshold(), null, e.getMessage());
        }
    }

    /**
     * Fixes every Dockerfile (or, with --dry-run, prints the diff); 0 when the lint run can go on over the
     * fixed files, an exit code otherwise. Notes (a registry that did not answer) go to stderr.
     */
    private int fix(List<Path> dockerfiles, Optional<LintConfig> fixedConfig, PrintWriter out, PrintWriter err) {
        try {
            return fixFiles(dockerfiles, fixedConfig, out, err);
        } finally {
            resolverClients.values().forEach(RegistryClient::close);
        }
    }

    /** Registry clients the FROM pinning opened, one per registry, closed when --fix is done. */
    private final Map<String, RegistryClient> resolverClients = new HashMap<>();

    private int fixFiles(List<Path> dockerfiles, Optional<LintConfig> fixedConfig, PrintWriter out, PrintWriter err) {
        Optional<DigestResolver> resolver = fixSkip.contains("pin") ? Optional.empty() : Optional.of(registryResolver());
        int changes = 0;
        int changedFiles = 0;
        Set<Path> newIgnores = new HashSet<>();
        for (Path file : dockerfiles) {
            LintConfig cfg;
            try {
                cfg = (fixedConfig.isPresent() ? fixedConfig.get() : ConfigLoader.discover(file))
                        .withIgnored(new LinkedHashSet<>(ignore));
            } catch (ConfigException e) {
                err.println("lading lint: " + e.getMessage());
                return CliException.USAGE;
            }
            String name = display(file);
            FixResult result;
            try {
                result = new Fixer(cfg, new LinkedHashSet<>(fixSkip), resolver).fix(file, name);
            } catch (IOException e) {
                err.println(name + ": error: cannot read: " + e.getMessage());
                return 3;
            }
            result.notes().forEach(n -> err.println(name + ": " + n));
            if (!result.changed()) {
                continue;
            }
            changedFiles++;
            if (dryRun) {
                // two Dockerfiles of one directory would both create its .dockerignore: show and count it once
                boolean first = result.dockerIgnore().map(d -> newIgnores.add(d.path().toAbsolutePath().normalize())).orElse(false);
                changes += result.applied().size() + (first ? 1 : 0);
                out.print(result.diff(first));
                continue;
            }
            changes += result.count();
            try {
                result.write();
            } catch (IOException e) {
                err.println(name + ": error: cannot write the fixes: " + e.getMessage());
                return 3;
            }
            List<String> what = new ArrayList<>(result.applied().stream().map(c -> c.ruleId()).distinct().toList());
            result.dockerIgnore().ifPresent(d -> what.add("LD015 (" + d.path().getFileName() + " created)"));
            err.println("lading lint: fixed " + result.count() + " problem(s) in " + name + ": " + String.join(", ", what));
        }
        if (dryRun) {
            err.println("lading lint: --dry-run: " + changes + " change(s) in " + changedFiles
                    + " Dockerfile(s) would be made; nothing was written");
        }
        return 0;
    }

    /**
     * Resolves a FROM tag to the digest the registry has for it now (the index for a multi-platform image), with
     * the credentials and TLS options every registry command uses; one client per registry.
     */
    private DigestResolver registryResolver() {
        Map<String, RegistryClient> clients = resolverClients;
        Map<String, String> digests = new HashMap<>();
        Map<String, IOException> failures = new HashMap<>();
        CredentialProvider credentials = registry.credentials(); // a bad --creds is a usage error now, not a note per FROM
        DigestResolver resolver = image -> {
            DockerReference ref;
            try {
                ref = DockerReference.parse(image);
            } catch (IllegalArgumentException e) {
                throw new IOException(e.getMessage());
            }
            try {
                RegistryClient client = clients.get(ref.registry());
                if (client == null) {
                    client = RegistryClient.forReference(ref, credentials, registry.options());
                    clients.put(ref.registry(), client);
                }
                Optional<Descriptor> d = client.headManifest(ref.repository(), ref.tag());
                if (d.isEmpty()) {
                    throw new IOException(ref.registry() + " has no " + ref.repository() + ":" + ref.tag());
                }
                return d.get().digest().toString();
            } catch (RuntimeException e) {
                throw new IOException(e.getMessage(), e);
            }
        };
        // one question per image for the whole run, however many Dockerfiles name it
        return image -> {
            if (failures.containsKey(image)) {
                throw failures.get(image);
            }
            if (!digests.containsKey(image)) {
                try {
                    digests.put(image, resolver.resolve(image));
                } catch (IOException e) {
                    failures.put(image, e);
                    throw e;
                }
            }
            return digests.get(image);
        };
    }

    private static boolean isComposeFile(Path file) {
        return file.getFileName() != null && ComposeFile.isComposeFileName(file.getFileName().toString());
    }

    /** The file as the linter read it (invalid UTF-8 replaced), for baseline fingerprints. */
    private static String read(Path file) {
        try {
            return file == null ? "" : new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            return ""; // it was just read by the linter; a file gone since then matches no baseline entry
        }
    }

    /** The current directory, which {@link #display} shows paths relative to: resolved once per run. */
    private Path cwd;

    /** Paths under the current directory are shown relative to it, as editors and CI annotations expect. */
    private String display(Path file) {
        return display(file, file.toAbsolutePath().normalize());
    }

    /** As {@link #display(Path)}, given the file's absolute, normal path. */
    private String display(Path file, Path abs) {
        return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : file.toString();
    }

    /**
     * Suffixes that make {@code Dockerfile.x} something else: source code named after the Dockerfile
     * (Dockerfile.java), documentation, and templates that are not Dockerfile syntax until rendered.
     */
    private static final Set<String> NOT_DOCKERFILE_SUFFIXES = Set.of("dockerignore", "java", "kt", "scala", "groovy",
            "go", "py", "js", "mjs", "ts", "rb", "rs", "c", "h", "cpp", "cs", "php", "class", "md", "rst", "adoc", "txt",
            "html", "json", "yaml", "yml", "toml", "xml", "sh", "bak", "orig", "swp", "j2", "jinja", "jinja2", "tmpl",
            "tpl", "template", "erb", "mustache");

    static boolean isDockerfileName(String name) {
        int dot = name.lastIndexOf('.');
        if (dot >= 0 && NOT_DOCKERFILE_SUFFIXES.contains(name.substring(dot + 1).toLowerCase(java.util.Locale.ROOT))) {
            return false;
        }
        return name.equals("Dockerfile") || name.equals("Containerfile") || name.endsWith(".Dockerfile")
                || name.endsWith(".dockerfile") || name.startsWith("Dockerfile.") || name.startsWith("Containerfile.");
    }

    /**
     * For each directory the discovery walk listed in full: the names in it that could be a configuration or
     * ignore file (regular files and symbolic links). A name missing here is missing on disk, so the lint of a
     * thousand directories does not ask the file system ~6 more times per directory for files that are not there.
     */
    private final Map<Path, Set<String>> listed = new HashMap<>();

    /** Whether {@code p} is a regular file: "no" from the walk's listing when it can tell, else from the disk. */
    private boolean isRegularFile(Path p) {
        Path parent = p.getParent();
        Set<String> names = parent == null || listed.isEmpty() ? null : listed.get(parent.toAbsolutePath().normalize());
        String name = p.getFileName() == null ? "" : p.getFileName().toString();
        if (names != null && probedName(name) && !names.contains(name)) { // the listing holds probed names only
            return false;
        }
        return Files.isRegularFile(p);
    }

    /** A name {@link #isRegularFile} may be asked about: configuration and ignore files. */
    static boolean probedName(String name) {
        return name.endsWith(".dockerignore") || ConfigLoader.LADING_NAMES.contains(name)
                || ConfigLoader.HADOLINT_NAMES.contains(name);
    }

    static List<Path> discover(Path dir) throws IOException {
        return discover(dir, new HashMap<>());
    }

    /** As {@link #discover(Path)}; fills {@code listed} as {@link #listed} says (the walk: {@link Discovery}). */
    static List<Path> discover(Path dir, Map<Path, Set<String>> listed) throws IOException {
        return Discovery.discover(dir, listed);
    }
}
