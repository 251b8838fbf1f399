package dev.lading.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The order twin IDs are named in: lading's, then hadolint's (DL and four digits), then the rest. */
class TwinsRankTest {
    private static final Pattern HADOLINT_ID = Pattern.compile("DL[0-9]{4}");

    @Test
    void ranks() {
        assertThat(Twins.rank("LD017")).isZero();
        assertThat(Twins.rank("DL3008")).isEqualTo(1);
        assertThat(Twins.rank("DL300")).isEqualTo(2);
        assertThat(Twins.rank("DL30081")).isEqualTo(2);
        assertThat(Twins.rank("DL3a08")).isEqualTo(2);
        assertThat(Twins.rank("JSONArgsRecommended")).isEqualTo(2);
        assertThat(Twins.rank("SC2086")).isEqualTo(2);
    }

    @Provide
    Arbitrary<String> ids() {
        return Arbitraries.oneOf(Arbitraries.strings().withChars("DLC0123456789a٣").ofMaxLength(8),
                Arbitraries.strings().numeric().ofLength(4).map(d -> "DL" + d));
    }

    @Property(tries = 500)
    void sameAsThePatternItReplaces(@ForAll("ids") String id) {
        int expected = id.startsWith("LD") ? 0 : HADOLINT_ID.matcher(id).matches() ? 1 : 2;
        assertThat(Twins.rank(id)).isEqualTo(expected);
    }
}
