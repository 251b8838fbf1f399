package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static dev.lading.lint.RuleTester.lint;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StageNameCasingTest {
    private final StageNameCasing rule = new StageNameCasing();

    @Test
    void firesOnMixedCase() {
        assertThat(lines(rule, "FROM a:1 AS Build\n")).containsExactly(1);
        assertThat(rule.docUrl()).isEqualTo("https://docs.docker.com/reference/build-checks/stage-name-casing/");
    }

    @Test
    void silentOnLowercaseOrUnnamed() {
        assertThat(lines(rule, "FROM a:1 AS build\nFROM b:1\n")).isEmpty();
    }
}
