package dev.lading.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;

/**
 * LintContext's hand-written text helpers do what the regexes they replaced did: splitLines as {@code \r?\n} with
 * limit -1 (findings' line numbers rest on it), afterFirstWord as {@code replaceFirst("^\\s*\\S+", "")} (the
 * script of {@code RUN sh <<EOF}).
 */
class LintContextLinesTest {
    private static final Pattern LINE_BREAK = Pattern.compile("\\r?\\n");

    @Property(tries = 500)
    void splitsAsTheRegexDid(@ForAll @Chars({'a', ' ', '\r', '\n', '#'}) @StringLength(max = 40) String text) {
        assertThat(LintContext.splitLines(text)).containsExactly(LINE_BREAK.split(text, -1));
    }

    @Property(tries = 1000)
    void afterFirstWordAsTheRegexDid(@ForAll @Chars({'a', 'b', ' ', '\t', '\n', '\u000B', '\f', '\r', '\u00A0', '\u2003'})
                                     @StringLength(max = 12) String text) {
        assertThat(LintContext.afterFirstWord(text)).isEqualTo(text.replaceFirst("^\\s*\\S+", ""));
    }
}
