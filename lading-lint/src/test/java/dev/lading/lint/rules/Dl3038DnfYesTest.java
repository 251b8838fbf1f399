package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Dl3038DnfYesTest {
    private final Dl3038DnfYes rule = new Dl3038DnfYes();

    @Test
    void fires() {
        assertThat(lines(rule, """
                FROM fedora:40
                RUN dnf install httpd
                RUN microdnf install shadow-utils
                """)).containsExactly(2, 3);
    }

    @Test
    void silent() {
        assertThat(lines(rule, """
                FROM fedora:40
                RUN dnf install -y httpd && microdnf --assumeyes install x
                RUN dnf clean all && yum install x
                """)).isEmpty();
    }
}
