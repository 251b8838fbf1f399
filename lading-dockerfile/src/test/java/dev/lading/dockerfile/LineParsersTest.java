package dev.lading.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The word-level state machines, with BuildKit's TestParseWords cases and flag extraction quirks. */
class LineParsersTest {

    @Test
    void parseWordsKeepsQuotesAndEscapes() {
        assertThat(LineParsers.parseWords("foo", '\\')).containsExactly("foo");
        assertThat(LineParsers.parseWords("foo bar", '\\')).containsExactly("foo", "bar");
        assertThat(LineParsers.parseWords("foo\\ bar", '\\')).containsExactly("foo\\ bar");
        assertThat(LineParsers.parseWords("foo=bar", '\\')).containsExactly("foo=bar");
        assertThat(LineParsers.parseWords("foo bar 'abc xyz'", '\\')).containsExactly("foo", "bar", "'abc xyz'");
        assertThat(LineParsers.parseWords("foo bar \"abc xyz\"", '\\')).containsExactly("foo", "bar", "\"abc xyz\"");
        assertThat(LineParsers.parseWords("àöû", '\\')).containsExactly("àöû");
        assertThat(LineParsers.parseWords("föo bàr \"âbc xÿz\"", '\\')).containsExactly("föo", "bàr", "\"âbc xÿz\"");
    }

    @Test
    void parseWordsQuirks() {
        // an escape inside single quotes is literal; inside double quotes it protects the quote
        assertThat(LineParsers.parseWords("a='x\\' b", '\\')).containsExactly("a='x\\'", "b");
        assertThat(LineParsers.parseWords("a=\"x\\\" y\" b", '\\')).containsExactly("a=\"x\\\" y\"", "b");
        // a trailing escape is dropped; empty quotes make an empty-valued word
        assertThat(LineParsers.parseWords("a\\", '\\')).containsExactly("a");
        assertThat(LineParsers.parseWords("\"\" x", '\\')).containsExactly("\"\"", "x");
        // an unterminated quote runs to the end of the line
        assertThat(LineParsers.parseWords("a=\"b c", '\\')).containsExactly("a=\"b c");
        // NBSP is white space for Go's unicode.IsSpace
        assertThat(LineParsers.parseWords("a\u00a0b", '\\')).containsExactly("a", "b");
        assertThat(LineParsers.parseWords("a` b c", '`')).containsExactly("a` b", "c");
    }

    @Test
    void extractBuilderFlags() {
        assertThat(flags("--foo=bar baz")).containsExactly("--foo=bar");
        assertThat(rest("--foo=bar baz")).isEqualTo("baz");
        assertThat(flags("--foo=\"bar baz\" x")).containsExactly("--foo=bar baz");
        assertThat(flags("--a --b=c -- --d x")).containsExactly("--a", "--b=c");
        assertThat(rest("--a --b=c -- --d x")).isEqualTo(" --d x");
        assertThat(flags("-x --y")).isEmpty();
        assertThat(flags("--")).isEmpty();
        assertThat(rest("--")).isEmpty();
        assertThat(flags("--x='a\\'b' c")).containsExactly("--x=a'b");
        assertThat(flags("--x=\"\" c")).containsExactly("--x=");
        assertThat(flags("--x")).containsExactly("--x");
    }

    @Test
    void jsonDecodingFollowsGoDecoder() {
        assertThat(LineParsers.parseJson("  [\"a\", \"b\"] tail")).isEqualTo(new LineParsers.JsonResult.Array(List.of("a", "b")));
        assertThat(LineParsers.parseJson("[]")).isEqualTo(new LineParsers.JsonResult.Array(List.of()));
        assertThat(LineParsers.parseJson("[\"a\", {\"k\": \"v\"}]")).isInstanceOf(LineParsers.JsonResult.NotStrings.class);
        assertThat(LineParsers.parseJson("[true]")).isInstanceOf(LineParsers.JsonResult.NotStrings.class);
        assertThat(LineParsers.parseJson("[\"a\" \"b\"]")).isInstanceOf(LineParsers.JsonResult.NotJson.class);
        assertThat(LineParsers.parseJson("x [\"a\"]")).isInstanceOf(LineParsers.JsonResult.NotJson.class);
        assertThat(LineParsers.parseJson("[\"tab\there\"]")).isInstanceOf(LineParsers.JsonResult.NotJson.class);
    }

    @Test
    void thePlainArrayShortcutReadsWhatTheFullJsonReaderReads() {
        java.util.Random random = new java.util.Random(7);
        String alphabet = "[]\",\\ \t\n\rabcé✓{}:0tu";
        for (int n = 0; n < 20_000; n++) {
            StringBuilder sb = new StringBuilder("[");
            int len = random.nextInt(14);
            for (int i = 0; i < len; i++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String t = sb.toString();
            assertThat(LineParsers.parseJson(t)).as(t).isEqualTo(LineParsers.parseJsonFully(t));
        }
        for (String t : List.of("[ \"a\" ,\"b c\"\n]", "[\"\"]", "[\"a\",]", "[\"a\"", "[\"a\\\"b\"]", "[ ]x", "[\"\u00e9\u2713\"]")) {
            assertThat(LineParsers.parseJson(t)).as(t).isEqualTo(LineParsers.parseJsonFully(t));
        }
    }

    private static List<String> flags(String line) {
        return LineParsers.extractBuilderFlags(line).flags().stream().map(LineParsers.RawFlag::word).toList();
    }

    private static String rest(String line) {
        return line.substring(LineParsers.extractBuilderFlags(line).restOffset());
    }
}
