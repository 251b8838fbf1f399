package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Dl3012OneHealthcheckTest {
    private final Dl3012OneHealthcheck rule = new Dl3012OneHealthcheck();

    @Test
    void firesOnTheSecond() {
        assertThat(lines(rule, "FROM a:1\nHEALTHCHECK NONE\nHEALTHCHECK CMD [\"x\"]\n")).containsExactly(3);
    }

    @Test
    void silentOnePerStage() {
        assertThat(lines(rule, "FROM a:1 AS b\nHEALTHCHECK NONE\nFROM b\nHEALTHCHECK CMD [\"x\"]\n")).isEmpty();
    }
}
