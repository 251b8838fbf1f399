package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static dev.lading.lint.RuleTester.lint;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Dl3006UntaggedImageTest {
    private final Dl3006UntaggedImage rule = new Dl3006UntaggedImage();

    @Test
    void firesOnUntagged() {
        assertThat(lines(rule, "FROM debian\nFROM localhost:5000/app\n")).containsExactly(1, 2);
    }

    @Test
    void silentOnTaggedDigestScratchAndStageReferences() {
        assertThat(lines(rule, "FROM debian:12 AS base\nFROM base\nFROM scratch\nFROM debian@sha256:" + "b".repeat(64) + "\n"))
                .isEmpty();
        assertThat(lines(rule, "ARG V\nFROM debian${V}\n")).isEmpty();
    }
}
