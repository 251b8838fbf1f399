package dev.lading.lint.fix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lading.dockerfile.Cmd;
import dev.lading.dockerfile.CommandForm;
import dev.lading.dockerfile.DockerfileParser;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExecFormFixTest {
    private static String fix(String text) {
        return Fixes.only("exec-form", text);
    }

    @Test
    void aPlainCommandBecomesJson() {
        assertThat(fix("FROM debian:12\nCMD node server.js --port=8080\n"))
                .isEqualTo("FROM debian:12\nCMD [\"node\", \"server.js\", \"--port=8080\"]\n");
        assertThat(fix("FROM debian:12\nENTRYPOINT /usr/local/bin/app serve\n"))
                .isEqualTo("FROM debian:12\nENTRYPOINT [\"/usr/local/bin/app\", \"serve\"]\n");
    }

    @Test
    void continuationLinesCommentsAndCrlfStayWhereTheyAre() throws Exception {
        String fixed = fix("FROM debian:12\r\n# run it\r\nCMD   node \\\r\n# the script\r\n    server.js\r\nUSER 1000\r\n");
        assertThat(fixed).isEqualTo("FROM debian:12\r\n# run it\r\nCMD   [\"node\", \\\r\n# the script\r\n    \"server.js\"]\r\nUSER 1000\r\n");
        Cmd cmd = (Cmd) DockerfileParser.parse("Dockerfile", fixed).stages().get(0).instructions().get(0);
        assertThat(cmd.command()).contains(new CommandForm.ExecForm(List.of("node", "server.js")));
    }

    @Test
    void theBacktickEscapeContinuesLinesToo() throws Exception {
        String fixed = fix("# escape=`\nFROM debian:12\nCMD app `\n  --serve\n");
        assertThat(fixed).isEqualTo("# escape=`\nFROM debian:12\nCMD [\"app\", `\n  \"--serve\"]\n");
        Cmd cmd = (Cmd) DockerfileParser.parse("Dockerfile", fixed).stages().get(0).instructions().get(0);
        assertThat(cmd.command()).contains(new CommandForm.ExecForm(List.of("app", "--serve")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"CMD node $APP", "CMD node ${APP}", "CMD a && b", "CMD a; b", "CMD a | b", "CMD app > log",
            "CMD app 2>&1", "CMD \"app\"", "CMD 'app'", "CMD ls *.txt", "CMD ls ?", "CMD cd /srv", "CMD exec app",
            "CMD FOO=1 app", "CMD app \\\\n", "CMD echo hi", "CMD ~/bin/app", "CMD app #x", "CMD $(which app)"})
    void commandsThatNeedTheShellStay(String cmd) {
        String text = "FROM debian:12\n" + cmd + "\n";
        assertThat(fix(text)).isEqualTo(text);
    }

    @Test
    void aShellInstructionOrACmdBesideAnEntrypointStopsIt() {
        String shell = "FROM debian:12\nSHELL [\"pwsh\", \"-c\"]\nCMD app run\n";
        assertThat(fix(shell)).isEqualTo(shell);
        // in shell form the CMD is ignored; in exec form it would become the ENTRYPOINT's arguments
        String both = "FROM debian:12\nENTRYPOINT app serve\nCMD [\"--port\", \"80\"]\n";
        assertThat(fix(both)).isEqualTo(both);
        String later = "FROM debian:12 AS base\nENTRYPOINT app serve\nFROM base\nCMD [\"x\"]\n";
        assertThat(fix(later)).isEqualTo(later);
    }
}
