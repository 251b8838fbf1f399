package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static dev.lading.lint.RuleTester.lint;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReservedStageNameTest {
    private final ReservedStageName rule = new ReservedStageName();

    @Test
    void firesOnReservedNames() {
        assertThat(lines(rule, "FROM a:1 AS scratch\nFROM a:1 AS context\n")).containsExactly(1, 2);
    }

    @Test
    void silentOtherwise() {
        assertThat(lines(rule, "FROM scratch AS base\n")).isEmpty();
    }
}
