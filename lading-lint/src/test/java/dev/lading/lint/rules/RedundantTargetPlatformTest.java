package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lading.lint.Finding;
import dev.lading.lint.LintConfig;
import dev.lading.lint.Linter;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedundantTargetPlatformTest {
    private final RedundantTargetPlatform rule = new RedundantTargetPlatform();

    @Test
    void fires() {
        assertThat(lines(rule, """
                FROM --platform=$TARGETPLATFORM debian:12 AS a
                FROM --platform=${TARGETPLATFORM} debian:12 AS b
                FROM --platform=${TARGETPLATFORM:-linux/amd64} debian:12
                """)).containsExactly(1, 2, 3);
        assertThat(RuleTesterMessages.first(rule, "FROM --platform=$TARGETPLATFORM debian:12\n"))
                .startsWith("Setting platform to predefined $TARGETPLATFORM in FROM is redundant as this is the default behavior");
    }

    @Test
    void silent() {
        assertThat(lines(rule, """
                FROM --platform=$BUILDPLATFORM golang:1.23 AS build
                FROM --platform=linux/amd64 debian:12 AS x
                FROM --platform=${TARGETPLATFORM:+linux/arm64} debian:12 AS y
                FROM --platform=$TARGETOS/$TARGETARCH debian:12 AS z
                FROM debian:12
                """)).isEmpty();
    }

    @Test
    void showsOnceWithItsHadolintTwin() {
        List<Finding> fs = new Linter(List.of(rule, new Dl3065RedundantTargetPlatform()), LintConfig.empty())
                .lint("Dockerfile", "FROM --platform=$TARGETPLATFORM debian:12\n");
        assertThat(fs).hasSize(1);
        assertThat(fs.get(0).ruleId()).isEqualTo("DL3065");
        assertThat(fs.get(0).twins()).containsExactly("RedundantTargetPlatform");
    }
}
