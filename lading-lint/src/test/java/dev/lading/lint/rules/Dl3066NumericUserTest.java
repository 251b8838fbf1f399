package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Dl3066NumericUserTest {
    private final Dl3066NumericUser rule = new Dl3066NumericUser();

    @Test
    void fires() {
        assertThat(lines(rule, """
                FROM debian:12
                USER app
                USER root:0
                ARG NAME=svc
                USER $NAME
                """)).containsExactly(2, 3, 5);
    }

    @Test
    void silent() {
        assertThat(lines(rule, """
                FROM debian:12
                USER 10001
                USER 10001:app
                ARG UID
                USER $UID
                """)).isEmpty();
    }
}
