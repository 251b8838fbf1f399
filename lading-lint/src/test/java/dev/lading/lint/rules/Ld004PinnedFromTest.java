package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static dev.lading.lint.RuleTester.lint;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Ld004PinnedFromTest {
    private final Ld004PinnedFrom rule = new Ld004PinnedFrom();
    private static final String D = "@sha256:" + "a".repeat(64);

    @Test
    void firesOnTagOnlyLatestUntaggedAndDigestWithoutTag() {
        assertThat(lines(rule, "FROM debian:12\nFROM debian:latest\nFROM debian\nFROM debian" + D + "\n"))
                .containsExactly(1, 2, 3, 4);
    }

    @Test
    void judgesTheResolvedImage() {
        assertThat(lint(rule, "ARG IMAGE=debian:12\nFROM ${IMAGE}\n").get(0).message()).contains("'debian:12'");
    }

    @Test
    void silentOnPinnedScratchStagesAndUnresolved() {
        assertThat(lines(rule, "FROM debian:12" + D + " AS a\nFROM a\nFROM scratch\n")).isEmpty();
        assertThat(lines(rule, "ARG IMAGE\nFROM ${IMAGE}\n")).isEmpty();
        assertThat(lines(rule, "FROM registry.example.com:5000/team/app:1.2" + D + "\n")).isEmpty();
    }
}
