package dev.lading.lint.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lading.lint.BaseImagePlatforms;
import dev.lading.lint.Finding;
import dev.lading.lint.LintConfig;
import dev.lading.lint.Linter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InvalidBaseImagePlatformTest {
    private final InvalidBaseImagePlatform rule = new InvalidBaseImagePlatform();

    private List<Finding> lint(String df, BaseImagePlatforms platforms) {
        return new Linter(List.of(rule), LintConfig.empty()).lint("Dockerfile", df, Optional.empty(), Optional.empty(), platforms);
    }

    @Test
    void firesWhenTheResolvedBaseImageHasAnotherOsOrArchitecture() {
        String df = """
                ARG BASE=example.com/tools:1
                FROM ${BASE} AS tools
                FROM debian:12
                """;
        List<Finding> fs = lint(df, new BaseImagePlatforms(Optional.of("linux/arm64"),
                Map.of("example.com/tools:1", "linux/amd64", "debian:12", "linux/arm64/v8")));
        assertThat(fs).extracting(Finding::line).containsExactly(2);
        assertThat(fs.get(0).message()).startsWith(
                "Base image example.com/tools:1 was pulled with platform \"linux/amd64\", expected \"linux/arm64\" for current build");
    }

    @Test
    void aConstantFromPlatformIsWhatTheStageExpects() {
        String df = "FROM --platform=linux/amd64 debian:12 AS a\nFROM --platform=linux/amd64 alpine:3 AS b\n";
        List<Finding> fs = lint(df, new BaseImagePlatforms(Optional.of("linux/arm64"),
                Map.of("debian:12", "linux/amd64", "alpine:3", "linux/s390x")));
        assertThat(fs).extracting(Finding::line).containsExactly(2);
    }

    @Test
    void silentWithoutResolvedPlatformsAsInPlainLint() {
        String df = "FROM debian:12\n";
        assertThat(lint(df, BaseImagePlatforms.UNKNOWN)).isEmpty();
        assertThat(new Linter(List.of(rule), LintConfig.empty()).lint("Dockerfile", df)).isEmpty();
        // no requested platform and no --platform: nothing to compare against
        assertThat(lint(df, new BaseImagePlatforms(Optional.empty(), Map.of("debian:12", "linux/amd64")))).isEmpty();
    }

    @Test
    void silentWhenOnlyTheVariantDiffersOrTheBaseIsAStage() {
        String df = "FROM debian:12 AS base\nFROM base\nFROM scratch\n";
        assertThat(lint(df, new BaseImagePlatforms(Optional.of("linux/arm/v7"),
                Map.of("debian:12", "linux/arm/v6", "base", "linux/amd64", "scratch", "linux/amd64")))).isEmpty();
    }
}
