package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Dl3027NoAptTest {
    private final Dl3027NoApt rule = new Dl3027NoApt();

    @Test
    void firesOnApt() {
        assertThat(lines(rule, "FROM a:1\nRUN apt update && apt install -y x\n")).containsExactly(2, 2);
    }

    @Test
    void silentOnAptGet() {
        assertThat(lines(rule, "FROM a:1\nRUN apt-get update && apt-cache policy x && echo apt\n")).isEmpty();
    }
}
