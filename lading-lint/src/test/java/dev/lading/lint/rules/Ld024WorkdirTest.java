package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static dev.lading.lint.RuleTester.lint;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Ld024WorkdirTest {
    private final Ld024Workdir rule = new Ld024Workdir();

    @Test
    void firesOnRelativeWorkdirAndRelativeCopyBeforeWorkdir() {
        assertThat(lines(rule, "FROM a:1\nCOPY app.jar app.jar\nWORKDIR app\n")).containsExactly(2, 3);
    }

    @Test
    void silentWithAbsoluteWorkdirFirstOrInheritedOrUnknown() {
        assertThat(lines(rule, "FROM a:1 AS b\nWORKDIR /src\nCOPY . .\nFROM b\nCOPY x y\nFROM c:1\nCOPY x /abs/\n")).isEmpty();
        assertThat(lines(rule, "FROM a:1\nWORKDIR $HOME\nCOPY x .\nWORKDIR C:\\\\app\n")).isEmpty();
    }
}
