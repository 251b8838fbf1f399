package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Dl3034ZypperYesTest {
    private final Dl3034ZypperYes rule = new Dl3034ZypperYes();

    @Test
    void fires() {
        assertThat(lines(rule, """
                FROM opensuse/leap:15
                RUN zypper install httpd
                RUN zypper rm vim
                """)).containsExactly(2, 3);
    }

    @Test
    void silent() {
        assertThat(lines(rule, """
                FROM opensuse/leap:15
                RUN zypper -n install httpd && zypper --non-interactive rm vim
                RUN zypper install -y x && zypper in --no-confirm y && zypper refresh
                """)).isEmpty();
    }
}
