package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Dl3040DnfCleanTest {
    private final Dl3040DnfClean rule = new Dl3040DnfClean();

    @Test
    void fires() {
        assertThat(lines(rule, """
                FROM fedora:40
                RUN dnf install -y httpd
                RUN microdnf install -y x
                """)).containsExactly(2, 3);
    }

    @Test
    void silent() {
        assertThat(lines(rule, """
                FROM fedora:40
                RUN dnf install -y httpd && dnf clean all
                RUN microdnf install -y x && microdnf clean all
                RUN dnf install -y y && rm -rf /var/cache/dnf
                RUN --mount=type=cache,target=/var/cache/dnf dnf install -y z
                """)).isEmpty();
    }
}
