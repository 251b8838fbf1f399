package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static dev.lading.lint.RuleTester.lint;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Dl3014AptYesTest {
    private final Dl3014AptYes rule = new Dl3014AptYes();

    @Test
    void firesWithoutYes() {
        assertThat(lines(rule, "FROM d:1\nRUN apt-get install curl\n")).containsExactly(2);
    }

    @Test
    void silentWithAnyYesSpelling() {
        assertThat(lines(rule, "FROM d:1\nRUN apt-get install -y a\nRUN apt-get -qq install a\nRUN apt-get install --assume-yes a\n"
                + "RUN apt-get -yq install a\n")).isEmpty();
    }
}
