package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static dev.lading.lint.RuleTester.lint;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Dl3059ConsecutiveRunTest {
    private final Dl3059ConsecutiveRun rule = new Dl3059ConsecutiveRun();

    @Test
    void firesOnConsecutiveRunsWithSameFlags() {
        assertThat(lines(rule, "FROM a:1\nRUN a\nRUN b\nRUN c\n")).containsExactly(3, 4);
    }

    @Test
    void silentWhenSeparatedOrFlagsDiffer() {
        assertThat(lines(rule, "FROM a:1\nRUN a\nCOPY x /x\nRUN b\nRUN --mount=type=cache,target=/c c\n")).isEmpty();
        assertThat(lines(rule, "FROM a:1 AS x\nRUN a\nFROM b:1\nRUN b\n")).isEmpty();
    }
}
