package dev.lading.lint.rules;

import static dev.lading.lint.rules.Dl3055LabelGitHashTest.lines;
import static dev.lading.lint.rules.Dl3055LabelGitHashTest.schema;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Dl3056LabelSemverTest {
    private final Dl3056LabelSemver rule = new Dl3056LabelSemver();

    @Test
    void firesOnNonSemver() {
        assertThat(lines(rule, schema("version", "semver"), "FROM a:1\nLABEL version=v1.2\nLABEL version=01.2.3\n"))
                .containsExactly(2, 3);
    }

    @Test
    void silentOnSemver() {
        assertThat(lines(rule, schema("version", "semver"),
                "FROM a:1\nLABEL version=1.2.3\nLABEL version=1.0.0-rc.1+build.5\nARG V\nLABEL version=$V\n")).isEmpty();
    }
}
