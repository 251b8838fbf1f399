package dev.lading.cli;

import static dev.lading.cli.LintCommandTest.lint;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lading.cli.LintCommandTest.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lading lint --fix} and {@code --fix --dry-run}, offline ({@code --fix-skip=pin} or unreachable registries). */
class LintFixCommandTest {
    private static final String BEFORE = """
            FROM debian:12 AS build
            # tools
            RUN apt-get update \\
             && apt-get install -y curl \\
             && rm -rf /var/lib/apt/lists/*
            COPY app /srv/app
            RUN chown -R 1000:1000 /srv/app
            USER 1000
            CMD /srv/app/run --port=8080
            """;
    private static final String AFTER = """
            # syntax=docker/dockerfile:1
            FROM debian:12 AS build
            # tools
            RUN apt-get update \\
             && apt-get install --no-install-recommends -y curl \\
             && rm -rf /var/lib/apt/lists/*
            COPY --chown=1000:1000 app /srv/app
            USER 1000
            CMD ["/srv/app/run", "--port=8080"]
            """;

    @Test
    void fixWritesTheFileAndReportsWhatRemains(@TempDir Path dir) throws Exception {
        Path df = Files.writeString(dir.resolve("Dockerfile"), BEFORE);
        Result r = lint("--fix", "--fix-skip=pin", "--no-shellcheck", df.toString());
        assertThat(Files.readString(df)).isEqualTo(AFTER);
        assertThat(Files.readString(dir.resolve(".dockerignore"))).contains(".git\n").contains("node_modules\n");
        assertThat(r.err()).contains("fixed 5 problem(s) in " + df + ": LD001, LD008, LD007, LD012, LD015 (.dockerignore created)");
        // what remains: the unpinned FROM (pinning was skipped), the unpinned apt package
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains(":2:1 LD004 ").contains("DL3008").doesNotContain("LD001").doesNotContain("LD008")
                .doesNotContain("LD012").doesNotContain("LD015");

        Result again = lint("--fix", "--fix-skip=pin", "--no-shellcheck", df.toString());
        assertThat(Files.readString(df)).isEqualTo(AFTER);
        assertThat(again.err()).doesNotContain("fixed");
        assertThat(again.out()).isEqualTo(r.out());
    }

    @Test
    void dryRunPrintsAUnifiedDiffAndWritesNothing(@TempDir Path dir) throws Exception {
        Path df = Files.writeString(dir.resolve("Dockerfile"), BEFORE);
        Result r = lint("--fix", "--dry-run", "--fix-skip=pin,dockerignore", "--no-shellcheck", df.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Files.readString(df)).isEqualTo(BEFORE);
        assertThat(Files.exists(dir.resolve(".dockerignore"))).isFalse();
        assertThat(r.out()).isEqualTo("""
                --- %1$s
                +++ %1$s
                @@ -1,9 +1,9 @@
                +# syntax=docker/dockerfile:1
                 FROM debian:12 AS build
                 # tools
                 RUN apt-get update \\
                - && apt-get install -y curl \\
                + && apt-get install --no-install-recommends -y curl \\
                  && rm -rf /var/lib/apt/lists/*
                -COPY app /srv/app
                -RUN chown -R 1000:1000 /srv/app
                +COPY --chown=1000:1000 app /srv/app
                 USER 1000
                -CMD /srv/app/run --port=8080
                +CMD ["/srv/app/run", "--port=8080"]
                """.formatted(df));
        assertThat(r.err()).contains("--dry-run: 4 change(s) in 1 Dockerfile(s) would be made; nothing was written");

        Result clean = lint("--fix", "--dry-run", "--fix-skip=pin", "--no-shellcheck",
                Files.writeString(dir.resolve("Dockerfile"), AFTER).toString());
        assertThat(clean.out()).doesNotContain("+++ " + df);
    }

    /** The README's example is real: its Dockerfile, fixed with the same options, gives the diff it shows. */
    @Test
    void theReadmeExampleIsWhatDryRunPrints(@TempDir Path dir) throws Exception {
        String readme = Files.readString(LintCommandTest.examples().getParent().resolve("README.md"));
        String command = "$ ./lading lint --fix --dry-run --fix-skip=pin Dockerfile\n";
        int start = readme.indexOf(command);
        assertThat(start).as("the README shows a --fix --dry-run example").isPositive();
        String diff = readme.substring(start + command.length(), readme.indexOf("```", start));
        String dockerfile = diff.substring(0, diff.indexOf("--- /dev/null")).lines()
                .filter(l -> l.startsWith(" ") || (l.startsWith("-") && !l.startsWith("---")))
                .map(l -> l.substring(1) + "\n").reduce("", String::concat);
        Path df = Files.writeString(dir.resolve("Dockerfile"), dockerfile);
        Result r = lint("--fix", "--dry-run", "--fix-skip=pin", "--no-shellcheck", df.toString());
        assertThat(r.out()).isEqualTo(diff.replace("a/Dockerfile", df.toString()).replace("b/Dockerfile", df.toString())
                .replace("b/.dockerignore", dir.resolve(".dockerignore").toString()));
    }

    @Test
    void aRegistryThatDoesNotAnswerIsANoteAndTheOtherFixesApply(@TempDir Path dir) throws Exception {
        // nothing listens on port 1: the connection is refused at once
        Path df = Files.writeString(dir.resolve("Dockerfile"), "FROM 127.0.0.1:1/team/base:1.0\nCMD app run\n");
        Files.writeString(dir.resolve(".dockerignore"), ".git\n");
        Result r = lint("--fix", "--no-shellcheck", df.toString());
        assertThat(Files.readString(df)).isEqualTo("# syntax=docker/dockerfile:1\nFROM 127.0.0.1:1/team/base:1.0\nCMD [\"app\", \"run\"]\n");
        assertThat(r.err()).contains(df + ": FROM 127.0.0.1:1/team/base:1.0: cannot resolve its digest (").contains("left unpinned");
        assertThat(r.out()).contains("LD004");
    }

    @Test
    void twoDockerfilesOfOneDirectoryShareOneNewDockerignore(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("Dockerfile"), "FROM debian:12\nCMD app run\n");
        Files.writeString(dir.resolve("Dockerfile.dev"), "FROM debian:12\nCMD app dev\n");
        Result dry = lint("--fix", "--dry-run", "--fix-skip=pin", "--no-shellcheck", dir.toString());
        assertThat(dry.out().split("\\+\\+\\+ " + java.util.regex.Pattern.quote(dir.resolve(".dockerignore").toString()), -1))
                .hasSize(2);
        assertThat(dry.err()).contains("5 change(s) in 2 Dockerfile(s)");
        Result r = lint("--fix", "--fix-skip=pin", "--no-shellcheck", dir.toString());
        assertThat(r.err()).contains("(.dockerignore created)").contains("Dockerfile.dev: LD001, LD008\n");
        assertThat(Files.readString(dir.resolve("Dockerfile.dev"))).endsWith("CMD [\"app\", \"dev\"]\n");
    }

    @Test
    void fixOptionsAreCheckedBeforeAnythingIsTouched(@TempDir Path dir) throws Exception {
        Path df = Files.writeString(dir.resolve("Dockerfile"), BEFORE);
        Result dry = lint("--dry-run", df.toString());
        assertThat(dry.exitCode()).isEqualTo(2);
        assertThat(dry.err()).contains("--dry-run goes with --fix");
        Result kind = lint("--fix", "--fix-skip=pin,everything", df.toString());
        assertThat(kind.exitCode()).isEqualTo(2);
        assertThat(kind.err()).contains("no fix kind 'everything'").contains("syntax, exec-form");
        assertThat(lint("--fix", "--write-baseline", dir.resolve("b.json").toString(), df.toString()).exitCode()).isEqualTo(2);
        assertThat(lint("--fix-skip=pin", df.toString()).exitCode()).isEqualTo(2);
        Cli.Result creds = Cli.run("lint", "--fix", "--creds", "no-password", df.toString());
        assertThat(creds.exitCode()).isEqualTo(2);
        assertThat(creds.err()).contains("--creds wants USER:PASSWORD");
        assertThat(Files.readString(df)).isEqualTo(BEFORE);
    }

    @Test
    void ignoredRulesAndComposeFilesAreNotFixed(@TempDir Path dir) throws Exception {
        Path df = Files.writeString(dir.resolve("Dockerfile"), "FROM debian:12\nCMD app run\n");
        Path compose = Files.writeString(dir.resolve("compose.yaml"), "services:\n  web:\n    image: nginx\n");
        Files.writeString(dir.resolve(".dockerignore"), ".git\n");
        lint("--fix", "--fix-skip=pin", "--ignore", "LD008", "--ignore", "DL3025", "--ignore", "JSONArgsRecommended",
                "--no-shellcheck", dir.toString());
        assertThat(Files.readString(df)).isEqualTo("# syntax=docker/dockerfile:1\nFROM debian:12\nCMD app run\n");
        assertThat(Files.readString(compose)).isEqualTo("services:\n  web:\n    image: nginx\n");
    }
}
