package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static dev.lading.lint.RuleTester.lint;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Dl3007LatestTagTest {
    private final Dl3007LatestTag rule = new Dl3007LatestTag();

    @Test
    void firesOnLatest() {
        assertThat(lines(rule, "FROM debian:latest\n")).containsExactly(1);
        assertThat(lines(rule, "ARG TAG=latest\nFROM debian:${TAG}\n")).containsExactly(2);
    }

    @Test
    void silentOnVersionsAndPinnedLatest() {
        assertThat(lines(rule, "FROM debian:12\nFROM debian:latest@sha256:" + "c".repeat(64) + "\n")).isEmpty();
    }
}
