package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Dl3045CopyRelativeDestinationTest {
    private final Dl3045CopyRelativeDestination rule = new Dl3045CopyRelativeDestination();

    @Test
    void fires() {
        assertThat(lines(rule, """
                FROM a:1
                COPY app.jar app.jar
                FROM b:1
                COPY . ./src/
                """)).containsExactly(2, 4);
    }

    @Test
    void silent() {
        assertThat(lines(rule, """
                FROM a:1 AS base
                WORKDIR /app
                COPY app.jar app.jar
                FROM base
                COPY x y
                FROM b:1
                COPY x /opt/x
                ARG D
                COPY y $D
                """)).isEmpty();
    }
}
