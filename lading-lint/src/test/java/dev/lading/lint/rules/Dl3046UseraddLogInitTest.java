package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Dl3046UseraddLogInitTest {
    private final Dl3046UseraddLogInit rule = new Dl3046UseraddLogInit();

    @Test
    void fires() {
        assertThat(lines(rule, """
                FROM a:1
                RUN useradd -u 123456 app
                RUN useradd --uid=1000000 -m app2
                """)).containsExactly(2, 3);
    }

    @Test
    void silent() {
        assertThat(lines(rule, """
                FROM a:1
                RUN useradd -l -u 123456 app
                RUN useradd --no-log-init --uid 1000000 app2
                RUN useradd -u 10001 app3
                ARG UID
                RUN useradd -u $UID app4
                """)).isEmpty();
    }
}
