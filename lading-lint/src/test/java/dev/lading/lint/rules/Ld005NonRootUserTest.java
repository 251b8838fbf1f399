package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static dev.lading.lint.RuleTester.lint;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Ld005NonRootUserTest {
    private final Ld005NonRootUser rule = new Ld005NonRootUser();

    @Test
    void firesWithoutUserWithRootAndWithNames() {
        assertThat(lines(rule, "FROM a:1\nRUN true\n")).containsExactly(1);
        assertThat(lines(rule, "FROM a:1\nUSER 1000\nUSER root\n")).containsExactly(3);
        assertThat(lines(rule, "FROM a:1\nUSER 0:0\n")).containsExactly(2);
        assertThat(lint(rule, "FROM a:1\nUSER app\n").get(0).message()).contains("numeric UID");
    }

    @Test
    void silentForNumericNonRootInFinalStageAndUnresolved() {
        assertThat(lines(rule, "FROM a:1 AS build\nUSER root\nFROM b:1\nUSER 65532:65532\n")).isEmpty();
        assertThat(lines(rule, "FROM a:1\nARG UID=10001\nUSER ${UID}\n")).isEmpty();
        assertThat(lines(rule, "FROM a:1\nUSER ${UID}\n")).isEmpty();
        assertThat(lines(rule, "FROM a:1\nARG UID\nUSER ${UID}\n")).isEmpty();
        assertThat(lines(rule, "ARG UID=0\nFROM a:1\nARG UID\nUSER ${UID}:${UID}\n")).containsExactly(4);
    }
}
