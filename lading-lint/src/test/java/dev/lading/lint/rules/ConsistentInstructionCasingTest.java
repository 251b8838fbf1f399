package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static dev.lading.lint.RuleTester.lint;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConsistentInstructionCasingTest {
    private final ConsistentInstructionCasing rule = new ConsistentInstructionCasing();

    @Test
    void firesOnMinorityAndMixedCasing() {
        assertThat(lines(rule, "FROM a:1\nrun true\nRUN true\nCopy x /x\n")).containsExactly(2, 4);
        assertThat(lint(rule, "from a:1\nrun true\nRUN true\n").get(0).message()).contains("lowercase");
    }

    @Test
    void silentWhenConsistent() {
        assertThat(lines(rule, "from a:1\nrun true\n")).isEmpty();
        assertThat(lines(rule, "FROM a:1\nRUN true\n")).isEmpty();
    }
}
