package dev.lading.lint.rules;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** {@link Paths#stripTrailingSlashes} is the {@code /+$} regex it replaced, without the regex. */
class PathsStripTest {

    @Test
    void strips() {
        assertThat(Paths.stripTrailingSlashes("/app/")).isEqualTo("/app");
        assertThat(Paths.stripTrailingSlashes("/app///")).isEqualTo("/app");
        assertThat(Paths.stripTrailingSlashes("/")).isEmpty();
        assertThat(Paths.stripTrailingSlashes("")).isEmpty();
        assertThat(Paths.stripTrailingSlashes("app")).isEqualTo("app");
        assertThat(Paths.stripTrailingSlashes("a/b//\n")).isEqualTo("a/b\n"); // $ before a final line terminator
    }

    @Provide
    Arbitrary<String> paths() {
        return Arbitraries.strings().withChars('/', 'a', '.', ' ', '\n', '\r', '\u0085', '\u2028').ofMaxLength(8);
    }

    @Property(tries = 1000)
    void sameAsTheRegex(@ForAll("paths") String s) {
        assertThat(Paths.stripTrailingSlashes(s)).isEqualTo(s.replaceAll("/+$", ""));
    }
}
