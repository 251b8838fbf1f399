package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UndefinedArgInFromTest {
    private final UndefinedArgInFrom rule = new UndefinedArgInFrom();

    @Test
    void firesOnAnUndeclaredArg() {
        assertThat(lines(rule, "ARG TAG=12\nFROM debian:${TAGG}\n")).containsExactly(2);
    }

    @Test
    void firesWhenTheArgIsDeclaredOnlyInsideAStage() {
        assertThat(lines(rule, "FROM a:1\nARG IMG=b:2\nFROM ${IMG}\n")).containsExactly(3);
    }

    @Test
    void silentForGlobalArgsWithOrWithoutDefaultAndPlatformArgs() {
        assertThat(lines(rule, """
                ARG TAG=12
                ARG REGISTRY
                FROM --platform=$BUILDPLATFORM ${REGISTRY}debian:${TAG} AS b
                FROM debian:$TAG
                """)).isEmpty();
    }
}
