package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Dl3029FromPlatformTest {
    private final Dl3029FromPlatform rule = new Dl3029FromPlatform();

    @Test
    void firesOnFixedPlatform() {
        assertThat(lines(rule, "FROM --platform=linux/amd64 a:1\n")).containsExactly(1);
    }

    @Test
    void silentOnVariablePlatformOrNone() {
        assertThat(lines(rule, "FROM --platform=$BUILDPLATFORM a:1 AS b\nFROM a:1\n")).isEmpty();
    }
}
