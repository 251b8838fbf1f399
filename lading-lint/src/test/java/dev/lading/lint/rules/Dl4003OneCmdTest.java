package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Dl4003OneCmdTest {
    private final Dl4003OneCmd rule = new Dl4003OneCmd();

    @Test
    void firesOnTheSecondCmd() {
        assertThat(lines(rule, "FROM a:1\nCMD [\"a\"]\nCMD [\"b\"]\n")).containsExactly(3);
    }

    @Test
    void silentOnePerStage() {
        assertThat(lines(rule, "FROM a:1 AS x\nCMD [\"a\"]\nFROM x\nCMD [\"b\"]\n")).isEmpty();
    }
}
