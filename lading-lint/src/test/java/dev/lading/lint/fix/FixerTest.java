package dev.lading.lint.fix;

import static dev.lading.lint.fix.Fixes.DIGEST_A;
import static dev.lading.lint.fix.Fixes.DIGEST_B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lading.dockerfile.DockerfileParser;
import dev.lading.lint.Finding;
import dev.lading.lint.LintConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FixerTest {
    private static final List<String> LINES = List.of("FROM debian:12", "FROM debian:12 AS build", "FROM build",
            "FROM alpine:latest", "FROM ${IMG}", "ARG IMG", "FROM scratch", "RUN apt-get update && apt-get install -y curl",
            "RUN apt-get -y install \\\n  git \\\n  # vcs\n  make", "RUN apk add curl", "RUN apk --update add \\\n  tini",
            "COPY app /srv/app", "RUN chown -R 1000:1000 /srv/app", "RUN chmod -R 755 /srv/app", "WORKDIR /srv/app",
            "CMD node server.js", "CMD node \\\n  server.js", "ENTRYPOINT app run", "CMD a && b", "CMD [\"x\"]",
            "# a comment", "", "  ", "RUN <<EOF\napt-get install -y x\nEOF", "SHELL [\"/bin/bash\", \"-c\"]",
            "COPY --chown=1 a /srv/app", "# hadolint ignore=DL3015", "USER 1000", "RUN echo 'apt-get install x'",
            "RUN <<EOF\napk add curl\n# tools\nEOF", "FROM debian:12@sha256:" + "c".repeat(64), "# escape=`", "CMD app `\n  run");

    private static Path repo() {
        Path p = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(p.resolve("examples"))) {
            p = p.getParent();
        }
        return p;
    }

    /** Every Dockerfile the repository keeps as an example or test input, and this module's fix corpus. */
    static Stream<Path> corpus() throws IOException {
        Path repo = repo();
        List<Path> roots = List.of(repo.resolve("examples"), repo.resolve("lading-cli/src/test/resources"),
                repo.resolve("lading-lint/src/test/resources"));
        return roots.stream().filter(Files::isDirectory).flatMap(r -> {
            try {
                return Files.walk(r).filter(Files::isRegularFile)
                        .filter(f -> f.getFileName().toString().contains("Dockerfile")).sorted().toList().stream();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void theCorpusIsThere() throws IOException {
        assertThat(corpus().count()).isGreaterThanOrEqualTo(8);
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void fixingTwiceChangesNothingTheSecondTimeAndTheResultParses(Path file) throws Exception {
        String text = Files.readString(file);
        FixResult once = Fixes.all(text);
        DockerfileParser.parse("Dockerfile", once.fixed());
        FixResult twice = Fixes.all(once.fixed());
        assertThat(twice.fixed()).as(file.toString()).isEqualTo(once.fixed());
        assertThat(twice.applied()).isEmpty();
        assertThat(once.notes()).noneMatch(n -> n.contains("internal error"));
    }

    @Test
    void theWebExampleLosesEveryMechanicalFinding() throws Exception {
        // the chown/chmod -R of the build stage stay: that stage is only copied from, so LD012 does not report them
        Path file = repo().resolve("lading-lint/src/test/resources/fix/web.Dockerfile");
        FixResult r = Fixes.all(Files.readString(file));
        assertThat(r.fixed()).isEqualTo("""
                # syntax=docker/dockerfile:1
                FROM debian:12@%s AS build
                # tools for the build
                RUN apt-get update \\
                    # curl for the installer
                    && apt-get install --no-install-recommends -y \\
                       curl ca-certificates \\
                    && rm -rf /var/lib/apt/lists/*
                COPY app /srv/app
                RUN chown -R 1000:1000 /srv/app
                RUN chmod -R 0750 /srv/app

                FROM alpine:latest@%s
                RUN apk update && apk add --no-cache tini curl
                COPY --from=build /srv/app /srv/app
                USER 1000
                ENTRYPOINT ["tini", "--", "/srv/app/run"]
                """.formatted(DIGEST_A, DIGEST_B));
        assertThat(r.applied()).extracting(Change::ruleId)
                .containsExactlyInAnyOrder("LD001", "LD008", "LD007", "LD022", "LD004", "LD004");
        assertThat(r.remaining()).extracting(Finding::ruleId).doesNotContain("LD001", "LD008", "LD012", "LD022");
    }

    @Test
    void theCrlfAndBacktickExamplesKeepTheirBytes() throws Exception {
        Path dir = repo().resolve("lading-lint/src/test/resources/fix");
        String crlf = Fixes.all(Files.readString(dir.resolve("crlf.Dockerfile"))).fixed();
        assertThat(crlf).isEqualTo(("# syntax=docker/dockerfile:1\nFROM golang:1.22@%s AS build\nWORKDIR /src\nCOPY . .\n"
                + "RUN go build -o /out/app ./cmd/app\n\nFROM debian:12@%s\nRUN apt-get -y install --no-install-recommends \\\n"
                + "    libc6 && rm -rf /var/lib/apt/lists/*\nCOPY --from=build /out/app /usr/local/bin/app\nUSER 65532\n"
                + "CMD [\"app\", \"serve\", \"--port=8080\"]\n").formatted(DIGEST_B, DIGEST_A).replace("\n", "\r\n"));
        String tick = Fixes.all(Files.readString(dir.resolve("backtick.Dockerfile"))).fixed();
        // the registry does not know the image (a note, nothing pinned); a backslash path needs the shell's word splitting
        // only in shell form, so that CMD stays; the ENTRYPOINT meets a CMD and stays too
        assertThat(tick).isEqualTo("""
                # syntax=docker/dockerfile:1
                # escape=`
                FROM mcr.example.com/windows/servercore:ltsc2022
                RUN apt-get install --no-install-recommends -y curl `
                    git
                CMD C:\\app\\app.exe --serve
                COPY app C:/app
                ENTRYPOINT app.exe `
                    --serve
                """);
    }

    @Test
    void whatIsNotSafeToFixStaysWithItsFindings() throws Exception {
        String text = Files.readString(repo().resolve("lading-lint/src/test/resources/fix/unfixable.Dockerfile"));
        FixResult r = Fixes.all(text);
        assertThat(r.fixed()).isEqualTo(text);
        assertThat(r.applied()).isEmpty();
        assertThat(r.remaining()).extracting(Finding::ruleId).contains("LD012", "LD008", "LD004");
    }

    @Provide
    Arbitrary<String> dockerfiles() {
        return Arbitraries.of(LINES).list().ofMinSize(1).ofMaxSize(14).map(l -> String.join("\n", l) + "\n");
    }

    /** Random Dockerfiles: the fix never breaks one that parses, and a second run finds nothing more to do. */
    @Property(tries = 400)
    void idempotentAndNeverBreaksAParsableFile(@ForAll("dockerfiles") String text) {
        boolean parses;
        try {
            DockerfileParser.parse("Dockerfile", text);
            parses = true;
        } catch (Exception e) {
            parses = false;
        }
        FixResult once = Fixes.all(text);
        if (!parses) {
            assertThat(once.fixed()).isEqualTo(text);
            return;
        }
        assertThat(once.notes()).noneMatch(n -> n.contains("internal error"));
        FixResult twice = Fixes.all(once.fixed());
        assertThat(twice.fixed()).isEqualTo(once.fixed());
        // every comment line is still there, in order
        assertThat(once.fixed().lines().filter(l -> l.strip().startsWith("#") && !l.startsWith("# syntax=")).toList())
                .isEqualTo(text.lines().filter(l -> l.strip().startsWith("#")).toList());
    }

    /** CRLF files get the same fixes, with CRLF line endings in what is added. */
    @Property(tries = 200)
    void crlfFilesAreFixedLikeLfFiles(@ForAll("dockerfiles") String text) {
        String crlf = text.replace("\n", "\r\n");
        assertThat(Fixes.all(crlf).fixed()).isEqualTo(Fixes.all(text).fixed().replace("\n", "\r\n"));
    }

    @Test
    void aDockerignoreIsProposedOnlyWhenThereIsNoneAndKeepsWhatTheDockerfileCopies(@TempDir Path dir) throws Exception {
        Path df = Files.writeString(dir.resolve("Dockerfile"), "FROM debian:12\nCOPY target/app.jar /app.jar\nCOPY . /src\n");
        Fixer fixer = new Fixer(LintConfig.empty(), Set.of(), Optional.empty());
        FixResult r = fixer.fix(df, "Dockerfile");
        assertThat(r.dockerIgnore()).isPresent();
        String content = r.dockerIgnore().get().content();
        assertThat(content.lines()).contains(".git", ".env*", "*.pem", "*.key", "secrets/", "node_modules", ".venv", "__pycache__")
                .doesNotContain("target");
        assertThat(content).contains("# not excluded, because the Dockerfile copies from them: target");
        // LD015 still reports the one entry it could not add
        assertThat(r.remaining()).filteredOn(f -> f.ruleId().equals("LD015")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("target").doesNotContain(".git"));
        assertThat(Files.exists(dir.resolve(".dockerignore"))).isFalse(); // nothing written yet
        r.write();
        assertThat(Files.readString(dir.resolve(".dockerignore"))).isEqualTo(content);
        assertThat(fixer.fix(df, "Dockerfile").dockerIgnore()).isEmpty();

        Path other = Files.createDirectories(dir.resolve("other"));
        Path df2 = Files.writeString(other.resolve("Dockerfile"), "FROM debian:12\nCOPY . /src\n");
        FixResult all = fixer.fix(df2, "other/Dockerfile");
        assertThat(all.remaining()).extracting(Finding::ruleId).doesNotContain("LD015");
        assertThat(all.diff()).contains("--- /dev/null\n+++ b/other/.dockerignore\n@@ -0,0 +1,10 @@\n");
        // a new file applies to every Dockerfile of the directory: what the others copy is kept too
        Path shared = Files.createDirectories(dir.resolve("shared"));
        Files.writeString(shared.resolve("Dockerfile.node"), "FROM node:22\nCOPY node_modules /app/node_modules\n");
        Files.writeString(shared.resolve("Dockerfile.md"), "# not a Dockerfile\n");
        Path df4 = Files.writeString(shared.resolve("Dockerfile"), "FROM debian:12\nCOPY . /src\n");
        assertThat(fixer.fix(df4, "shared/Dockerfile").dockerIgnore().get().content().lines())
                .contains(".git", "target").doesNotContain("node_modules");
        Path df3 = Files.writeString(Files.createDirectories(dir.resolve("var")).resolve("Dockerfile"),
                "FROM debian:12\nARG SRC\nCOPY ${SRC} /src\n");
        assertThat(fixer.fix(df3, "var/Dockerfile").dockerIgnore()).isEmpty();
    }

    @Test
    void writingIsAtomicKeepsTheModeAndFollowsLinks(@TempDir Path dir) throws Exception {
        Path real = Files.writeString(dir.resolve("Dockerfile.real"), "FROM debian:12\nCMD app run\n");
        Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rwxr-x---"));
        Path link = Files.createSymbolicLink(dir.resolve("Dockerfile"), real.getFileName());
        Files.writeString(dir.resolve(".dockerignore"), ".git\n");
        FixResult r = new Fixer(LintConfig.empty(), Set.of("pin"), Optional.empty()).fix(link, "Dockerfile");
        r.write();
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).isEqualTo("# syntax=docker/dockerfile:1\nFROM debian:12\nCMD [\"app\", \"run\"]\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(real))).isEqualTo("rwxr-x---");
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).noneMatch(p -> p.getFileName().toString().endsWith(".lading-fix"));
        }
    }

    @Test
    void aFileChangedSinceItWasReadIsNotOverwritten(@TempDir Path dir) throws Exception {
        Path df = Files.writeString(dir.resolve("Dockerfile"), "FROM debian:12\nCMD app run\n");
        FixResult r = new Fixer(LintConfig.empty(), Set.of("pin", "dockerignore"), Optional.empty()).fix(df, "Dockerfile");
        Files.writeString(df, "FROM debian:12\nCMD other\n");
        assertThatThrownBy(r::write).isInstanceOf(IOException.class).hasMessageContaining("changed");
        assertThat(Files.readString(df)).isEqualTo("FROM debian:12\nCMD other\n");
    }

    @Test
    void invalidUtf8IsNotRewritten(@TempDir Path dir) throws Exception {
        byte[] bytes = "FROM debian:12\nLABEL x=\"\u00e9\"\nCMD app run\n".getBytes(StandardCharsets.ISO_8859_1);
        Path df = Files.write(dir.resolve("Dockerfile"), bytes);
        FixResult r = new Fixer(LintConfig.empty(), Set.of(), Optional.empty()).fix(df, "Dockerfile");
        assertThat(r.changed()).isFalse();
        assertThat(r.notes()).containsExactly("not fixed: the file is not valid UTF-8");
    }

    @Test
    void aRuleIgnoredWithAllItsTwinsIsNotFixed() {
        String text = "FROM debian:12\nRUN apt-get install -y curl\n";
        FixResult ignored = Fixes.all(LintConfig.empty().withIgnored(Set.of("LD007", "DL3015")), text);
        assertThat(ignored.fixed()).doesNotContain("--no-install-recommends");
        // hadolint's twin alone still asks for it
        FixResult twin = Fixes.all(LintConfig.empty().withIgnored(Set.of("LD007")), text);
        assertThat(twin.fixed()).contains("apt-get install --no-install-recommends -y curl");
    }

    @Test
    void anUnknownKindIsRefused() {
        assertThatThrownBy(() -> new Fixer(LintConfig.empty(), Set.of("everything"), Optional.empty()))
                .hasMessageContaining("syntax, exec-form");
    }
}
