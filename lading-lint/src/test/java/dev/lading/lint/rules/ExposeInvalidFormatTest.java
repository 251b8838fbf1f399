package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExposeInvalidFormatTest {
    private final ExposeInvalidFormat rule = new ExposeInvalidFormat();

    @Test
    void firesOncePerPort() {
        assertThat(lines(rule, """
                FROM alpine
                EXPOSE 127.0.0.1:80:80
                EXPOSE 80:80 5000:5000/udp 8080
                EXPOSE [::1]:8080:8080
                ARG HOST=8080
                EXPOSE ${HOST}:80
                EXPOSE :80:80
                """)).containsExactly(2, 3, 3, 4, 6, 7);
        assertThat(RuleTesterMessages.first(rule, "FROM alpine\nEXPOSE 127.0.0.1:80:80\n"))
                .startsWith("EXPOSE instruction should not define an IP address or host-port mapping, found '127.0.0.1:80:80'");
    }

    @Test
    void silent() {
        assertThat(lines(rule, """
                FROM alpine
                EXPOSE 80 80/tcp 1000-2000/udp
                EXPOSE :80
                ARG PORT
                EXPOSE ${PORT}
                """)).isEmpty();
    }
}
