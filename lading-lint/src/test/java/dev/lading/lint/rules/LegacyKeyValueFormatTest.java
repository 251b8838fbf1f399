package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static dev.lading.lint.RuleTester.lint;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LegacyKeyValueFormatTest {
    private final LegacyKeyValueFormat rule = new LegacyKeyValueFormat();

    @Test
    void firesOnSpaceSeparatedForm() {
        assertThat(lines(rule, "FROM a:1\nENV PATH /x:/y\nLABEL a b\n")).containsExactly(2, 3);
    }

    @Test
    void silentOnEqualsForm() {
        assertThat(lines(rule, "FROM a:1\nENV PATH=/x:/y A=\"b c\"\nLABEL a=b\n")).isEmpty();
    }
}
