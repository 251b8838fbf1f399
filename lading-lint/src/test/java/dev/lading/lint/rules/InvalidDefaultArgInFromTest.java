package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InvalidDefaultArgInFromTest {
    private final InvalidDefaultArgInFrom rule = new InvalidDefaultArgInFrom();

    @Test
    void firesWhenAnUnsetArgLeavesAnInvalidName() {
        assertThat(lines(rule, "ARG TAG\nFROM alpine:${TAG}\n")).containsExactly(2);
        assertThat(lines(rule, "ARG IMAGE\nFROM $IMAGE AS b\n")).containsExactly(2);
    }

    @Test
    void silentWhenTheDefaultsMakeAValidName() {
        assertThat(lines(rule, """
                ARG REGISTRY
                ARG TAG=3.20
                ARG V
                FROM ${REGISTRY}alpine:${TAG}
                FROM alpine:${V:-3.20}
                FROM --platform=$BUILDPLATFORM alpine:3.20
                FROM busybox:${UNDECLARED}
                """)).isEmpty();
    }
}
