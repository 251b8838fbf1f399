package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Dl3044EnvSelfReferenceTest {
    private final Dl3044EnvSelfReference rule = new Dl3044EnvSelfReference();

    @Test
    void fires() {
        assertThat(lines(rule, """
                FROM a:1
                ENV HOME_DIR=/app CONF=${HOME_DIR}/conf
                ENV X=1 \
                    Y=$X
                """)).containsExactly(2, 3);
    }

    @Test
    void silent() {
        assertThat(lines(rule, """
                FROM a:1 AS base
                ENV A=1
                ENV A=2 B=$A
                ENV PATH=/opt/bin:$PATH
                ENV C=1
                ENV D=$C G=1 H=\\$G
                FROM base
                ENV A=3 F=$A
                """)).isEmpty();
    }
}
