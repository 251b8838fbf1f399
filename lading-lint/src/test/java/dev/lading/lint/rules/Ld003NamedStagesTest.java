package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static dev.lading.lint.RuleTester.lint;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Ld003NamedStagesTest {
    private final Ld003NamedStages rule = new Ld003NamedStages();

    @Test
    void firesOnUnnamedAndUppercaseStages() {
        assertThat(lines(rule, "FROM golang:1.23 AS Build\nRUN true\nFROM alpine:3.20\n")).containsExactly(1, 3);
    }

    @Test
    void silentWhenAllNamedLowercase() {
        assertThat(lines(rule, "FROM golang:1.23 AS build\nFROM alpine:3.20 AS runtime\n")).isEmpty();
    }
}
