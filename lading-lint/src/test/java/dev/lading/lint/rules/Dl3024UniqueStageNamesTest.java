package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Dl3024UniqueStageNamesTest {
    private final Dl3024UniqueStageNames rule = new Dl3024UniqueStageNames();

    @Test
    void firesOnDuplicates() {
        assertThat(lines(rule, "FROM a:1 AS x\nFROM b:1 AS X\n")).containsExactly(2);
    }

    @Test
    void silentWhenUnique() {
        assertThat(lines(rule, "FROM a:1 AS x\nFROM b:1 AS y\n")).isEmpty();
    }
}
