package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lading.lint.Finding;
import dev.lading.lint.LintConfig;
import dev.lading.lint.Linter;
import java.util.List;
import org.junit.jupiter.api.Test;

class FromPlatformFlagConstDisallowedTest {
    private final FromPlatformFlagConstDisallowed rule = new FromPlatformFlagConstDisallowed();

    @Test
    void fires() {
        assertThat(lines(rule, """
                FROM --platform=linux/amd64 alpine AS base
                FROM --platform=linux/arm64/v8 alpine
                FROM --platform=linux/x86_64 alpine AS build
                FROM --platform=arm64 alpine AS other
                """)).containsExactly(1, 2, 3, 4);
        assertThat(RuleTesterMessages.first(rule, "FROM --platform=linux/amd64 alpine AS base\n"))
                .startsWith("FROM --platform flag should not use constant value \"linux/amd64\"");
    }

    @Test
    void silent() {
        assertThat(lines(rule, """
                FROM alpine AS plain
                FROM --platform=$BUILDPLATFORM alpine AS a
                FROM --platform=${TARGETOS}/amd64 alpine AS b
                FROM --platform=linux/amd64 alpine AS build_amd64
                FROM --platform=linux/arm64 alpine AS Build-ARM64
                FROM --platform=linux/x86_64 alpine AS amd64-tools
                FROM --platform=windows/amd64 alpine AS windows-build
                FROM --platform=not/a/valid/platform alpine AS c
                FROM --platform=linux/amd64! alpine AS d
                """)).isEmpty();
    }

    @Test
    void showsOnceWithHadolintsDl3029WhereBothFire() {
        List<Finding> fs = new Linter(List.of(rule, new Dl3029FromPlatform()), LintConfig.empty())
                .lint("Dockerfile", "FROM --platform=linux/amd64 alpine AS base\nFROM --platform=linux/amd64 alpine AS build_amd64\n");
        assertThat(fs).extracting(f -> f.ruleId() + "@" + f.line() + f.twins()).containsExactly(
                "DL3029@1[FromPlatformFlagConstDisallowed]", "DL3029@2[]");
    }
}
