package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static dev.lading.lint.RuleTester.lint;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Dl3019ApkNoCacheTest {
    private final Dl3019ApkNoCache rule = new Dl3019ApkNoCache();

    @Test
    void firesWithoutNoCache() {
        assertThat(lines(rule, "FROM a:1\nRUN apk update && apk add curl\n")).containsExactly(2);
    }

    @Test
    void silentWithNoCache() {
        assertThat(lines(rule, "FROM a:1\nRUN apk add --no-cache curl && apk del x\n")).isEmpty();
    }
}
