package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static dev.lading.lint.RuleTester.lint;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FromAsCasingTest {
    private final FromAsCasing rule = new FromAsCasing();

    @Test
    void firesWhenCasingDiffers() {
        assertThat(lines(rule, "FROM a:1 as build\nfrom b:1 AS other\n")).containsExactly(1, 2);
    }

    @Test
    void silentWhenCasingMatches() {
        assertThat(lines(rule, "FROM a:1 AS build\nfrom b:1 as other\nFROM c:1\n")).isEmpty();
    }
}
