package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static dev.lading.lint.RuleTester.lint;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Dl3000AbsoluteWorkdirTest {
    private final Dl3000AbsoluteWorkdir rule = new Dl3000AbsoluteWorkdir();

    @Test
    void firesOnRelative() {
        assertThat(lines(rule, "FROM a:1\nWORKDIR app\nARG D=rel\nWORKDIR $D\n")).containsExactly(2, 4);
    }

    @Test
    void silentOnAbsoluteAndUnknown() {
        assertThat(lines(rule, "FROM a:1\nWORKDIR /app\nARG D=/x\nWORKDIR $D\nWORKDIR $UNKNOWN\n")).isEmpty();
    }
}
