package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Dl3048LabelKeyTest {
    private final Dl3048LabelKey rule = new Dl3048LabelKey();

    @Test
    void fires() {
        assertThat(lines(rule, """
                FROM a:1
                LABEL Version=1
                LABEL com.docker.x=1 org..example=2
                LABEL my_label=1 org.example-=3
                """)).containsExactly(2, 3, 3, 4, 4);
    }

    @Test
    void silent() {
        assertThat(lines(rule, """
                FROM a:1
                LABEL org.opencontainers.image.version=1 com.example.build-id=2 version=3
                ARG K
                LABEL $K=1
                """)).isEmpty();
    }
}
