package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Dl3047WgetProgressTest {
    private final Dl3047WgetProgress rule = new Dl3047WgetProgress();

    @Test
    void firesWithoutProgressOrQuiet() {
        assertThat(lines(rule, "FROM a:1\nRUN wget https://x/a.tgz\nRUN wget -O /tmp/a https://x/a\n")).containsExactly(2, 3);
    }

    @Test
    void silentWithProgressQuietOrALogFile() {
        assertThat(lines(rule, """
                FROM a:1
                RUN wget --progress=dot:giga https://x/a
                RUN wget -q https://x/a && wget -qO- https://x/b
                RUN wget -nv https://x/a && wget --no-verbose https://x/a
                RUN wget -o /tmp/log https://x/a && curl -O https://x/c
                """)).isEmpty();
    }
}
