package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static dev.lading.lint.RuleTester.lint;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Dl3025JsonCmdTest {
    private final Dl3025JsonCmd rule = new Dl3025JsonCmd();

    @Test
    void firesOnShellForm() {
        assertThat(lines(rule, "FROM a:1\nENTRYPOINT /app --flag\n")).containsExactly(2);
    }

    @Test
    void silentOnJson() {
        assertThat(lines(rule, "FROM a:1\nCMD [\"--help\"]\n")).isEmpty();
    }
}
