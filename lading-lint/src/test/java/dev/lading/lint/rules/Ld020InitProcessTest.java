package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Ld020InitProcessTest {
    private final Ld020InitProcess rule = new Ld020InitProcess();

    @Test
    void firesOnAShellWrapperAsPid1() {
        assertThat(lines(rule, "FROM a:1\nCMD [\"sh\", \"-c\", \"migrate && serve\"]\n")).containsExactly(2);
        assertThat(lines(rule, "FROM a:1\nENTRYPOINT [\"/bin/bash\", \"-c\", \"worker & server\"]\n")).containsExactly(2);
    }

    @Test
    void silentWhenTheScriptExecsOrAnInitRunsIt() {
        assertThat(lines(rule, "FROM a:1\nCMD [\"sh\", \"-c\", \"migrate && exec serve --port 80\"]\n")).isEmpty();
        assertThat(lines(rule, "FROM a:1\nENTRYPOINT [\"tini\", \"--\", \"sh\", \"-c\", \"a && b\"]\n")).isEmpty();
        assertThat(lines(rule, "FROM a:1\nCMD [\"sh\", \"-c\", \"serve\"]\n")).isEmpty();
        assertThat(lines(rule, "FROM a:1\nENTRYPOINT [\"/docker-entrypoint.sh\"]\nCMD [\"serve\"]\n")).isEmpty();
        assertThat(lines(rule, "FROM a:1\nCMD [\"sh\", \"-c\", \"a && b\"]\nFROM b:1\nCMD [\"serve\"]\n")).isEmpty();
    }
}
