package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static dev.lading.lint.RuleTester.lint;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DuplicateStageNameTest {
    private final DuplicateStageName rule = new DuplicateStageName();

    @Test
    void firesOnRepeatedNamesIgnoringCase() {
        assertThat(lines(rule, "FROM a:1 AS b\nFROM a:1 AS B\n")).containsExactly(2);
    }

    @Test
    void silentWhenUnique() {
        assertThat(lines(rule, "FROM a:1 AS b\nFROM a:1 AS c\nFROM a:1\nFROM a:1\n")).isEmpty();
    }
}
