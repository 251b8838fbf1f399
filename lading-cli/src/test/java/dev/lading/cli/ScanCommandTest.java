package dev.lading.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lading.oci.ImageConfig;
import dev.lading.oci.Platform;
import dev.lading.oci.layout.OciLayout;
import dev.lading.oci.testing.TestImages;
import dev.lading.scan.version.VersionScheme;
import dev.lading.scan.vuln.VulnerabilityDatabase;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code lading scan} end to end: an OCI layout image with a dpkg status and an npm package, a database
 * imported from hand-written OSV records. Until dev.lading.scan.version has its schemes, most tests inject a
 * dotted-numeric order (versions here are plain numbers); {@link #realDebianVersions} uses the real Debian
 * scheme and runs once it exists.
 */
class ScanCommandTest {
    @TempDir
    Path tmp;
    String ref;
    Path dbDir;

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);

    /** Test-only: dot-separated numbers compared numerically. */
    static final VersionScheme DOTTED = new VersionScheme() {
        @Override
        public String name() {
            return "dotted";
        }

        @Override
        public boolean isValid(String v) {
            return v.matches("[0-9]+(\\.[0-9]+)*");
        }

        @Override
        public int compare(String a, String b) {
            String[] x = a.split("\\.");
            String[] y = b.split("\\.");
            for (int i = 0; i < Math.max(x.length, y.length); i++) {
                int c = Long.compare(i < x.length ? Long.parseLong(x[i]) : 0, i < y.length ? Long.parseLong(y[i]) : 0);
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        }
    };

    static String record(String id, String alias, String ecosystem, String name, String fixed, String cvss) {
        String events = fixed == null ? "[{\"introduced\": \"0\"}]" : "[{\"introduced\": \"0\"}, {\"fixed\": \"" + fixed + "\"}]";
        String severity = cvss == null ? "" : ", \"severity\": [{\"type\": \"CVSS_V3\", \"score\": \"" + cvss + "\"}]";
        return """
                {"id": "%s", "aliases": ["%s"], "modified": "2026-11-01T00:00:00Z", "summary": "%s in %s"%s,
                 "affected": [{"package": {"ecosystem": "%s", "name": "%s"}, "ranges": [{"type": "ECOSYSTEM", "events": %s}]}]}
                """.formatted(id, alias, id, name, severity, ecosystem, name, events);
    }

    void image(String dpkgStatus) throws Exception {
        TestImages.Layer base = TestImages.layer(Map.of(
                "etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n",
                "var/lib/dpkg/status", dpkgStatus));
        TestImages.Layer app = TestImages.layer(Map.of(
                "app/node_modules/left-pad/package.json", "{\"name\": \"left-pad\", \"version\": \"1.3.0\", \"license\": \"WTFPL\"}"));
        OciLayout layout = OciLayout.createOrOpen(tmp.resolve("layout"));
        TestImages.store(layout, TestImages.image(Platform.of("linux", "amd64", null), List.of(base, app), ImageConfig.Config.EMPTY), "app");
        ref = "oci:" + tmp.resolve("layout") + ":app";
    }

    void database(Map<String, String> records) throws Exception {
        Path dir = tmp.resolve("records");
        for (var e : records.entrySet()) {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(e.getKey() + ".json"), e.getValue());
        }
        dbDir = tmp.resolve("home/db");
        VulnerabilityDatabase.importFrom(dbDir, List.of(dir), CLOCK);
    }

    @BeforeEach
    void setUp() throws Exception {
        image("Package: zlib1g\nStatus: install ok installed\nArchitecture: amd64\nSource: zlib\nVersion: 1.2.13\n");
        database(Map.of(
                "DSA-0001-1", record("DSA-0001-1", "CVE-2099-0001", "Debian:12", "zlib", "1.2.13.1", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"),
                "DEBIAN-CVE-2099-0002", record("DEBIAN-CVE-2099-0002", "CVE-2099-0002", "Debian:12", "zlib", null, null),
                "GHSA-lp", record("GHSA-lp", "CVE-2099-0100", "npm", "left-pad", "1.3.1", "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N")));
    }

    ScanCommand scan() {
        ScanCommand c = new ScanCommand();
        c.env = Map.of("LADING_HOME", tmp.resolve("home").toString());
        c.clock = Clock.offset(CLOCK, Duration.ofHours(1));
        c.workdir = tmp.resolve("work");
        c.schemes = eco -> Optional.of(DOTTED);
        return c;
    }

    @Test
    void reportsTheSourcePackagesVulnerabilityWithItsFixAndExitsZeroByDefault() {
        CommandRunner.Run r = CommandRunner.run(scan(), ref);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Vulnerabilities: 3 (CRITICAL: 1, HIGH: 0, MEDIUM: 0, LOW: 1, NONE: 0, UNKNOWN: 1)");
        assertThat(r.out()).containsSubsequence("CRITICAL (1)", "DSA-0001-1", "CVE-2099-0001", "zlib1g", "1.2.13", "1.2.13.1", "CRITICAL 9.8",
                "/var/lib/dpkg/status", "LOW (1)", "GHSA-lp", "left-pad", "1.3.0", "1.3.1", "UNKNOWN (1)", "DEBIAN-CVE-2099-0002");
        assertThat(r.err()).doesNotContain("warning");
    }

    @Test
    void failOnAndExitCode() {
        // vulnerabilities only: the fixture image has no USER, which fails the policy's IM001 (a gate once --fail-on is given)
        assertThat(CommandRunner.run(scan(), "--scanners", "vuln", "--fail-on", "high", ref).code()).isEqualTo(1);
        assertThat(CommandRunner.run(scan(), "--scanners", "vuln", "--fail-on", "CRITICAL", "--exit-code", "4", ref).code()).isEqualTo(4);
        // alone, --exit-code fails on any reported finding; filters decide what is reported
        assertThat(CommandRunner.run(scan(), "--scanners", "vuln", "--exit-code", "5", ref).code()).isEqualTo(5);
        assertThat(CommandRunner.run(scan(), "--scanners", "vuln", "--exit-code", "5", "--severity", "MEDIUM,HIGH", ref).code()).isZero();
        // with the policy, IM001's FAIL is a gate too
        assertThat(CommandRunner.run(scan(), "--exit-code", "5", "--severity", "MEDIUM,HIGH", ref).code()).isEqualTo(5);
        CommandRunner.Run fixedOnly = CommandRunner.run(scan(), "--ignore-unfixed", "--severity", "CRITICAL,LOW", ref);
        assertThat(fixedOnly.out()).contains("Vulnerabilities: 2 (").doesNotContain("DEBIAN-CVE-2099-0002");
    }

    @Test
    void ignoreFileAndVexSuppress() throws Exception {
        Files.createDirectories(tmp.resolve("work"));
        Files.writeString(tmp.resolve("work/.ladingignore"), "CVE-2099-0001 zlib exp:2027-06-30 # not reachable\nCVE-2099-0002 exp:2026-01-01\n");
        CommandRunner.Run r = CommandRunner.run(scan(), "--scanners", "vuln", "--fail-on", "CRITICAL", ref);
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).doesNotContain("DSA-0001-1").contains("1 suppressed by ignore file or VEX", "DEBIAN-CVE-2099-0002");
        assertThat(r.err()).contains("the ignore entry for CVE-2099-0002 expired on 2026-01-01");

        Path vex = tmp.resolve("app.openvex.json");
        Files.writeString(vex, """
                {"@context": "https://openvex.dev/ns/v0.2.0", "statements": [
                  {"vulnerability": {"name": "CVE-2099-0100"}, "products": [{"@id": "pkg:npm/left-pad@1.3.0"}],
                   "status": "not_affected", "justification": "vulnerable_code_not_present"}]}""");
        CommandRunner.Run v = CommandRunner.run(scan(), "--ignorefile", tmp.resolve("work/.ladingignore").toString(),
                "--vex", vex.toString(), "--format", "json", ref);
        JsonNode doc = new ObjectMapper().readTree(v.out());
        assertThat(doc.at("/vulnerabilities/summary/total").asInt()).isEqualTo(1);
        assertThat(doc.at("/vulnerabilities/suppressed")).hasSize(2);
        assertThat(doc.at("/vulnerabilities/suppressed/1/reason").asText()).isEqualTo("not_affected: vulnerable_code_not_present");
    }

    @Test
    void trivyIgnoreIsReadToo() throws Exception {
        Files.createDirectories(tmp.resolve("work"));
        Files.writeString(tmp.resolve("work/.trivyignore"), "# trivy's format\nCVE-2099-0001\n");
        assertThat(CommandRunner.run(scan(), ref).out()).doesNotContain("DSA-0001-1");
    }

    @Test
    void jsonAndSarifToAFile() throws Exception {
        Path out = tmp.resolve("out/scan.sarif");
        CommandRunner.Run r = CommandRunner.run(scan(), "--format", "sarif", "-o", out.toString(), ref);
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode sarif = new ObjectMapper().readTree(out.toFile());
        assertThat(sarif.get("version").asText()).isEqualTo("2.1.0");
        // three vulnerabilities and the policy FAILs (no USER: IM001; no HEALTHCHECK or ENTRYPOINT: IM005; no labels: IM006)
        assertThat(sarif.at("/runs/0/results").findValuesAsText("ruleId")).endsWith("policy/IM006")
                .contains("DSA-0001-1", "GHSA-lp", "DEBIAN-CVE-2099-0002");
        String json1 = CommandRunner.run(scan(), "--format", "json", ref).out();
        assertThat(CommandRunner.run(scan(), "--format", "json", ref).out()).isEqualTo(json1);
        assertThat(new ObjectMapper().readTree(json1).at("/vulnerabilities/findings/0/fixed").asText()).isEqualTo("1.2.13.1");
    }

    @Test
    void noDatabaseIsAClearRuntimeError() {
        ScanCommand c = scan();
        c.env = Map.of("LADING_HOME", tmp.resolve("empty-home").toString());
        CommandRunner.Run r = CommandRunner.run(c, ref);
        assertThat(r.code()).isEqualTo(CliException.RUNTIME);
        assertThat(r.err()).contains("no vulnerability database in " + tmp.resolve("empty-home/db"), "lading db update",
                "--scanners secret,policy,efficiency");
        ScanCommand asked = scan();
        asked.env = Map.of("LADING_HOME", tmp.resolve("empty-home").toString());
        CommandRunner.Run explicit = CommandRunner.run(asked, "--scanners", "vuln,secret", ref);
        assertThat(explicit.code()).isEqualTo(CliException.RUNTIME);
        assertThat(explicit.err()).doesNotContain("--scanners secret");
        ScanCommand without = scan();
        without.env = Map.of("LADING_HOME", tmp.resolve("empty-home").toString());
        CommandRunner.Run noVuln = CommandRunner.run(without, "--scanners", "secret,policy,efficiency", ref);
        assertThat(noVuln.code()).as(noVuln.err()).isZero();
        assertThat(noVuln.out()).doesNotContain("Vulnerabilities:", "Database:").contains("Secrets: 0 (", "Policy: FAIL: ");
    }

    @Test
    void anOldDatabaseIsWarnedAbout() {
        ScanCommand c = scan();
        c.clock = Clock.offset(CLOCK, Duration.ofDays(9));
        CommandRunner.Run r = CommandRunner.run(c, ref);
        assertThat(r.code()).isZero();
        assertThat(r.err()).contains("warning: the vulnerability database is 9d old (limit 7d); run 'lading db update'");
        ScanCommand lenient = scan();
        lenient.clock = Clock.offset(CLOCK, Duration.ofDays(9));
        assertThat(CommandRunner.run(lenient, "--db-max-age", "10d", ref).err()).doesNotContain("old");
        assertThat(CommandRunner.run(scan(), "--db-max-age", "soon", ref).code()).isEqualTo(CliException.USAGE);
    }

    @Test
    void dbCanBeOsvFilesOrAnImportedDirectory() {
        ScanCommand c = scan();
        c.env = Map.of("LADING_HOME", tmp.resolve("empty-home").toString());
        CommandRunner.Run files = CommandRunner.run(c, "--db", tmp.resolve("records").toString(), ref);
        assertThat(files.code()).as(files.err()).isZero();
        assertThat(files.out()).contains("Vulnerabilities: 3");
        CommandRunner.Run imported = CommandRunner.run(scan(), "--db", dbDir.toString(), ref);
        assertThat(imported.out()).contains("Vulnerabilities: 3");
    }

    @Test
    void osvFilesReadBesideTheWalkStillWarnAboutUnreadableRecordsAndAnUnreadableImageIsStillTheError() throws Exception {
        java.nio.file.Path records = tmp.resolve("records");
        java.nio.file.Files.writeString(records.resolve("broken.json"), "{\"id\": ");
        ScanCommand c = scan();
        c.env = Map.of("LADING_HOME", tmp.resolve("empty-home").toString());
        CommandRunner.Run files = CommandRunner.run(c, "--db", records.toString(), ref);
        assertThat(files.code()).as(files.err()).isZero();
        assertThat(files.err()).contains("warning: skipped", "broken.json");
        assertThat(files.out()).contains("Vulnerabilities: 3");

        CommandRunner.Run missing = CommandRunner.run(scan(), "--db", records.toString(), "oci:" + tmp.resolve("layout") + ":nope");
        assertThat(missing.code()).isNotZero();
        assertThat(missing.err()).contains("nope");
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertThat(CommandRunner.run(scan(), "--severity", "SEVERE", ref).code()).isEqualTo(CliException.USAGE);
        assertThat(CommandRunner.run(scan(), "--format", "xml", ref).code()).isEqualTo(CliException.USAGE);
        assertThat(CommandRunner.run(scan(), "--fail-on", "bad", ref).code()).isEqualTo(CliException.USAGE);
        assertThat(CommandRunner.run(scan(), "--ignorefile", tmp.resolve("nope").toString(), ref).code()).isEqualTo(CliException.USAGE);
    }

    @Test
    void withoutVersionSchemesNothingIsGuessed() {
        ScanCommand c = scan();
        c.schemes = eco -> Optional.empty();
        CommandRunner.Run r = CommandRunner.run(c, ref);
        assertThat(r.code()).isZero();
        // DEBIAN-CVE-2099-0002 affects every version ("introduced 0" only), which needs no ordering; the rest is not checked
        assertThat(r.out()).contains("Vulnerabilities: 1 (", "2 package(s) not checked").doesNotContain("DSA-0001-1");
    }

    @Test
    void mainKnowsBothCommands() {
        Cli.Result scanHelp = Cli.run("scan", "--help");
        assertThat(scanHelp.exitCode()).isZero();
        assertThat(scanHelp.out()).contains("--fail-on", "--exit-code", "--ignorefile", "--vex", "--db-max-age", "--scanners", "--max-size",
                "--max-layers", "--lowest-efficiency", "--highest-wasted-bytes", "--highest-user-wasted-percent", "--allow-tool",
                "--secret-allow-path", "--no-healthcheck-required", "--config", "Exit code: one for every gate");
        Cli.Result dbHelp = Cli.run("db", "--help");
        assertThat(dbHelp.exitCode()).isZero();
        assertThat(dbHelp.out()).contains("import", "update", "status");
        assertThat(Cli.run("db", "import", "--help").out()).contains("PATH");
        assertThat(Cli.run("scan").exitCode()).isEqualTo(CliException.USAGE);
    }

    /** Real Debian versions, matched with lading's own Debian scheme from dev.lading.scan.version. */
    @Test
    void realDebianVersions() throws Exception {
        Assumptions.assumeTrue(VersionScheme.forOsvEcosystem("Debian:12").isPresent(),
                "needs the Debian version scheme from dev.lading.scan.version (the versions branch)");
        image("Package: zlib1g\nStatus: install ok installed\nArchitecture: amd64\nSource: zlib\nVersion: 1:1.2.13.dfsg-1\n");
        database(Map.of("DSA-0001-1", record("DSA-0001-1", "CVE-2099-0001", "Debian:12", "zlib", "1:1.2.13.dfsg-1+deb12u1",
                "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")));
        // through Main, as a user runs it
        CommandRunner.Run r = CommandRunner.run(new Main(), "scan", "--db", dbDir.toString(), "--fail-on", "HIGH", "--ignorefile",
                Files.writeString(tmp.resolve("empty-ignore"), "").toString(), ref);
        assertThat(r.out()).containsSubsequence("DSA-0001-1", "zlib1g", "1:1.2.13.dfsg-1", "1:1.2.13.dfsg-1+deb12u1", "CRITICAL");
        assertThat(r.code()).isEqualTo(1);
        Path ignore = tmp.resolve("ignore");
        Files.writeString(ignore, "DSA-0001-1\n");
        assertThat(CommandRunner.run(new Main(), "scan", "--scanners", "vuln", "--db", dbDir.toString(), "--fail-on", "HIGH", "--ignorefile",
                ignore.toString(), ref).code())
                .isZero();
    }

    // ---- every scanner on one image

    static final String TOKEN = "ghp_" + "Zq9".repeat(12);
    static final String EVIL = "<script>alert(1)</script>";
    static final String EVIL_DIR = "<img src=x onerror=alert(1)>";

    /**
     * A Debian image with a shell (IM002 fails), a .env holding a GitHub token in layer 1 that layer 2 deletes (the
     * secret is still in the image, and its bytes are wasted), a package whose name and path carry HTML, and a
     * non-root user with an exec-form entrypoint.
     */
    String fullImage() throws Exception {
        TestImages.Layer base = TestImages.layer(Map.of(
                "etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n",
                "var/lib/dpkg/status", "Package: zlib1g\nStatus: install ok installed\nArchitecture: amd64\nSource: zlib\nVersion: 1.2.13\n",
                "bin/sh", "ELF"));
        TestImages.Layer app = TestImages.layer(Map.of(
                "app/.env", "GITHUB_TOKEN=" + TOKEN + "\n" + "# padding\n".repeat(200),
                "app/node_modules/left-pad/package.json", "{\"name\": \"left-pad\", \"version\": \"1.3.0\"}",
                "app/node_modules/" + EVIL_DIR + "/package.json", "{\"name\": \"" + EVIL + "\", \"version\": \"1.0.0\"}"));
        TestImages.Layer cleanup = TestImages.layer(Map.of("app/.wh..env", "", "app/run", "ELF"));
        ImageConfig.Config run = ImageConfig.Config.EMPTY.withUser("10001").withEntrypoint(List.of("/app/run"));
        OciLayout layout = OciLayout.createOrOpen(tmp.resolve("full"));
        TestImages.store(layout, TestImages.image(Platform.of("linux", "amd64", null), List.of(base, app, cleanup), run), "full");
        return "oci:" + tmp.resolve("full") + ":full";
    }

    @Test
    void allScannersInOnePassWithOneReport() throws Exception {
        String full = fullImage();
        CommandRunner.Run r = CommandRunner.run(scan(), full);
        assertThat(r.code()).as(r.err()).isZero(); // no gate asked for: findings are reported, the exit code stays 0
        assertThat(r.out()).containsSubsequence("Vulnerabilities: 3", "Secrets: 1 (CRITICAL: 1", "Policy: FAIL: ", "Efficiency: score ",
                "CRITICAL (1)", "DSA-0001-1",
                "Secrets CRITICAL (1)", "github-token", "/app/.env:1", "deleted by a later layer",
                "Image policy", "PASS  IM001", "FAIL  IM002", "/bin/sh",
                "Layers (3;", "Wasted space", "/app/.env", "Efficiency gates", "SKIP  lowestEfficiency");
        assertThat(r.out()).doesNotContain(TOKEN.substring(8));

        JsonNode doc = new ObjectMapper().readTree(CommandRunner.run(scan(), "--format", "json", full).out());
        assertThat(doc.at("/vulnerabilities/summary/total").asInt()).isEqualTo(3);
        assertThat(doc.at("/secrets/summary/CRITICAL").asInt()).isEqualTo(1);
        JsonNode secret = doc.at("/secrets/findings/0");
        assertThat(secret.get("ruleId").asText()).isEqualTo("github-token");
        assertThat(secret.get("location").asText()).isEqualTo("/app/.env");
        assertThat(secret.get("hidden").asBoolean()).isTrue();
        assertThat(secret.get("layerIndex").asInt()).isEqualTo(1);
        assertThat(doc.at("/policy/results").findValuesAsText("id")).contains("IM001", "IM002", "IM008");
        assertThat(doc.at("/policy/results/1/status").asText()).isEqualTo("FAIL");
        assertThat(doc.at("/efficiency/wastedBytes").asLong()).isPositive();
        assertThat(doc.at("/efficiency/layers")).hasSize(3);
        assertThat(doc.at("/efficiency/gates/0/status").asText()).isEqualTo("SKIP");
        assertThat(doc.at("/packages").findValuesAsText("name")).contains("zlib1g", "left-pad", EVIL);
        assertThat(doc.toString()).doesNotContain(TOKEN.substring(8));

        JsonNode onlySecrets = new ObjectMapper().readTree(CommandRunner.run(scan(), "--scanners", "secret", "--format", "json", full).out());
        assertThat(onlySecrets.has("secrets")).isTrue();
        assertThat(onlySecrets.has("vulnerabilities") || onlySecrets.has("policy") || onlySecrets.has("efficiency")).isFalse();
    }

    @Test
    void oneExitCodeForEveryGate() throws Exception {
        String full = fullImage();
        // vulnerabilities: zlib's CRITICAL
        assertThat(CommandRunner.run(scan(), "--scanners", "vuln", "--fail-on", "CRITICAL", "--exit-code", "6", full).code()).isEqualTo(6);
        // secrets at or above the threshold, the deleted .env's token among them
        assertThat(CommandRunner.run(scan(), "--scanners", "secret", "--fail-on", "HIGH", "--exit-code", "7", full).code()).isEqualTo(7);
        assertThat(CommandRunner.run(scan(), "--scanners", "secret", "--fail-on", "HIGH", "--secret-allow-path", "/app/**", full).code()).isZero();
        // the policy: /bin/sh fails IM002 once a gate is asked for; allowed, and with no healthcheck needed, the budget decides
        assertThat(CommandRunner.run(scan(), "--scanners", "policy", full).code()).isZero();
        assertThat(CommandRunner.run(scan(), "--scanners", "policy", "--max-layers", "10", "--exit-code", "8", full).code()).isEqualTo(8);
        Path labels = tmp.resolve("labels.yaml");
        Files.writeString(labels, "scan:\n  policy:\n    requiredLabels: []\n");
        CommandRunner.Run allowed = CommandRunner.run(scan(), "--config", labels.toString(), "--scanners", "policy", "--allow-tool", "/bin/sh",
                "--no-healthcheck-required", "--max-layers", "10", full);
        assertThat(allowed.code()).as(allowed.out()).isZero();
        CommandRunner.Run budget = CommandRunner.run(scan(), "--config", labels.toString(), "--scanners", "policy", "--allow-tool", "/bin/sh",
                "--no-healthcheck-required", "--max-layers", "2", full);
        assertThat(budget.code()).isEqualTo(1);
        assertThat(budget.out()).contains("FAIL  IM008");
        CommandRunner.Run size = CommandRunner.run(scan(), "--config", labels.toString(), "--scanners", "policy", "--allow-tool", "/bin/sh",
                "--no-healthcheck-required", "--max-size", "10B", full);
        assertThat(size.code()).isEqualTo(1);
        // efficiency: the deleted .env is wasted space
        assertThat(CommandRunner.run(scan(), "--scanners", "efficiency", "--highest-wasted-bytes", "1", "--exit-code", "9", full).code()).isEqualTo(9);
        assertThat(CommandRunner.run(scan(), "--scanners", "efficiency", "--highest-wasted-bytes", "1GB", full).code()).isZero();
        CommandRunner.Run lowest = CommandRunner.run(scan(), "--scanners", "efficiency", "--lowest-efficiency", "0.99", full);
        assertThat(lowest.code()).isEqualTo(1);
        assertThat(lowest.out()).contains("FAIL  lowestEfficiency");
        assertThat(CommandRunner.run(scan(), "--scanners", "efficiency", "--highest-user-wasted-percent", "0.01", full).code()).isEqualTo(1);
        // bad gate values are usage errors that name the option
        CommandRunner.Run bad = CommandRunner.run(scan(), "--max-size", "big", full);
        assertThat(bad.code()).isEqualTo(CliException.USAGE);
        assertThat(bad.err()).contains("--max-size");
        assertThat(CommandRunner.run(scan(), "--scanners", "vuln,dive", full).code()).isEqualTo(CliException.USAGE);
        assertThat(CommandRunner.run(scan(), "--lowest-efficiency", "2", full).code()).isEqualTo(CliException.USAGE);
    }

    @Test
    void dotLadingYamlHoldsTheSameSettings() throws Exception {
        String full = fullImage();
        Files.createDirectories(tmp.resolve("work"));
        Files.writeString(tmp.resolve("work/.lading.yaml"), """
                lint:
                  ignored: [DL3008]   # another command's section: not read by scan
                scan:
                  scanners: [secret, policy, efficiency]
                  exitCode: 3
                  policy:
                    allowTools: ["/bin/sh"]
                    requiredLabels: []
                    healthcheckRequired: false
                    maxSize: 50MB
                  secrets:
                    allowPaths: ["/app/**"]
                  efficiency:
                    highestWastedBytes: 1
                """);
        CommandRunner.Run r = CommandRunner.run(scan(), "--format", "json", full);
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.has("vulnerabilities")).isFalse();
        assertThat(doc.at("/secrets/summary/total").asInt()).isZero();
        assertThat(doc.at("/policy/summary/FAIL").asInt()).as(r.out()).isZero();
        assertThat(doc.at("/efficiency/gates/1/status").asText()).isEqualTo("FAIL");
        assertThat(r.code()).isEqualTo(3); // the wasted-bytes gate, with the file's exit code

        Files.writeString(tmp.resolve("work/.lading.yaml"), "scan:\n  policy:\n    allowTool: [\"/bin/sh\"]\n");
        CommandRunner.Run typo = CommandRunner.run(scan(), full);
        assertThat(typo.code()).isEqualTo(CliException.USAGE);
        assertThat(typo.err()).contains(".lading.yaml", "scan.policy.allowTool");
    }

    @Test
    void sarifCarriesSecretsAndPolicyFailures() throws Exception {
        JsonNode sarif = new ObjectMapper().readTree(CommandRunner.run(scan(), "--format", "sarif", fullImage()).out());
        assertThat(sarif.get("version").asText()).isEqualTo("2.1.0");
        JsonNode run = sarif.at("/runs/0");
        JsonNode rules = run.at("/tool/driver/rules");
        assertThat(run.get("results").findValuesAsText("ruleId")).contains("secret/github-token", "policy/IM002", "DSA-0001-1");
        // the shape code-scanning UIs need: every result names its rule by id and index, a message and a location
        for (JsonNode result : run.get("results")) {
            assertThat(rules.get(result.get("ruleIndex").asInt()).get("id").asText()).isEqualTo(result.get("ruleId").asText());
            assertThat(result.at("/message/text").asText()).isNotBlank();
            assertThat(result.at("/locations/0/physicalLocation/artifactLocation/uri").asText()).isNotBlank().doesNotStartWith("/");
            assertThat(result.at("/locations/0/physicalLocation/region/startLine").asInt()).isPositive();
            assertThat(List.of("error", "warning", "note")).contains(result.get("level").asText());
        }
        for (JsonNode rule : rules) {
            assertThat(rule.at("/shortDescription/text").asText()).isNotBlank();
        }
        assertThat(sarif.toString()).doesNotContain(TOKEN.substring(8));
    }

    @Test
    void cycloneDxHasTheSbomAndItsVulnerabilities() throws Exception {
        Path out = tmp.resolve("scan.cdx.json");
        CommandRunner.Run r = CommandRunner.run(scan(), "--format", "cyclonedx-json", "-o", out.toString(), fullImage());
        assertThat(r.code()).as(r.err()).isZero();
        byte[] bytes = Files.readAllBytes(out);
        assertThat(new org.cyclonedx.parsers.JsonParser().validate(bytes, org.cyclonedx.Version.VERSION_16)).isEmpty();
        JsonNode bom = new ObjectMapper().readTree(bytes);
        assertThat(bom.get("specVersion").asText()).isEqualTo("1.6");
        JsonNode dsa = null;
        for (JsonNode v : bom.get("vulnerabilities")) {
            if (v.get("id").asText().equals("DSA-0001-1")) {
                dsa = v;
            }
        }
        assertThat(dsa).isNotNull();
        assertThat(dsa.at("/source/name").asText()).isEqualTo("OSV");
        assertThat(dsa.at("/ratings/0/score").asDouble()).isEqualTo(9.8);
        assertThat(dsa.at("/ratings/0/severity").asText()).isEqualTo("critical");
        assertThat(dsa.at("/ratings/0/method").asText()).isEqualTo("CVSSv31");
        assertThat(dsa.at("/references/0/id").asText()).isEqualTo("CVE-2099-0001");
        String ref = dsa.at("/affects/0/ref").asText();
        assertThat(bom.get("components").findValuesAsText("bom-ref")).contains(ref);
        assertThat(ref).startsWith("pkg:deb/debian/zlib1g@1.2.13");
    }

    @Test
    void htmlIsOneSelfContainedEscapedPage() throws Exception {
        String html = CommandRunner.run(scan(), "--format", "html", fullImage()).out();
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg", "<style>", "Content-Security-Policy", "DSA-0001-1", "github-token",
                "IM002", "Wasted space", "zlib1g");
        // package names and paths come from the image: never markup
        assertThat(html).doesNotContain(EVIL, EVIL_DIR).contains("&lt;script&gt;alert(1)&lt;/script&gt;",
                "/app/node_modules/&lt;img src=x onerror=alert(1)&gt;/package.json");
        assertThat(html.toLowerCase(java.util.Locale.ROOT)).doesNotContain("<script", "src=\"http", "href=\"http", "@import", "url(");
        assertThat(html).doesNotContain(TOKEN.substring(8));
    }
}
