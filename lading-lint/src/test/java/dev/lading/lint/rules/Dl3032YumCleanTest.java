package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Dl3032YumCleanTest {
    private final Dl3032YumClean rule = new Dl3032YumClean();

    @Test
    void fires() {
        assertThat(lines(rule, """
                FROM centos:7
                RUN yum install -y httpd && yum install -y git
                RUN yum install -y vim && yum makecache
                """)).containsExactly(2, 3);
    }

    @Test
    void silent() {
        assertThat(lines(rule, """
                FROM centos:7
                RUN yum install -y httpd && yum clean all
                RUN yum install -y git && rm -rf /var/cache/yum
                RUN --mount=type=cache,target=/var/cache/yum yum install -y vim
                RUN yum update -y
                """)).isEmpty();
    }
}
