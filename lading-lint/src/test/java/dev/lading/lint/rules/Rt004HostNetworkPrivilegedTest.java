package dev.lading.lint.rules;

import static dev.lading.lint.ComposeRuleTester.lint;
import static dev.lading.lint.ComposeRuleTester.lines;
import static dev.lading.lint.ComposeRuleTester.service;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lading.lint.Finding;
import dev.lading.lint.Severity;
import org.junit.jupiter.api.Test;

class Rt004HostNetworkPrivilegedTest {
    private final Rt004HostNetworkPrivileged rule = new Rt004HostNetworkPrivileged();

    @Test
    void firesOnHostNetworkAndPrivilegedAsErrorsAtTheKeys() {
        assertThat(lint(rule, service("image: a:1", "network_mode: host", "privileged: true")))
                .extracting(Finding::line, Finding::column, Finding::severity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(4, 5, Severity.ERROR),
                        org.assertj.core.groups.Tuple.tuple(5, 5, Severity.ERROR));
    }

    @Test
    void silentOnOtherNetworksAndUnprivileged() {
        assertThat(lines(rule, service("network_mode: bridge", "privileged: false"))).isEmpty();
        assertThat(lines(rule, service("network_mode: \"service:db\""))).isEmpty();
        assertThat(lines(rule, service("network_mode: ${NET}"))).isEmpty();
    }
}
