package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static dev.lading.lint.RuleTester.lint;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Ld013HealthcheckTest {
    private final Ld013Healthcheck rule = new Ld013Healthcheck();

    @Test
    void firesWithoutHealthcheckOrInShellForm() {
        assertThat(lines(rule, "FROM a:1 AS b\nHEALTHCHECK CMD [\"/x\"]\nFROM c:1\n")).containsExactly(3);
        assertThat(lines(rule, "FROM a:1\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1\n")).containsExactly(2);
    }

    @Test
    void silentWithExecFormOrNone() {
        assertThat(lines(rule, "FROM a:1\nHEALTHCHECK --interval=5s CMD [\"/app\", \"health\"]\n")).isEmpty();
        assertThat(lines(rule, "FROM a:1\nHEALTHCHECK NONE\n")).isEmpty();
    }
}
