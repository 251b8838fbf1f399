package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static dev.lading.lint.RuleTester.lint;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Ld008ExecFormTest {
    private final Ld008ExecForm rule = new Ld008ExecForm();

    @Test
    void firesOnShellForm() {
        assertThat(lines(rule, "FROM a:1\nCMD node server.js\nENTRYPOINT exec /app\n")).containsExactly(2, 3);
    }

    @Test
    void silentOnExecForm() {
        assertThat(lines(rule, "FROM a:1\nCMD [\"node\", \"server.js\"]\nENTRYPOINT [\"/app\"]\nRUN echo shell is fine here\n"))
                .isEmpty();
    }
}
