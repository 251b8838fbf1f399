package dev.lading.lint.shellcheck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lading.dockerfile.DockerfileParser;
import dev.lading.dockerfile.SourceRange;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunScriptsTest {
    private static List<RunScripts.Script> scripts(String df) throws Exception {
        return RunScripts.of(DockerfileParser.parse("Dockerfile", df), df);
    }

    @Test
    void aScriptKeepsTheRunsLinesAndColumnsAndExportsTheStagesNames() throws Exception {
        String df = """
                ARG GLOBAL=1
                FROM debian:12
                ARG VERSION=1
                ENV APP_HOME=/app
                RUN --mount=type=cache,target=/root/.cache echo $foo \\
                # a comment BuildKit drops
                    && ls
                """;
        RunScripts.Script s = scripts(df).get(0);
        assertThat(s.script()).startsWith("#!/bin/sh\n").contains("export APP_HOME=1\n").contains("export VERSION=1\n")
                .contains("export HTTP_PROXY=1\n").doesNotContain("GLOBAL");
        List<String> own = s.script().lines().skip(s.headerLines()).toList();
        assertThat(own.get(0)).isEqualTo(" ".repeat(43) + "echo $foo \\");
        assertThat(own.get(1)).isEqualTo("\\");
        assertThat(own.get(2)).isEqualTo("    && ls");
        // "$foo" is at line 5, column 49 of the Dockerfile; in the script it is own line 1, same column
        SourceRange r = s.map(new ShellChecker.Comment(0, s.headerLines() + 1, 49, s.headerLines() + 1, 53, "warning", 2154, "m"));
        assertThat(r).isEqualTo(SourceRange.of(5, 49, 5, 53));
        assertThat(s.map(new ShellChecker.Comment(0, 1, 1, 1, 2, "error", 1008, "m")).start().line()).isEqualTo(5);
    }

    @Test
    void theShellInstructionPicksTheDialectAndOtherShellsAreLeftAlone() throws Exception {
        List<RunScripts.Script> s = scripts("""
                FROM debian:12
                SHELL ["/bin/bash", "-o", "pipefail", "-c"]
                RUN echo a
                SHELL ["pwsh", "-Command"]
                RUN Write-Host a
                RUN ["/bin/echo", "exec form is no script"]
                FROM debian:12
                RUN echo b
                """);
        assertThat(s).extracting(x -> x.script().lines().findFirst().orElseThrow()).containsExactly("#!/bin/bash", "#!/bin/sh");
        assertThat(s).extracting(RunScripts.Script::firstLine).containsExactly(3, 8);
    }

    @Test
    void aHereDocumentScriptIsCheckedFromItsBody() throws Exception {
        List<RunScripts.Script> s = scripts("""
                FROM debian:12
                RUN <<EOF
                set -e
                echo $x
                EOF
                RUN cat <<EOF > /etc/motd
                hello $USER
                EOF
                """);
        assertThat(s).hasSize(1);
        assertThat(s.get(0).firstLine()).isEqualTo(3);
        assertThat(s.get(0).script()).endsWith("set -e\necho $x\n");
    }
}
