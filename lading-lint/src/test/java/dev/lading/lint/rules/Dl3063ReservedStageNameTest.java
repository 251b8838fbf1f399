package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Dl3063ReservedStageNameTest {
    private final Dl3063ReservedStageName rule = new Dl3063ReservedStageName();

    @Test
    void fires() {
        assertThat(lines(rule, "FROM debian:12 AS scratch\nFROM debian:12 AS context\n")).containsExactly(1, 2);
    }

    @Test
    void silent() {
        assertThat(lines(rule, "FROM scratch\nFROM debian:12 AS build\n")).isEmpty();
    }
}
