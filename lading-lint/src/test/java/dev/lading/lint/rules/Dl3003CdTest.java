package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static dev.lading.lint.RuleTester.lint;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Dl3003CdTest {
    private final Dl3003Cd rule = new Dl3003Cd();

    @Test
    void firesOnCd() {
        assertThat(lines(rule, "FROM a:1\nRUN cd /tmp && curl -O x\n")).containsExactly(2);
    }

    @Test
    void silentWithoutCd() {
        assertThat(lines(rule, "FROM a:1\nRUN echo 'cd /tmp'\n")).isEmpty();
    }
}
