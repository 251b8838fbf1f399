package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Dl3065RedundantTargetPlatformTest {
    private final Dl3065RedundantTargetPlatform rule = new Dl3065RedundantTargetPlatform();

    @Test
    void fires() {
        assertThat(lines(rule, """
                FROM --platform=$TARGETPLATFORM debian:12 AS a
                FROM --platform=${TARGETPLATFORM} debian:12
                """)).containsExactly(1, 2);
    }

    @Test
    void silent() {
        assertThat(lines(rule, """
                FROM --platform=$BUILDPLATFORM golang:1.23 AS build
                FROM --platform=linux/amd64 debian:12 AS x
                FROM debian:12
                """)).isEmpty();
    }
}
