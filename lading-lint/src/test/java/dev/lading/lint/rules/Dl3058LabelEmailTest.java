package dev.lading.lint.rules;

import static dev.lading.lint.rules.Dl3055LabelGitHashTest.lines;
import static dev.lading.lint.rules.Dl3055LabelGitHashTest.schema;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Dl3058LabelEmailTest {
    private final Dl3058LabelEmail rule = new Dl3058LabelEmail();

    @Test
    void firesOnNonEmail() {
        assertThat(lines(rule, schema("maintainer", "email"), "FROM a:1\nLABEL maintainer=\"Jane Doe\"\nLABEL maintainer=a@b\n"))
                .containsExactly(2, 3);
    }

    @Test
    void silentOnEmail() {
        assertThat(lines(rule, schema("maintainer", "email"), "FROM a:1\nLABEL maintainer=jane.doe+x@example.org\n")).isEmpty();
    }
}
