package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static dev.lading.lint.RuleTester.lint;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Ld001SyntaxDirectiveTest {
    private final Ld001SyntaxDirective rule = new Ld001SyntaxDirective();

    @Test
    void firesWithoutSyntaxDirective() {
        assertThat(lines(rule, "FROM alpine:3.20\n")).containsExactly(1);
        assertThat(lint(rule, "# a comment\nFROM alpine:3.20\n").get(0).message()).contains("# syntax=docker/dockerfile:1");
    }

    @Test
    void silentWithDirective() {
        assertThat(lines(rule, "# syntax=docker/dockerfile:1\nFROM alpine:3.20\n")).isEmpty();
        assertThat(lines(rule, "# escape=`\n# syntax=docker/dockerfile:1.7\nFROM alpine:3.20\n")).isEmpty();
    }
}
