package dev.lading.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;

/** LintContext.splitLines splits as {@code \r?\n} with limit -1 did (findings' line numbers rest on it). */
class LintContextLinesTest {
    private static final Pattern LINE_BREAK = Pattern.compile("\\r?\\n");

    @Property(tries = 500)
    void splitsAsTheRegexDid(@ForAll @Chars({'a', ' ', '\r', '\n', '#'}) @StringLength(max = 40) String text) {
        assertThat(LintContext.splitLines(text)).containsExactly(LINE_BREAK.split(text, -1));
    }
}
