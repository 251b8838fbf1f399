package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static dev.lading.lint.RuleTester.lint;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Dl3002LastUserRootTest {
    private final Dl3002LastUserRoot rule = new Dl3002LastUserRoot();

    @Test
    void firesWhenLastUserIsRoot() {
        assertThat(lines(rule, "FROM a:1\nUSER app\nUSER root\n")).containsExactly(3);
        assertThat(lines(rule, "FROM a:1\nARG U=0\nUSER $U\n")).containsExactly(3);
    }

    @Test
    void silentOtherwise() {
        assertThat(lines(rule, "FROM a:1\nUSER root\nUSER app\n")).isEmpty();
        assertThat(lines(rule, "FROM a:1\n")).isEmpty();
        assertThat(lines(rule, "FROM a:1 AS b\nUSER root\nFROM c:1\nUSER 1\n")).isEmpty();
    }
}
