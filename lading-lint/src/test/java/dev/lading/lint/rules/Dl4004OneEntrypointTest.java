package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Dl4004OneEntrypointTest {
    private final Dl4004OneEntrypoint rule = new Dl4004OneEntrypoint();

    @Test
    void firesOnTheSecondEntrypoint() {
        assertThat(lines(rule, "FROM a:1\nENTRYPOINT [\"a\"]\nENTRYPOINT [\"b\"]\n")).containsExactly(3);
    }

    @Test
    void silentOnePerStage() {
        assertThat(lines(rule, "FROM a:1 AS x\nENTRYPOINT [\"a\"]\nFROM b:1\nENTRYPOINT [\"b\"]\n")).isEmpty();
    }
}
