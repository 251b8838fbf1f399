package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Dl3030YumYesTest {
    private final Dl3030YumYes rule = new Dl3030YumYes();

    @Test
    void fires() {
        assertThat(lines(rule, """
                FROM centos:7
                RUN yum install httpd
                RUN yum update -y && yum groupinstall "Development Tools"
                """)).containsExactly(2, 3);
    }

    @Test
    void silent() {
        assertThat(lines(rule, """
                FROM centos:7
                RUN yum install -y httpd && yum --assumeyes localinstall x.rpm
                RUN yum clean all && dnf install httpd
                """)).isEmpty();
    }
}
