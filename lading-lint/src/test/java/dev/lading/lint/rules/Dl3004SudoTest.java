package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static dev.lading.lint.RuleTester.lint;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Dl3004SudoTest {
    private final Dl3004Sudo rule = new Dl3004Sudo();

    @Test
    void firesOnSudo() {
        assertThat(lines(rule, "FROM a:1\nRUN sudo apt-get update\nRUN true && sudo -u x ls\n")).containsExactly(2, 3);
    }

    @Test
    void silentWhenSudoIsOnlyInstalledOrQuoted() {
        assertThat(lines(rule, "FROM a:1\nRUN apt-get install -y sudo && echo 'sudo x'\n")).isEmpty();
    }
}
