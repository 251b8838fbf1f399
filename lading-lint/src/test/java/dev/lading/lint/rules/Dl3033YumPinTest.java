package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Dl3033YumPinTest {
    private final Dl3033YumPin rule = new Dl3033YumPin();

    @Test
    void fires() {
        assertThat(lines(rule, """
                FROM centos:7
                RUN yum install -y httpd
                RUN yum --enablerepo=epel install -y httpd-2.4.6 jq
                """)).containsExactly(2, 3);
    }

    @Test
    void silent() {
        assertThat(lines(rule, """
                FROM centos:7
                RUN yum install -y httpd-2.4.6 /tmp/x.rpm
                RUN yum --disablerepo epel install -y git-1.8
                ARG P
                RUN yum install -y $P && yum update -y
                """)).isEmpty();
    }
}
