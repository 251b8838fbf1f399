package dev.lading.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code lading lint}, run in-process on its own (Main registers it). */
class LintCommandTest {
    private static final String BAD = "FROM debian:latest\nRUN apt-get install curl\nCMD run\n";

    record Result(int exitCode, String out, String err) {
    }

    static Result lint(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new LintCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    static Path examples() {
        Path p = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(p.resolve("examples"))) {
            p = p.getParent();
        }
        return p.resolve("examples");
    }

    @Test
    void theHelloExampleHasNoFindingButItsMissingDockerignore() {
        Result r = lint("--ignore", "LD015", examples().resolve("hello").toString());
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).isEmpty();
    }

    @Test
    void findingsPrintWithPositionAndFailTheRun(@TempDir Path dir) throws Exception {
        Path df = Files.writeString(dir.resolve("Dockerfile"), BAD);
        Result r = lint(df.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        // twins (lading's rule and hadolint's for the same problem) print once, naming both IDs
        assertThat(r.out()).contains(":1:1 LD004/DL3007 warning: ").contains(":2:1 LD007/LD017/DL3009/DL3014/DL3015 warning: ")
                .contains(":3:1 LD008/DL3025/JSONArgsRecommended warning: ").doesNotContain("\u001b[");
    }

    /**
     * Through Main, on the process's standard output, each file's part of a text or JSON report is encoded by
     * the thread that linted it and the report written as bytes: it must be the report the writer path gives.
     */
    @Test
    void theReportOnStandardOutputIsTheReportOfTheWriter(@TempDir Path dir) throws Exception {
        for (int i = 0; i < 40; i++) {
            Path d = Files.createDirectories(dir.resolve(String.format("d%02d", i)));
            // some files with findings whose messages are not Latin-1, some with none at all
            Files.writeString(d.resolve("Dockerfile"), i % 5 == 0 ? "# syntax=docker/dockerfile:1\nFROM scratch\n"
                    : BAD + "LABEL maintainer=\"é ✓ \\\"q\\\"\"\nRUN cd /x && make\n");
        }
        for (String format : java.util.List.of("json", "text")) {
            Result viaWriter = lint("--no-shellcheck", "--format", format, dir.toString());
            java.io.PrintStream old = System.out;
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            int code;
            try (java.io.PrintStream capture = new java.io.PrintStream(bytes, true, java.nio.charset.Charset.defaultCharset())) {
                System.setOut(capture);
                code = Main.run("lint", "--no-shellcheck", "--format", format, dir.toString());
            } finally {
                System.setOut(old);
            }
            assertThat(code).isEqualTo(viaWriter.exitCode()).isEqualTo(1);
            assertThat(bytes.toString(java.nio.charset.Charset.defaultCharset())).isEqualTo(viaWriter.out());
        }
        assertThat(new ObjectMapper().readTree(lint("--no-shellcheck", "--format", "json", dir.toString()).out()).size())
                .isGreaterThan(100);
    }

    /**
     * A lint process ends by halting the JVM rather than System.exit: what it printed must all be there, the exit
     * code must be the lint's, and a usage error still exits 2 with its message.
     */
    @Test
    void aLintProcessHaltsWithItsWholeReportAndExitCode(@TempDir Path dir) throws Exception {
        for (int i = 0; i < 60; i++) {
            Files.writeString(Files.createDirectories(dir.resolve(String.format("d%02d", i))).resolve("Dockerfile"), BAD);
        }
        Result inProcess = lint("--no-shellcheck", "--format", "json", dir.toString());
        Cli.Result json = Cli.runProcess(java.util.Map.of(), "lint", "--no-shellcheck", "--format", "json", dir.toString());
        assertThat(json.exitCode()).as(json.err()).isEqualTo(1);
        assertThat(json.out()).isEqualTo(inProcess.out());
        assertThat(new ObjectMapper().readTree(json.out()).size()).isGreaterThan(60 * 3);

        Cli.Result clean = Cli.runProcess(java.util.Map.of(), "lint", "--no-shellcheck", "--ignore", "LD015",
                examples().resolve("hello").toString());
        assertThat(clean.exitCode()).as(clean.err()).isZero();

        Cli.Result usage = Cli.runProcess(java.util.Map.of(), "lint", "--format", "yaml", dir.toString());
        assertThat(usage.exitCode()).isEqualTo(CliException.USAGE);
        assertThat(usage.err()).contains("--format must be text, json, sarif, checkstyle or gitlab, not 'yaml'");

        // a flight recording is written by a shutdown hook: a JVM started with one exits normally
        Path jfr = dir.resolve("lint.jfr");
        Cli.Result recorded = Cli.runProcess(java.util.Map.of("JAVA_TOOL_OPTIONS", "-XX:StartFlightRecording=filename=" + jfr),
                "lint", "--no-shellcheck", "--format", "json", dir.toString());
        assertThat(recorded.exitCode()).as(recorded.err()).isEqualTo(1);
        assertThat(recorded.out()).endsWith(inProcess.out()); // after the JVM's note that the recording started
        assertThat(jfr).isNotEmptyFile();

        Cli.Result parse = Cli.runProcess(java.util.Map.of(), "dockerfile", "parse", "--format", "json",
                dir.resolve("d00/Dockerfile").toString());
        assertThat(parse.exitCode()).as(parse.err()).isZero();
        assertThat(new ObjectMapper().readTree(parse.out()).isContainerNode()).isTrue();
    }

    @Test
    void manyFilesAreReportedInFileOrderWhateverFinishesFirst(@TempDir Path dir) throws Exception {
        // linted on several threads: the report must still follow the files' order
        StringBuilder big = new StringBuilder("FROM debian:latest\n");
        for (int i = 0; i < 300; i++) {
            big.append("RUN apt-get install curl && echo ").append(i).append('\n');
        }
        // enough files that the threads take them a batch at a time
        for (int i = 0; i < 100; i++) {
            Files.writeString(Files.createDirectories(dir.resolve(String.format("d%03d", i))).resolve("Dockerfile"),
                    i % 7 == 0 ? big.toString() : BAD);
        }
        Result r = lint("--no-shellcheck", "--format", "json", dir.toString());
        java.util.List<String> files = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out()).findValuesAsText("file");
        assertThat(files).isNotEmpty().isSortedAccordingTo(java.util.Comparator.naturalOrder());
        assertThat(files.stream().distinct().count()).isEqualTo(100);
    }

    @Test
    void aBrokenConfigurationAmongManyDirectoriesStopsTheRunNamingIt(@TempDir Path dir) throws Exception {
        for (int i = 0; i < 100; i++) {
            Files.writeString(Files.createDirectories(dir.resolve(String.format("d%03d", i))).resolve("Dockerfile"), BAD);
        }
        Files.writeString(dir.resolve("d050/.lading.yaml"), "ignore: [LD004\n");
        Result r = lint("--no-shellcheck", dir.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("d050").contains(".lading.yaml");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void thresholdIgnoreAndConfig(@TempDir Path dir) throws Exception {
        Path df = Files.writeString(dir.resolve("Dockerfile"), BAD);
        assertThat(lint("--failure-threshold", "none", df.toString()).exitCode()).isZero();
        assertThat(lint("--failure-threshold", "error", df.toString()).exitCode()).isZero(); // only warnings and below
        Result ignored = lint("--ignore", "DL3007", "--ignore", "LD004", df.toString());
        assertThat(ignored.out()).doesNotContain("DL3007").doesNotContain("LD004").contains("DL3014");
        Files.writeString(dir.resolve(".hadolint.yaml"), "ignored: [DL3014]\nfailure-threshold: error\n");
        Result discovered = lint(df.toString());
        assertThat(discovered.out()).doesNotContain("DL3014").contains("DL3015");
        Path cfg = Files.writeString(dir.resolve("strict.yaml"), "ignore: [LD008]\n");
        Result explicit = lint("--config", cfg.toString(), df.toString());
        assertThat(explicit.out()).doesNotContain("LD008").contains("DL3014");
    }

    @Test
    void eachDirectoryGetsItsNearestConfigurationWithTheCommandLineOnTopInOneRun(@TempDir Path dir) throws Exception {
        // one run over directories under different configurations: what is prepared once per configuration must
        // still be the right configuration for each file, siblings sharing their parent's
        Files.writeString(dir.resolve(".lading.yaml"), "ignore: [DL3014]\nfailure-threshold: error\n");
        Path a = Files.writeString(Files.createDirectories(dir.resolve("a")).resolve("Dockerfile"), BAD);
        Path b = Files.writeString(Files.createDirectories(dir.resolve("b")).resolve("Dockerfile"), BAD);
        Files.writeString(Files.createDirectories(dir.resolve("c")).resolve(".hadolint.yaml"), "ignored: [DL3015]\n");
        Path c = Files.writeString(dir.resolve("c").resolve("Dockerfile"), BAD);
        Path d = Files.writeString(Files.createDirectories(dir.resolve("c/d")).resolve("Dockerfile"), BAD);

        Result r = lint("--ignore", "LD008", "--format", "json", dir.toString());
        java.util.Map<String, java.util.Set<String>> codes = new java.util.TreeMap<>();
        for (JsonNode f : new ObjectMapper().readTree(r.out())) {
            f.get("codes").forEach(id -> codes.computeIfAbsent(f.get("file").asText(), k -> new java.util.TreeSet<>())
                    .add(id.asText()));
        }
        assertThat(codes).hasSize(4);
        for (Path underRoot : java.util.List.of(a, b)) {
            assertThat(codes.get(underRoot.toString())).as(underRoot.toString())
                    .contains("DL3015").doesNotContain("DL3014", "LD008");
        }
        for (Path underC : java.util.List.of(c, d)) {
            // the nearest directory's configuration applies, not merged with the one above it
            assertThat(codes.get(underC.toString())).as(underC.toString())
                    .contains("DL3014").doesNotContain("DL3015", "LD008");
        }
        // c's configuration sets no threshold: its warnings fail the run, the root's (error) would not
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(lint("--format", "json", a.toString(), b.toString()).exitCode()).isZero();
        assertThat(lint("--failure-threshold", "none", dir.toString()).exitCode()).isZero();
    }

    @Test
    void sarifOutputIsOneDocumentForAllFiles(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("Dockerfile"), BAD);
        Files.createDirectories(dir.resolve("svc"));
        Files.writeString(dir.resolve("svc/api.Dockerfile"), BAD);
        Files.createDirectories(dir.resolve("node_modules/x"));
        Files.writeString(dir.resolve("node_modules/x/Dockerfile"), BAD);
        Files.writeString(dir.resolve("Dockerfile.dockerignore"), "*\n");
        Result r = lint("--format", "sarif", dir.toString());
        JsonNode sarif = new ObjectMapper().readTree(r.out());
        assertThat(sarif.get("version").asText()).isEqualTo("2.1.0");
        assertThat(sarif.get("runs").get(0).get("results").findValuesAsText("uri")).allMatch(u -> !u.contains("node_modules"))
                .anyMatch(u -> u.endsWith("svc/api.Dockerfile")).anyMatch(u -> u.endsWith("/Dockerfile"));
    }

    @Test
    void discoveryMatchesDockerfileNames() {
        assertThat(LintCommand.isDockerfileName("Dockerfile")).isTrue();
        assertThat(LintCommand.isDockerfileName("Containerfile")).isTrue();
        assertThat(LintCommand.isDockerfileName("api.Dockerfile")).isTrue();
        assertThat(LintCommand.isDockerfileName("Dockerfile.dev")).isTrue();
        assertThat(LintCommand.isDockerfileName("Dockerfile.dockerignore")).isFalse();
        assertThat(LintCommand.isDockerfileName("README.md")).isFalse();
        assertThat(LintCommand.isDockerfileName("Dockerfile.java")).isFalse();
        assertThat(LintCommand.isDockerfileName("Dockerfile.j2")).isFalse();
        assertThat(LintCommand.isDockerfileName("Containerfile.prod")).isTrue();
    }

    @Test
    void usageAndRuntimeErrors(@TempDir Path dir) throws Exception {
        Path df = Files.writeString(dir.resolve("Dockerfile"), BAD);
        assertThat(lint("--format", "xml", df.toString()).exitCode()).isEqualTo(2);
        assertThat(lint("--failure-threshold", "high", df.toString()).exitCode()).isEqualTo(2);
        Path cfg = Files.writeString(dir.resolve(".lading.yaml"), "ignroe: [x]\n");
        Result badConfig = lint(df.toString());
        assertThat(badConfig.exitCode()).isEqualTo(2);
        assertThat(badConfig.err()).contains(cfg.toString()).contains("unknown key 'ignroe'");
        Result missing = lint(dir.resolve("nope").toString());
        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(missing.err()).contains("no such file");
    }

    @Test
    void aBaselineSuppressesKnownFindingsAcrossEditsAndReportsNewOnes(@TempDir Path dir) throws Exception {
        Path df = Files.writeString(dir.resolve("Dockerfile"), BAD);
        Path base = dir.resolve("lint-baseline.json");
        Result written = lint("--write-baseline", base.toString(), df.toString());
        assertThat(written.exitCode()).as(written.err()).isZero();
        assertThat(new ObjectMapper().readTree(Files.readString(base)).get("version").asInt()).isEqualTo(1);

        Files.writeString(df, "# a comment pushing everything down\n\n" + BAD);
        Result same = lint("--baseline", base.toString(), df.toString());
        assertThat(same.exitCode()).as(same.out()).isZero();
        assertThat(same.out()).doesNotContain("warning").contains("suppressed by the baseline");

        Files.writeString(df, "# a comment\n" + BAD + "RUN apt-get install wget\n");
        Result fresh = lint("--baseline", base.toString(), df.toString());
        assertThat(fresh.exitCode()).isEqualTo(1);
        assertThat(fresh.out()).contains(":5:1 LD007").doesNotContain(":3:1 ");

        Result json = lint("--format", "json", "--baseline", base.toString(), df.toString());
        assertThat(new ObjectMapper().readTree(json.out()).isArray()).isTrue();
        assertThat(json.err()).contains("suppressed by the baseline");

        Files.writeString(base, "{\"version\": 7, \"findings\": []}");
        Result bad = lint("--baseline", base.toString(), df.toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("version 7");
    }

    @Test
    void shellcheckFindingsAppearWithTheRunsPositionOrANoticeSaysOnceThatItIsMissing(@TempDir Path dir) throws Exception {
        Path df = Files.writeString(dir.resolve("Dockerfile"), "FROM debian:12\nRUN echo $foo\nRUN echo $bar\n");
        Result r = lint("--failure-threshold", "none", df.toString());
        if (dev.lading.lint.shellcheck.ShellCheckProcess.onPath().isPresent()) {
            assertThat(r.out()).contains(":2:10 SC2154 warning: ").contains(":3:10 SC2154 warning: ")
                    .contains("(see https://www.shellcheck.net/wiki/SC2154)");
            assertThat(r.err()).doesNotContain("shellcheck is not on PATH");
        } else {
            assertThat(r.err().split("shellcheck is not on PATH", -1)).hasSize(2);
        }
        Result off = lint("--failure-threshold", "none", "--no-shellcheck", df.toString());
        assertThat(off.out()).doesNotContain("SC2154");
        assertThat(off.err()).doesNotContain("shellcheck");
        Result ignored = lint("--failure-threshold", "none", "--ignore", "SC2154", df.toString());
        assertThat(ignored.out()).doesNotContain("SC2154");
    }

    @Test
    void discoveryHonoursGitignore(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve(".git"));
        Files.writeString(dir.resolve(".gitignore"), "generated/\n*.tmp.Dockerfile\n");
        Files.writeString(dir.resolve("Dockerfile"), BAD);
        Files.createDirectories(dir.resolve("generated"));
        Files.writeString(dir.resolve("generated/Dockerfile"), BAD);
        Files.writeString(dir.resolve("x.tmp.Dockerfile"), BAD);
        Files.createDirectories(dir.resolve("svc"));
        Files.writeString(dir.resolve("svc/Dockerfile"), BAD);
        Files.writeString(dir.resolve("svc/.gitignore"), "Dockerfile\n");
        assertThat(LintCommand.discover(dir)).containsExactly(dir.resolve("Dockerfile"));
        // a file named on the command line is linted whatever .gitignore says
        assertThat(lint("--no-shellcheck", dir.resolve("generated/Dockerfile").toString()).out()).contains("LD004");
    }

    @Test
    void aDirectoryLintSeesEachDirectorysConfigAndIgnoreFilesFromItsListing(@TempDir Path dir) throws Exception {
        // the walk's listing answers "is there a .lading.yaml / .dockerignore here?": what it lists must count,
        // what it does not list must not, links included, as if every file were asked for on disk
        Path withConfig = Files.createDirectories(dir.resolve("a"));
        Files.writeString(withConfig.resolve("Dockerfile"), BAD);
        Files.writeString(withConfig.resolve(".lading.yaml"), "ignore: [LD004, DL3007]\n");
        Files.writeString(withConfig.resolve(".dockerignore"), ".git\n");
        Path linked = Files.createDirectories(dir.resolve("b"));
        Files.writeString(linked.resolve("app.Dockerfile"), BAD);
        Files.writeString(dir.resolve("shared.yaml"), "ignored: [DL3014]\n"); // hadolint's key
        Files.createSymbolicLink(linked.resolve(".hadolint.yaml"), dir.resolve("shared.yaml"));
        Files.writeString(linked.resolve("app.Dockerfile.dockerignore"), "*.log\n");
        Path bare = Files.createDirectories(dir.resolve("c"));
        Files.writeString(bare.resolve("Dockerfile"), BAD);
        Result r = lint("--no-shellcheck", "--format", "json", dir.toString());
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        JsonNode findings = new ObjectMapper().readTree(r.out());
        // every finding of a file, as "ID message" (a twin finding counts for each of its IDs)
        java.util.function.Function<String, java.util.List<String>> of = file -> {
            java.util.List<String> out = new java.util.ArrayList<>();
            for (JsonNode f : findings) {
                if (f.get("file").asText().endsWith(file)) {
                    f.get("codes").forEach(c -> out.add(c.asText() + " " + f.get("message").asText()));
                }
            }
            return out;
        };
        assertThat(of.apply("a/Dockerfile")).as("a's .lading.yaml ignores LD004").noneMatch(f -> f.startsWith("LD004"))
                .anyMatch(f -> f.startsWith("DL3014"))
                .as("a's .dockerignore is read").anyMatch(f -> f.startsWith("LD015 .dockerignore does not exclude"));
        assertThat(of.apply("b/app.Dockerfile")).as("b's linked .hadolint.yaml ignores DL3014")
                .noneMatch(f -> f.startsWith("DL3014")).anyMatch(f -> f.startsWith("LD004"))
                .anyMatch(f -> f.startsWith("LD015 app.Dockerfile.dockerignore does not exclude"));
        assertThat(of.apply("c/Dockerfile")).anyMatch(f -> f.startsWith("LD004")).anyMatch(f -> f.startsWith("DL3014"))
                .as("c has no ignore file").anyMatch(f -> f.startsWith("LD015 no .dockerignore"));
    }

    @Test
    void explainPrintsTheRulesPage() {
        Result r = lint("--explain", "DL3008");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("# DL3008").contains("## Bad").contains("## Good").contains("hadolint ignore=DL3008");
        assertThat(lint("--explain", "SC2086").out()).contains("ShellCheck");
        Result unknown = lint("--explain", "XX9999");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("no rule 'XX9999'");
    }

    private static final String COMPOSE = """
            services:
              web:
                image: nginx:latest
                privileged: true
                ports: ["8080:80"]
            """;

    @Test
    void composeFilesAreDiscoveredAndLintedWithTheRtRules(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve(".git"));
        Files.writeString(dir.resolve(".gitignore"), "generated/\n");
        Files.writeString(dir.resolve("Dockerfile"), BAD);
        Files.writeString(dir.resolve("compose.yaml"), COMPOSE);
        Files.createDirectories(dir.resolve("deploy"));
        Files.writeString(dir.resolve("deploy/docker-compose.prod.yml"), COMPOSE);
        Files.writeString(dir.resolve("deploy/values.yaml"), COMPOSE);
        Files.createDirectories(dir.resolve("generated"));
        Files.writeString(dir.resolve("generated/compose.yml"), COMPOSE);
        assertThat(LintCommand.discover(dir)).containsExactly(dir.resolve("Dockerfile"), dir.resolve("compose.yaml"),
                dir.resolve("deploy/docker-compose.prod.yml"));
        Result r = lint("--no-shellcheck", dir.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("compose.yaml:4:5 RT004 error: service 'web' runs privileged")
                .contains("compose.yaml:3:5 RT008 warning: ").contains("compose.yaml:5:13 RT005 warning: ")
                .contains("docker-compose.prod.yml:2:3 RT001 warning: ").contains("(see docs/rules/RT004.md)")
                .contains("Dockerfile:1:1 LD004/DL3007").doesNotContain("values.yaml").doesNotContain("generated");
        // configuration applies to compose files too; a pinned older profile does not get the new rules
        Files.writeString(dir.resolve(".lading.yaml"), "ignore: [RT004]\n");
        assertThat(lint("--no-shellcheck", dir.resolve("compose.yaml").toString()).out()).doesNotContain("RT004").contains("RT005");
        Files.writeString(dir.resolve(".lading.yaml"), "profile: \"2026.11\"\n");
        Result pinned = lint("--no-shellcheck", dir.resolve("compose.yaml").toString());
        assertThat(pinned.exitCode()).isZero();
        assertThat(pinned.out()).isEmpty();
    }

    @Test
    void composeFindingsInEveryFormatAndParseErrorsWithPosition(@TempDir Path dir) throws Exception {
        Path compose = Files.writeString(dir.resolve("docker-compose.yml"), COMPOSE);
        JsonNode sarif = new ObjectMapper().readTree(lint("--format", "sarif", compose.toString()).out());
        JsonNode run = sarif.get("runs").get(0);
        assertThat(run.get("tool").get("driver").get("rules").findValuesAsText("id")).contains("RT001", "RT008")
                .doesNotContain("LD004");
        assertThat(run.get("results").findValuesAsText("ruleId")).contains("RT004", "RT005");
        for (String format : new String[] {"json", "checkstyle", "gitlab"}) {
            assertThat(lint("--format", format, compose.toString()).out()).as(format).contains("RT004");
        }
        Path broken = Files.writeString(dir.resolve("compose.yml"), "services:\n  web:\n    image: \"nginx\n");
        Result r = lint(broken.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).containsPattern("compose.yml:[3-4]:[0-9]+ RT000 error: invalid YAML").doesNotContain("Exception");
        assertThat(r.err()).doesNotContain("shellcheck").doesNotContain("Exception");
        assertThat(lint("--explain", "RT003").out()).startsWith("# RT003").contains("no-new-privileges");
        // a baseline accepts compose findings as it does Dockerfile ones
        Path accepted = dir.resolve("baseline.json");
        assertThat(lint("--write-baseline", accepted.toString(), compose.toString()).exitCode()).isZero();
        Files.writeString(compose, "# a comment shifts every line\n" + COMPOSE);
        Result again = lint("--baseline", accepted.toString(), compose.toString());
        assertThat(again.exitCode()).as(again.out()).isZero();
        assertThat(again.out()).doesNotContain("RT00");
    }
}
