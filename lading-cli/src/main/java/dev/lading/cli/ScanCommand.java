package dev.lading.cli;

import dev.lading.oci.AtomicFiles;
import dev.lading.oci.ImageReference;
import dev.lading.oci.Platform;
import dev.lading.oci.content.ContentReader;
import dev.lading.oci.content.ResolvedImage;
import dev.lading.oci.layout.Store;
import dev.lading.scan.Sbom;
import dev.lading.scan.SbomScanner;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;

@Command(name = "scan",
        description = {"Find known vulnerabilities in an image's packages, offline.",
                "",
                "REF is any image reference, as for 'lading sbom'. The image's packages are cataloged (dpkg, apk,",
                "Python, npm, Java archives) and matched against the OSV database that 'lading db' maintains:",
                "Debian, Ubuntu and Alpine packages by source package and release, language packages by",
                "ecosystem and name. Versions are compared only with the ecosystem's own ordering; a package",
                "lading cannot order is reported as not checked, never guessed about.",
                "",
                "Accepted risks: --ignorefile (default .ladingignore, and .trivyignore, in the current directory)",
                "lists IDs, optionally limited to a package and an expiry date ('CVE-2024-1234 openssl",
                "exp:2026-12-31 # reason', or YAML). Expired entries no longer ignore and are reported. --vex",
                "reads OpenVEX statements; not_affected and fixed suppress a finding for that package.",
                "",
                "Exit code: 0 unless --fail-on or --exit-code is given. With --fail-on SEVERITY, a reported",
                "finding at or above it exits with --exit-code (default 1); --exit-code N alone fails on any",
                "reported finding (as trivy does). Usage errors exit 2, failures (no database, unreadable",
                "image) 3."},
        footer = {"", "Examples:",
                "  lading scan debian:12",
                "  lading scan --fail-on HIGH --ignore-unfixed oci:build/layout:app",
                "  lading scan --format sarif -o scan.sarif docker-archive:app.tar",
                "  lading scan --db ./osv-records/ --vex app.openvex.json store:app:dev"},
        mixinStandardHelpOptions = true)
final class ScanCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "REF", description = "The image to scan.")
    String ref;

    @Option(names = "--db", paramLabel = "PATH",
            description = "The vulnerability data: an imported database directory, or OSV JSON files, a directory of them or an OSV zip (default: $LADING_HOME/db).")
    Path db;

    @Option(names = "--db-max-age", paramLabel = "AGE", defaultValue = "7d",
            description = "Warn when the database was imported longer ago than this: 7d (default), 12h, 90m; 0 never warns.")
    String dbMaxAge;

    @Option(names = "--severity", paramLabel = "LIST", split = ",",
            description = "Report only these severities: UNKNOWN, NONE, LOW, MEDIUM, HIGH, CRITICAL (default: all).")
    List<String> severities = new ArrayList<>();

    @Option(names = "--ignore-unfixed", description = "Leave out vulnerabilities that have no fixed version yet.")
    boolean ignoreUnfixed;

    @Option(names = "--fail-on", paramLabel = "SEVERITY",
            description = "Exit with --exit-code when a reported finding is at or above SEVERITY.")
    String failOn;

    @Option(names = "--exit-code", paramLabel = "N",
            description = "The exit code for findings (default 1 with --fail-on; alone, it fails on any reported finding).")
    Integer exitCode;

    @Option(names = "--ignorefile", paramLabel = "FILE",
            description = "Accepted vulnerabilities (default: .ladingignore and .trivyignore in the current directory, if present).")
    Path ignorefile;

    @Option(names = "--vex", paramLabel = "FILE", description = "An OpenVEX document (repeatable).")
    List<Path> vex = new ArrayList<>();

    @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT",
            description = "table (default), json or sarif (SARIF 2.1.0).")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE (replaced atomically) instead of stdout.")
    Path output;

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]", description = "Which image of an index to scan (default: this machine's).")
    String platform;

    @Option(names = {"-q", "--quiet"}, description = "Don't print warnings about what could not be read.")
    boolean quiet;

    @Mixin
    RegistryFlags registry;

    /** The environment (LADING_HOME), the directory ignore files are looked for in, the clock; tests replace them. */
    Map<String, String> env = System.getenv();
    Path workdir = Path.of("");
    Clock clock = Clock.systemUTC();
    /** Version orderings by OSV ecosystem; tests inject one while the real schemes are not merged. */
    Function<String, Optional<VersionScheme>> schemes = VersionScheme::forOsvEcosystem;

    @Override
    public Integer call() throws Exception {
        ScanReportWriter.Format fmt;
        Set<Severity> only = EnumSet.noneOf(Severity.class);
        Severity threshold = null;
        Duration maxAge;
        try {
            fmt = ScanReportWriter.Format.parse(format);
            for (String s : severities) {
                only.add(Severity.parse(s));
            }
            if (failOn != null) {
                threshold = Severity.parse(failOn);
            } else if (exitCode != null) {
                threshold = Severity.UNKNOWN; // the lowest: any reported finding
            }
            maxAge = parseAge(dbMaxAge);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
        if (exitCode != null && (exitCode < 0 || exitCode > 255)) {
            throw CliException.usage("--exit-code must be 0 to 255, not " + exitCode);
        }
        PrintStream err = System.err;

        // the database first: without one there is nothing to scan for, so fail before reading the image
        OsvIndex index;
        DbMetadata meta;
        if (db != null && !VulnerabilityDatabase.isDatabase(db)) {
            if (!Files.exists(db)) {
                throw CliException.runtime("--db " + db + ": no such file or directory");
            }
            MemoryOsvIndex.Loaded loaded = MemoryOsvIndex.read(List.of(db), clock);
            index = loaded.index();
            meta = loaded.metadata();
            if (!quiet) {
                // files read directly were never imported: their unreadable records are news now
                meta.sources().forEach(o -> o.warnings().forEach(w -> err.println("warning: skipped " + w)));
            }
        } else {
            Path dir = db != null ? db : VulnerabilityDatabase.defaultDirectory(Store.defaultHome(env));
            if (!VulnerabilityDatabase.isDatabase(dir)) {
                throw CliException.runtime("no vulnerability database in " + dir
                        + "; run 'lading db update --url URL' or 'lading db import PATH', or give --db PATH");
            }
            VulnerabilityDatabase opened = VulnerabilityDatabase.open(dir);
            index = opened;
            meta = opened.metadata();
            String warning = DbCommand.ageWarning(meta, clock.instant(), maxAge);
            if (warning != null) {
                err.println("warning: " + warning);
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

        Platform wanted = platform == null ? null : InspectCommand.parsePlatform(platform);
        ImageReference reference = Transports.parse(ref);
        Transports transports = new Transports(env, registry);
        Sbom sbom;
        try (ContentReader reader = transports.reader(reference)) {
            ResolvedImage image = ResolvedImage.load(reader, wanted);
            sbom = SbomScanner.standard().scan(reader, image, reference.display());
        }
        if (!quiet) {
            for (String w : sbom.warnings()) {
                err.println("warning: " + w);
            }
        }
        VulnerabilityMatcher.Result result = new VulnerabilityMatcher(index, schemes).match(sbom);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        VulnerabilityReport vulns = VulnerabilityReport.of(result, meta,
                new VulnerabilityReport.Options(only, ignoreUnfixed, ignores, vexDocs, today));
        if (!quiet) {
            for (VulnerabilityReport.ExpiredIgnore e : vulns.expiredIgnores()) {
                err.println("warning: " + e.file() + ":" + e.line() + ": the ignore entry for " + e.id() + " expired on " + e.expired());
            }
        }
        ScanReport report = new ScanReport(sbom.subject(), sbom.distro(), vulns);
        if (output == null) {
            ScanReportWriter.write(fmt, report, clock.instant(), System.out);
            System.out.flush();
        } else {
            AtomicFiles.write(output, o -> ScanReportWriter.write(fmt, report, clock.instant(), o));
        }
        if (threshold != null && vulns.hasFindingsAtOrAbove(threshold)) {
            return exitCode != null ? exitCode : CliException.FINDINGS;
        }
        return 0;
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
