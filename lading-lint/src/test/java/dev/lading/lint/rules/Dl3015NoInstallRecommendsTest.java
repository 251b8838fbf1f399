package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static dev.lading.lint.RuleTester.lint;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Dl3015NoInstallRecommendsTest {
    private final Dl3015NoInstallRecommends rule = new Dl3015NoInstallRecommends();

    @Test
    void firesWithoutTheFlag() {
        assertThat(lines(rule, "FROM d:1\nRUN apt-get install -y curl\n")).containsExactly(2);
    }

    @Test
    void silentWithFlagOrOption() {
        assertThat(lines(rule, "FROM d:1\nRUN apt-get install -y --no-install-recommends a\n"
                + "RUN apt-get -o APT::Install-Recommends=false install -y a\nRUN apt-get update\n")).isEmpty();
    }

    @Test
    void seesInstallsInsideCommandSubstitutions() {
        assertThat(lines(rule, "FROM d:1\nRUN echo \"$(apt-get install -y curl)\"\n"
                + "RUN echo $(apt-get install -y --no-install-recommends curl)\n")).containsExactly(2);
    }
}
