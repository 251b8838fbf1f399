package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Dl3061FromFirstTest {
    private final Dl3061FromFirst rule = new Dl3061FromFirst();

    @Test
    void fires() {
        assertThat(lines(rule, """
                ARG V=1
                LABEL x=1
                FROM a:$V
                """)).containsExactly(2);
    }

    @Test
    void reportedUnderItsOwnCodeThoughTheParserRefusesTheFile() {
        // BuildKit refuses such a file while parsing; the parse error carries hadolint's code, not DL1000
        assertThat(dev.lading.lint.RuleTester.lint(rule, "LABEL x=1\nFROM a:1\n"))
                .singleElement().satisfies(f -> assertThat(f.ruleId()).isEqualTo("DL3061"));
    }

    @Test
    void silent() {
        assertThat(lines(rule, """
                # comment
                ARG V=1
                FROM a:$V
                LABEL x=1
                """)).isEmpty();
    }
}
