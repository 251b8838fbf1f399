package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static dev.lading.lint.RuleTester.lint;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Dl3018ApkPinTest {
    private final Dl3018ApkPin rule = new Dl3018ApkPin();

    @Test
    void firesOnUnpinned() {
        assertThat(lint(rule, "FROM a:1\nRUN apk add --no-cache curl=8.5.0-r0 git\n"))
                .singleElement().satisfies(f -> assertThat(f.message()).contains("'git'"));
    }

    @Test
    void silentOnPinsAndOptionValues() {
        assertThat(lines(rule, "FROM a:1\nRUN apk add --no-cache --virtual .build-deps -X http://x/y gcc=13.2.1-r0 musl~1.2\n"))
                .isEmpty();
    }
}
