package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WorkdirRelativePathTest {
    private final WorkdirRelativePath rule = new WorkdirRelativePath();

    @Test
    void fires() {
        assertThat(lines(rule, """
                FROM a:1
                WORKDIR app
                FROM a:1
                WORKDIR ./src
                """)).containsExactly(2, 4);
    }

    @Test
    void silent() {
        assertThat(lines(rule, """
                FROM a:1 AS base
                WORKDIR /app
                WORKDIR src
                FROM base
                WORKDIR lib
                FROM a:1
                ARG DIR
                WORKDIR $DIR
                """)).isEmpty();
    }
}
