package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Dl4001WgetOrCurlTest {
    private final Dl4001WgetOrCurl rule = new Dl4001WgetOrCurl();

    @Test
    void firesFromTheRunWhereTheSecondToolAppears() {
        assertThat(lines(rule, """
                FROM a:1
                RUN curl -fsSL https://x/a -o a
                RUN echo unrelated
                RUN wget -q https://x/b
                RUN curl -fsSL https://x/c -o c
                """)).containsExactly(4, 5);
        assertThat(lines(rule, "FROM a:1\nRUN curl -fsO https://x/a && wget -q https://x/b\n")).containsExactly(2);
    }

    @Test
    void silentWhenStagesUseOneToolEach() {
        assertThat(lines(rule, "FROM a:1 AS a\nRUN curl -fsO https://x/a\nFROM b:1\nRUN wget -q https://x/b\n")).isEmpty();
        assertThat(lines(rule, "FROM a:1\nRUN curl -fsO https://x/a\nRUN curl -fsO https://x/b\n")).isEmpty();
    }
}
