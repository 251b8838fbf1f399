package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExposeProtoCasingTest {
    private final ExposeProtoCasing rule = new ExposeProtoCasing();

    @Test
    void firesOncePerPort() {
        assertThat(lines(rule, """
                FROM alpine
                EXPOSE 80/TcP 443/UDP 8080/tcp
                ARG PROTO=TCP
                EXPOSE 9000/${PROTO}
                """)).containsExactly(2, 2, 4);
        assertThat(RuleTesterMessages.first(rule, "FROM alpine\nEXPOSE 80/TcP\n"))
                .startsWith("Defined protocol '80/TcP' in EXPOSE instruction should be lowercase");
    }

    @Test
    void silent() {
        assertThat(lines(rule, """
                FROM alpine
                EXPOSE 80 80/tcp 53/udp 9000/sctp 1000-2000/tcp
                ARG PROTO
                EXPOSE 9000/${PROTO}
                """)).isEmpty();
    }
}
