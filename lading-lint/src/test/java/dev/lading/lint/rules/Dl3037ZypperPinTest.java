package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Dl3037ZypperPinTest {
    private final Dl3037ZypperPin rule = new Dl3037ZypperPin();

    @Test
    void fires() {
        assertThat(lines(rule, """
                FROM opensuse/leap:15
                RUN zypper -n install httpd
                RUN zypper -n in -t pattern devel_basis jq
                """)).containsExactly(2, 3, 3);
    }

    @Test
    void silent() {
        assertThat(lines(rule, """
                FROM opensuse/leap:15
                RUN zypper -n install httpd=2.4.51 "git>=2.35" /tmp/x.rpm
                RUN zypper -n in -t pattern "devel_basis=1"
                RUN zypper -n rm vim
                """)).isEmpty();
    }
}
