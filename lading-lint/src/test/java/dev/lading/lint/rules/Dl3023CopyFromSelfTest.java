package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Dl3023CopyFromSelfTest {
    private final Dl3023CopyFromSelf rule = new Dl3023CopyFromSelf();

    @Test
    void firesOnSelfReference() {
        assertThat(lines(rule, "FROM a:1 AS app\nCOPY --from=App /x /x\n")).containsExactly(2);
    }

    @Test
    void silentOtherwise() {
        assertThat(lines(rule, "FROM a:1 AS b\nFROM a:1 AS app\nCOPY --from=b /x /x\n")).isEmpty();
    }
}
