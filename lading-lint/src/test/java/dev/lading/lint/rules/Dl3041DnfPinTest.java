package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Dl3041DnfPinTest {
    private final Dl3041DnfPin rule = new Dl3041DnfPin();

    @Test
    void fires() {
        assertThat(lines(rule, """
                FROM fedora:40
                RUN dnf install -y httpd
                RUN microdnf install -y jq
                """)).containsExactly(2, 3);
    }

    @Test
    void silent() {
        assertThat(lines(rule, """
                FROM fedora:40
                RUN dnf install -y httpd-2.4.62 ./x.rpm
                RUN dnf --setopt install_weak_deps=False install -y git-2.45
                RUN dnf upgrade -y
                """)).isEmpty();
    }
}
