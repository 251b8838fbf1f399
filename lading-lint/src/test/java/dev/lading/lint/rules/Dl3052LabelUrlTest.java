package dev.lading.lint.rules;

import static dev.lading.lint.rules.Dl3055LabelGitHashTest.lines;
import static dev.lading.lint.rules.Dl3055LabelGitHashTest.schema;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Dl3052LabelUrlTest {
    private final Dl3052LabelUrl rule = new Dl3052LabelUrl();

    @Test
    void firesOnValuesThatAreNotAbsoluteUrls() {
        assertThat(lines(rule, schema("src", "url"), "FROM a:1\nLABEL src=github.com/x/y\nLABEL src=\"http://a b\"\nLABEL src=\"\"\n"))
                .containsExactly(2, 3, 4);
    }

    @Test
    void silentOnUrlsAndOtherTypes() {
        assertThat(lines(rule, schema("src", "url"), "FROM a:1\nLABEL src=https://github.com/x/y other=nope\n"
                + "LABEL src=mailto:me@example.com\n")).isEmpty();
        assertThat(lines(rule, schema("src", "text"), "FROM a:1\nLABEL src=nope\n")).isEmpty();
    }
}
