package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Dl3036ZypperCleanTest {
    private final Dl3036ZypperClean rule = new Dl3036ZypperClean();

    @Test
    void fires() {
        assertThat(lines(rule, """
                FROM opensuse/leap:15
                RUN zypper -n install httpd
                RUN zypper -n in vim && zypper -n in git
                """)).containsExactly(2, 3);
    }

    @Test
    void silent() {
        assertThat(lines(rule, """
                FROM opensuse/leap:15
                RUN zypper -n install httpd && zypper clean
                RUN zypper -n in vim && zypper cc -a
                RUN zypper -n in git && rm -rf /var/cache/zypp/*
                RUN zypper -n rm x
                """)).isEmpty();
    }
}
