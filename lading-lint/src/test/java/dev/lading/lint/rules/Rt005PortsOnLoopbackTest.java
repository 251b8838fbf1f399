package dev.lading.lint.rules;

import static dev.lading.lint.ComposeRuleTester.lines;
import static dev.lading.lint.ComposeRuleTester.service;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Rt005PortsOnLoopbackTest {
    private final Rt005PortsOnLoopback rule = new Rt005PortsOnLoopback();

    @Test
    void firesOnPortsPublishedOnEveryInterface() {
        assertThat(lines(rule, service("ports:", "  - \"8080:80\"", "  - \"0.0.0.0:8443:443/tcp\"", "  - \"80\"",
                "  - 9000:9000", "  - \"[::]:53:53/udp\""))).containsExactly(4, 5, 6, 7, 8);
        assertThat(lines(rule, service("ports:", "  - target: 80", "    published: 8080",
                "  - target: 81", "    host_ip: 0.0.0.0"))).containsExactly(4, 7);
    }

    @Test
    void silentOnLoopbackAndUnknownAddresses() {
        assertThat(lines(rule, service("ports:", "  - \"127.0.0.1:8080:80\"", "  - \"127.0.0.1::81\"",
                "  - \"[::1]:53:53/udp\"", "  - target: 80", "    host_ip: 127.0.0.1"))).isEmpty();
        assertThat(lines(rule, service("ports:", "  - \"${BIND:-127.0.0.1}:8080:80\"", "  - \"${PORT}\""))).isEmpty();
        assertThat(lines(rule, service("expose: [\"80\"]"))).isEmpty();
        // the variable may hold an address with the port (127.0.0.1:8080): not known, not reported
        assertThat(lines(rule, service("ports: [\"${PORT}:80\"]"))).isEmpty();
    }

    @Test
    void shortSyntax() {
        assertThat(Rt005PortsOnLoopback.hostIp("8080:80").ip()).isEmpty();
        assertThat(Rt005PortsOnLoopback.hostIp("127.0.0.1:8080:80/tcp").ip()).isEqualTo("127.0.0.1");
        assertThat(Rt005PortsOnLoopback.hostIp("[::1]:8080:80").ip()).isEqualTo("[::1]");
        assertThat(Rt005PortsOnLoopback.hostIp("${A:-1:2}:80").unknown()).isTrue();
    }
}
