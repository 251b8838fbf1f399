package dev.lading.cli;

import dev.lading.oci.AtomicFiles;
import dev.lading.oci.ImageReference;
import dev.lading.oci.Platform;
import dev.lading.oci.content.ContentReader;
import dev.lading.oci.content.ResolvedImage;
import dev.lading.oci.layout.Store;
import dev.lading.scan.BackgroundLayerVisitor;
import dev.lading.scan.FileSelector;
import dev.lading.scan.LayerVisitor;
import dev.lading.scan.Sbom;
import dev.lading.scan.SbomScanner;
import dev.lading.scan.efficiency.EfficiencyAnalyzer;
import dev.lading.scan.efficiency.EfficiencyGates;
import dev.lading.scan.efficiency.EfficiencyReport;
import dev.lading.scan.policy.ImagePolicy;
import dev.lading.scan.policy.PolicyConfig;
import dev.lading.scan.policy.PolicyResult;
import dev.lading.scan.report.ByteSize;
import dev.lading.scan.report.ScanConfigFile;
import dev.lading.scan.report.Scanner;
import dev.lading.scan.secrets.SecretConfig;
import dev.lading.scan.secrets.SecretFinding;
import dev.lading.scan.secrets.SecretReport;
import dev.lading.scan.secrets.SecretScanner;
import dev.lading.scan.version.VersionScheme;
import dev.lading.scan.vuln.DbMetadata;
import dev.lading.scan.vuln.IgnoreFile;
import dev.lading.scan.vuln.MemoryOsvIndex;
import dev.lading.scan.vuln.OsvIndex;
import dev.lading.scan.vuln.ScanReport;
import dev.lading.scan.vuln.ScanReportWriter;
import dev.lading.scan.vuln.Severity;
import dev.lading.scan.vuln.Vex;
import dev.lading.scan.vuln.VulnerabilityDatabase;
import dev.lading.scan.vuln.VulnerabilityMatcher;
import dev.lading.scan.vuln.VulnerabilityReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;

@Command(name = "scan",
        description = {"Scan an image, offline, in one pass: known vulnerabilities, secrets, the image",
                "policy and layer efficiency.",
                "",
                "REF is any image reference, as for 'lading sbom'. Each layer is read once: the",
                "packages are cataloged (dpkg, apk, Python, npm, Java archives ...), every file",
                "of every layer is searched for secrets (files a later layer deletes too: they",
                "are still in the image), and wasted space is measured as dive does; then the",
                "image policy (STANDARDS.md IM001-IM008) is checked on the final filesystem and",
                "config.",
                "",
                "--scanners picks the analyses: vuln, secret, policy, efficiency (default: all",
                "four). Vulnerabilities need a database (--db, or $LADING_HOME/db from 'lading",
                "db update' or 'lading db import'). Without one the scan stops with exit code 3",
                "and says what to do, even when vuln is only requested by default: update or",
                "import a database, or pass --scanners secret,policy,efficiency.",
                "",
                "Vulnerabilities are matched by ecosystem (distro packages by source package",
                "and release) with each ecosystem's own version order; a package lading cannot",
                "order is reported as not checked. Accepted risks: --ignorefile (default",
                ".ladingignore, and .trivyignore, in the current directory: 'CVE-2024-1234",
                "openssl exp:2026-12-31 # reason', or YAML) and --vex (OpenVEX: not_affected",
                "and fixed suppress a finding).",
                "",
                "Settings can also come from the 'scan:' section of .lading.yaml in the current",
                "directory (or --config FILE): scanners, failOn, exitCode, policy (allowTools,",
                "allowDevPaths, disabledRules, requiredLabels, maxSize, maxLayers,",
                "healthcheckRequired), efficiency (lowestEfficiency, highestWastedBytes,",
                "highestUserWastedPercent) and secrets (allowPaths, allowRules, allowValues,",
                "disabledRules). An option on the command line wins over the file; allow-lists",
                "from both are joined.",
                "",
                "Exit code: one for every gate. It is 0 unless a gate is asked for: --fail-on,",
                "--exit-code, --max-size, --max-layers, --lowest-efficiency,",
                "--highest-wasted-bytes, --highest-user-wasted-percent (or their keys in the",
                "config file). Once one is, the scan exits with --exit-code (default 1) when",
                "any of these holds:",
                "  - a vulnerability or secret at or above --fail-on SEVERITY (with",
                "    --exit-code alone: any at all);",
                "  - an image policy rule FAILs (IM001 root user, IM002 shell/package",
                "    manager, IM003 compilers, IM005 healthcheck/entrypoint, IM006 labels,",
                "    IM008 size and layer budget);",
                "  - an efficiency gate FAILs.",
                "WARN results never fail. Usage errors exit 2; failures (no database,",
                "unreadable image) 3."},
        footer = {"", "Examples:",
                "  lading scan debian:12",
                "  lading scan --fail-on HIGH --ignore-unfixed oci:build/layout:app",
                "  lading scan --scanners secret,policy --max-size 50MB oci:build/layout:app",
                "  lading scan --scanners efficiency --lowest-efficiency 0.9 store:app:dev",
                "  lading scan --format sarif -o scan.sarif docker-archive:app.tar",
                "  lading scan --format html -o scan.html --db ./osv-records/ store:app:dev"},
        mixinStandardHelpOptions = true)
final class ScanCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "REF", description = "The image to scan.")
    String ref;

    @Option(names = "--scanners", paramLabel = "LIST", split = ",",
            description = "The analyses to run: vuln, secret, policy, efficiency (default: all four).")
    List<String> scanners = new ArrayList<>();

    @Option(names = "--config", paramLabel = "FILE",
            description = "Settings in the 'scan:' section of this YAML file (default: .lading.yaml in the current directory, if present).")
    Path config;

    @Option(names = "--db", paramLabel = "PATH",
            description = "The vulnerability data: an imported database directory, or OSV JSON files, a directory of them or an OSV zip (default: $LADING_HOME/db).")
    Path db;

    @Option(names = "--db-max-age", paramLabel = "AGE", defaultValue = "7d",
            description = "Warn when the database was imported longer ago than this: 7d (default), 12h, 90m; 0 never warns.")
    String dbMaxAge;

    @Option(names = "--severity", paramLabel = "LIST", split = ",",
            description = "Report only vulnerabilities of these severities: UNKNOWN, NONE, LOW, MEDIUM, HIGH, CRITICAL (default: all).")
    List<String> severities = new ArrayList<>();

    @Option(names = "--ignore-unfixed", description = "Leave out vulnerabilities that have no fixed version yet.")
    boolean ignoreUnfixed;

    @Option(names = "--fail-on", paramLabel = "SEVERITY",
            description = "Exit with --exit-code when a reported vulnerability or secret is at or above SEVERITY (and on any policy or efficiency FAIL).")
    String failOn;

    @Option(names = "--exit-code", paramLabel = "N",
            description = "The exit code for failed gates (default 1; alone, it fails on any reported vulnerability or secret, and on any FAIL).")
    Integer exitCode;

    @Option(names = "--ignorefile", paramLabel = "FILE",
            description = "Accepted vulnerabilities (default: .ladingignore and .trivyignore in the current directory, if present).")
    Path ignorefile;

    @Option(names = "--vex", paramLabel = "FILE", description = "An OpenVEX document (repeatable).")
    List<Path> vex = new ArrayList<>();

    @Option(names = "--max-size", paramLabel = "SIZE",
            description = "IM008 budget: the compressed layers' total size, e.g. 50MB (powers of 1000) or 48MiB.")
    String maxSize;

    @Option(names = "--max-layers", paramLabel = "N", description = "IM008 budget: at most N layers.")
    Integer maxLayers;

    @Option(names = "--allow-tool", paramLabel = "GLOB",
            description = "IM002 allow-list: a shell or package manager path allowed in the image, e.g. '/usr/bin/pip*' (repeatable).")
    List<String> allowTools = new ArrayList<>();

    @Option(names = "--no-healthcheck-required",
            description = "IM005 opt-out for job and CLI images: no HEALTHCHECK needed (the entrypoint is still checked).")
    boolean noHealthcheckRequired;

    @Option(names = "--lowest-efficiency", paramLabel = "RATIO", description = "Efficiency gate (dive's): fail below this score, 0 to 1, e.g. 0.9.")
    Double lowestEfficiency;

    @Option(names = "--highest-wasted-bytes", paramLabel = "SIZE", description = "Efficiency gate (dive's): fail above this many wasted bytes, e.g. 20MB.")
    String highestWastedBytes;

    @Option(names = "--highest-user-wasted-percent", paramLabel = "RATIO",
            description = "Efficiency gate (dive's): fail when wasted bytes exceed this fraction of the bytes the non-base layers add, e.g. 0.2.")
    Double highestUserWastedPercent;

    @Option(names = "--secret-allow-path", paramLabel = "GLOB",
            description = "Don't report secrets in files matching GLOB ('**' crosses directories), e.g. '/usr/share/doc/**' (repeatable).")
    List<String> secretAllowPaths = new ArrayList<>();

    @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT",
            description = "table (default), json, sarif (SARIF 2.1.0), cyclonedx-json (the SBOM with its vulnerabilities) or html (one self-contained page).")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE (replaced atomically) instead of stdout.")
    Path output;

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]", description = "Which image of an index to scan (default: this machine's).")
    String platform;

    @Option(names = {"-q", "--quiet"}, description = "Don't print warnings about what could not be read.")
    boolean quiet;

    @Mixin
    RegistryFlags registry;

    /** The environment (LADING_HOME), the directory ignore and config files are looked for in, the clock; tests replace them. */
    Map<String, String> env = System.getenv();
    Path workdir = Path.of("");
    Clock clock = Clock.systemUTC();
    /** Version orderings by OSV ecosystem; tests inject one while the real schemes are not merged. */
    Function<String, Optional<VersionScheme>> schemes = VersionScheme::forOsvEcosystem;

    /** How much file content may wait for the secret scan's thread before the walk waits for it. */
    static final long SECRET_QUEUE_BYTES = 64L << 20;

    /** Everything the options and the config file decide, checked before any image is read. */
    private record Settings(Set<Scanner> scanners, boolean scannersExplicit, Severity threshold, boolean gating, int failCode,
                            PolicyConfig policy, EfficiencyGates gates, SecretConfig secrets) {
    }

    /** The OSV files read on their own thread; what the reading threw is thrown here, as if read on this one. */
    private static MemoryOsvIndex.Loaded loaded(java.util.concurrent.FutureTask<MemoryOsvIndex.Loaded> task) throws IOException {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while reading the vulnerability records");
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IOException(e.getCause());
        }
    }

    @Override
    public Integer call() throws Exception {
        ScanReportWriter.Format fmt;
        Set<Severity> only = EnumSet.noneOf(Severity.class);
        Duration maxAge;
        Settings settings;
        try {
            fmt = ScanReportWriter.Format.parse(format);
            for (String s : severities) {
                only.add(Severity.parse(s));
            }
            maxAge = parseAge(dbMaxAge);
            settings = settings(configFile());
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
        PrintStream err = System.err;
        Set<Scanner> run = settings.scanners();

        // the database first: without one there is nothing to match, so fail before reading the image
        OsvIndex index = null;
        DbMetadata meta = null;
        java.util.concurrent.FutureTask<MemoryOsvIndex.Loaded> osvFiles = null;
        if (run.contains(Scanner.VULN)) {
            String hint = settings.scannersExplicit() ? "" : ", or scan without vulnerabilities: --scanners secret,policy,efficiency";
            if (db != null && !VulnerabilityDatabase.isDatabase(db)) {
                if (!Files.exists(db)) {
                    throw CliException.runtime("--db " + db + ": no such file or directory");
                }
                // OSV files read directly are parsed on a thread of their own while the layers stream past: the
                // walk, not the database, is what a scan waits for
                Path files = db;
                osvFiles = new java.util.concurrent.FutureTask<>(() -> MemoryOsvIndex.read(List.of(files), clock));
                Thread.ofPlatform().daemon().name("lading-osv-read").start(osvFiles);
            } else {
                Path dir = db != null ? db : VulnerabilityDatabase.defaultDirectory(Store.defaultHome(env));
                if (!VulnerabilityDatabase.isDatabase(dir)) {
                    throw CliException.runtime("no vulnerability database in " + dir
                            + "; run 'lading db update --url URL' or 'lading db import PATH', or give --db PATH" + hint);
                }
                VulnerabilityDatabase opened = VulnerabilityDatabase.open(dir);
                index = opened;
                meta = opened.metadata();
                String warning = DbCommand.ageWarning(meta, clock.instant(), maxAge);
                if (warning != null) {
                    err.println("warning: " + warning);
                }
            }
        }

        List<IgnoreFile> ignores = new ArrayList<>();
        if (ignorefile != null) {
            if (!Files.isRegularFile(ignorefile)) {
                throw CliException.usage("--ignorefile " + ignorefile + ": no such file");
            }
            ignores.add(IgnoreFile.read(ignorefile));
        } else {
            for (String name : List.of(".ladingignore", ".trivyignore")) {
                Path p = workdir.resolve(name);
                if (Files.isRegularFile(p)) {
                    ignores.add(IgnoreFile.read(p));
                }
            }
        }
        List<Vex> vexDocs = new ArrayList<>();
        for (Path v : vex) {
            vexDocs.add(Vex.read(v));
        }
        SecretScanner secretScanner;
        ImagePolicy policy;
        try {
            secretScanner = run.contains(Scanner.SECRET) ? new SecretScanner(settings.secrets()) : null;
            policy = run.contains(Scanner.POLICY) ? new ImagePolicy(settings.policy()) : null;
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }

        Platform wanted = platform == null ? null : InspectCommand.parsePlatform(platform);
        ImageReference reference = Transports.parse(ref);
        Transports transports = new Transports(env, registry);
        Sbom sbom;
        Optional<SecretReport> secrets = Optional.empty();
        Optional<List<PolicyResult>> policyResults = Optional.empty();
        Optional<ScanReport.Efficiency> efficiency = Optional.empty();
        try (ContentReader reader = transports.reader(reference)) {
            ResolvedImage image = ResolvedImage.load(reader, wanted);
            // the policy reports wasted space beside the size budget, so it wants the efficiency analysis too
            EfficiencyAnalyzer analyzer = run.contains(Scanner.EFFICIENCY) || run.contains(Scanner.POLICY)
                    ? new EfficiencyAnalyzer(image.config()) : null;
            // the layer analyses (the secret scan reads every text file; the efficiency analysis books every entry)
            // run on a thread of their own, where they overlap with the walk instead of adding to it
            List<LayerVisitor> analyses = new ArrayList<>();
            if (secretScanner != null) {
                analyses.add(secretScanner);
            }
            if (analyzer != null) {
                analyses.add(analyzer);
            }
            BackgroundLayerVisitor background = analyses.isEmpty() ? null
                    : new BackgroundLayerVisitor(LayerVisitor.all(analyses), SECRET_QUEUE_BYTES, "lading-layer-analysis");
            SbomScanner.Result scanned;
            try {
                scanned = SbomScanner.standard().scan(reader, image, reference.display(),
                        background, FileSelector.none());
            } catch (IOException | RuntimeException e) {
                // the walk's own failure is the one to report; the worker's, if any, rides along
                if (background != null) {
                    try {
                        background.finish();
                    } catch (IOException | RuntimeException second) {
                        e.addSuppressed(second);
                    }
                }
                throw e;
            }
            if (background != null) {
                background.finish();
            }
            sbom = scanned.sbom();
            EfficiencyReport efficiencyReport = analyzer == null ? null : analyzer.report();
            if (secretScanner != null) {
                secrets = Optional.of(secretScanner.report(image.config()));
            }
            if (policy != null) {
                policyResults = Optional.of(policy.evaluate(image.config(), image.manifest(), scanned.files(), efficiencyReport.wastedBytes()));
            }
            if (run.contains(Scanner.EFFICIENCY)) {
                efficiency = Optional.of(new ScanReport.Efficiency(efficiencyReport, settings.gates().evaluate(efficiencyReport)));
            }
        }
        if (osvFiles != null) {
            MemoryOsvIndex.Loaded loaded = loaded(osvFiles);
            index = loaded.index();
            meta = loaded.metadata();
            if (!quiet) {
                // files read directly were never imported: their unreadable records are news now
                meta.sources().forEach(o -> o.warnings().forEach(w -> err.println("warning: skipped " + w)));
            }
        }
        if (!quiet) {
            for (String w : sbom.warnings()) {
                err.println("warning: " + w);
            }
        }
        Optional<VulnerabilityReport> vulns = Optional.empty();
        if (index != null) {
            VulnerabilityMatcher.Result result = new VulnerabilityMatcher(index, schemes).match(sbom);
            LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
            VulnerabilityReport v = VulnerabilityReport.of(result, meta,
                    new VulnerabilityReport.Options(only, ignoreUnfixed, ignores, vexDocs, today));
            if (!quiet) {
                for (VulnerabilityReport.ExpiredIgnore e : v.expiredIgnores()) {
                    err.println("warning: " + e.file() + ":" + e.line() + ": the ignore entry for " + e.id() + " expired on " + e.expired());
                }
            }
            vulns = Optional.of(v);
        }
        ScanReport report = new ScanReport(sbom, vulns, secrets, policyResults, efficiency);
        if (output == null) {
            ScanReportWriter.write(fmt, report, clock.instant(), System.out);
            System.out.flush();
        } else {
            AtomicFiles.write(output, o -> ScanReportWriter.write(fmt, report, clock.instant(), o));
        }
        return failed(report, settings) ? settings.failCode() : 0;
    }

    /** Whether any gate failed; see the exit code rules in the description. */
    static boolean failed(ScanReport report, Settings settings) {
        Severity t = settings.threshold();
        if (t != null) {
            if (report.vulnerabilities().map(v -> v.hasFindingsAtOrAbove(t)).orElse(false)) {
                return true;
            }
            if (report.secrets().map(s -> s.findings().stream().anyMatch(f -> severity(f).compareTo(t) >= 0)).orElse(false)) {
                return true;
            }
        }
        if (!settings.gating()) {
            return false;
        }
        boolean policyFail = report.policy().map(p -> p.stream().anyMatch(r -> r.status() == PolicyResult.Status.FAIL)).orElse(false);
        boolean gateFail = report.efficiency().map(e -> e.gates().stream().anyMatch(r -> r.status() == PolicyResult.Status.FAIL)).orElse(false);
        return policyFail || gateFail;
    }

    /** A secret's severity on the vulnerability scale, where --fail-on is given: the names are the same. */
    static Severity severity(SecretFinding f) {
        return Severity.valueOf(f.severity().name());
    }

    private ScanConfigFile configFile() {
        Path file = config;
        if (file == null) {
            Path dflt = workdir.resolve(".lading.yaml");
            if (!Files.isRegularFile(dflt)) {
                return ScanConfigFile.NONE;
            }
            file = dflt;
        } else if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--config " + file + ": no such file");
        }
        try {
            return ScanConfigFile.read(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private Settings settings(ScanConfigFile file) {
        String where = file.file() == null ? "" : file.file() + ": ";
        boolean explicit = !scanners.isEmpty() || file.scanners() != null;
        Set<Scanner> run = !scanners.isEmpty() ? Scanner.parse(scanners, "--scanners")
                : file.scanners() != null ? Scanner.parse(file.scanners(), where + "scan.scanners") : EnumSet.allOf(Scanner.class);

        Integer code = exitCode != null ? exitCode : file.exitCode();
        if (code != null && (code < 0 || code > 255)) {
            throw new IllegalArgumentException((exitCode != null ? "--exit-code" : where + "scan.exitCode") + " must be 0 to 255, not " + code);
        }
        Severity threshold = null;
        if (failOn != null) {
            threshold = Severity.parse(failOn);
        } else if (file.failOn() != null) {
            threshold = Severity.parse(file.failOn());
        } else if (code != null) {
            threshold = Severity.UNKNOWN; // the lowest: any reported finding
        }

        ScanConfigFile.Policy fp = file.policy();
        Long size = maxSize != null ? Long.valueOf(ByteSize.parse(maxSize, "--max-size")) : fp.maxSize();
        Integer layers = maxLayers != null ? maxLayers : fp.maxLayers();
        if (layers != null && layers < 0) {
            throw new IllegalArgumentException("--max-layers must not be negative, not " + layers);
        }
        PolicyConfig policy = PolicyConfig.DEFAULT
                .withAllowedTools(join(allowTools, fp.allowTools()))
                .withAllowedDevPaths(join(List.of(), fp.allowDevPaths()))
                .withDisabledRules(new HashSet<>(join(List.of(), fp.disabledRules())))
                .withBudget(size, layers)
                .withHealthcheckOptional(noHealthcheckRequired || Boolean.FALSE.equals(fp.healthcheckRequired()));
        if (fp.requiredLabels() != null) {
            policy = policy.withRequiredLabels(fp.requiredLabels());
        }

        ScanConfigFile.Efficiency fe = file.efficiency();
        EfficiencyGates gates = new EfficiencyGates(
                lowestEfficiency != null ? lowestEfficiency : fe.lowestEfficiency(),
                highestWastedBytes != null ? Long.valueOf(ByteSize.parse(highestWastedBytes, "--highest-wasted-bytes")) : fe.highestWastedBytes(),
                highestUserWastedPercent != null ? highestUserWastedPercent : fe.highestUserWastedPercent());

        ScanConfigFile.Secrets fs = file.secrets();
        SecretConfig secrets = SecretConfig.DEFAULT
                .withAllowPaths(join(secretAllowPaths, fs.allowPaths()))
                .withAllowRules(new HashSet<>(join(List.of(), fs.allowRules())))
                .withAllowValues(join(List.of(), fs.allowValues()))
                .withDisabledRules(new HashSet<>(join(List.of(), fs.disabledRules())));

        boolean gating = threshold != null || code != null || size != null || layers != null
                || gates.lowestEfficiency() != null || gates.highestWastedBytes() != null || gates.highestUserWastedPercent() != null;
        return new Settings(run, explicit, threshold, gating, code != null ? code : CliException.FINDINGS, policy, gates, secrets);
    }

    private static List<String> join(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        if (b != null) {
            out.addAll(b);
        }
        return out;
    }

    /** {@code 7d}, {@code 12h}, {@code 90m}, {@code 0}. */
    static Duration parseAge(String s) {
        String t = s.strip();
        if (t.equals("0")) {
            return Duration.ZERO;
        }
        if (t.matches("[0-9]{1,6}[dhm]")) {
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            return switch (t.charAt(t.length() - 1)) {
                case 'd' -> Duration.ofDays(n);
                case 'h' -> Duration.ofHours(n);
                default -> Duration.ofMinutes(n);
            };
        }
        throw new IllegalArgumentException("--db-max-age must be like 7d, 12h or 90m (or 0), not '" + s + "'");
    }

    static String formatAge(Duration d) {
        if (d.isNegative() || d.isZero()) {
            return "0m";
        }
        if (d.toDays() > 0) {
            return d.toDays() + "d" + (d.toHoursPart() > 0 ? d.toHoursPart() + "h" : "");
        }
        return d.toHours() > 0 ? d.toHours() + "h" + (d.toMinutesPart() > 0 ? d.toMinutesPart() + "m" : "") : d.toMinutes() + "m";
    }
}
