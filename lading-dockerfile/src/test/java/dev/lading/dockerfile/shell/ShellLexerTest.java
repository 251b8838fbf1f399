package dev.lading.dockerfile.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShellLexerTest {

    private static final Map<String, String> ENV = Map.of("PWD", "/home", "SHELL", "bash", "KOREAN", "한국어", "NULL", "");
    private static final ShellLexer LEX = ShellLexer.withEscape('\\');

    /** The table mirrors BuildKit's envVarTest cases (env PWD=/home SHELL=bash KOREAN=한국어 NULL=). */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', ignoreLeadingAndTrailingWhitespace = true, value = {
            "hello                    | hello",
            "he'll'o                  | hello",
            "he'llo                   | error",
            "he\\'llo                 | he'llo",
            "he\\\\'llo               | error",
            "abc\\tdef                | abctdef",
            "\"abc\\tdef\"            | abc\\tdef",
            "\"abc\\\\tdef\"          | abc\\tdef",
            "'abc\\tdef'              | abc\\tdef",
            "hello\\                  | hello",
            "hello\\\\                | hello\\",
            "\"hello                  | error",
            "\"hello\\\"              | error",
            "\"hel'lo\"               | hel'lo",
            "'hello                   | error",
            "'hello\\'                | hello\\",
            "'hello\\there'           | hello\\there",
            "'hello\\\\there'         | hello\\\\there",
            "\"''\"                   | ''",
            "$.                       | $.",
            "he$1x                    | hex",
            "he$.x                    | he$.x",
            "he$pwd.                  | he.",
            "he$PWD                   | he/home",
            "he\\$PWD                 | he$PWD",
            "he\\\\$PWD               | he\\/home",
            "\"he\\$PWD\"             | he$PWD",
            "\"he\\\\$PWD\"           | he\\/home",
            "\\${}                    | ${}",
            "\\${}aaa                 | ${}aaa",
            "he\\${}                  | he${}",
            "he\\${}xx                | he${}xx",
            "${}                      | error",
            "${}aaa                   | error",
            "he${}                    | error",
            "he${}xx                  | error",
            "he${hi}                  | he",
            "he${hi}xx                | hexx",
            "he${PWD}                 | he/home",
            "he${.}                   | error",
            "he${XXX:-000}xx          | he000xx",
            "he${PWD:-000}xx          | he/homexx",
            "he${XXX:-$PWD}xx         | he/homexx",
            "he${XXX:-${PWD:-yyy}}xx  | he/homexx",
            "he${XXX:-${YYY:-yyy}}xx  | heyyyxx",
            "he${XXX:YYY}             | error",
            "he${XXX?}                | error",
            "he${XXX:?}               | error",
            "he${PWD?}                | he/home",
            "he${PWD:?}               | he/home",
            "he${NULL?}               | he",
            "he${NULL:?}              | error",
            "he${XXX:+${PWD}}xx       | hexx",
            "he${PWD:+${XXX}}xx       | hexx",
            "he${PWD:+${SHELL}}xx     | hebashxx",
            "he${XXX:+000}xx          | hexx",
            "he${PWD:+000}xx          | he000xx",
            "'he${XX}'                | he${XX}",
            "\"he${PWD}\"             | he/home",
            "\"he'$PWD'\"             | he'/home'",
            "\"$PWD\"                 | /home",
            "'$PWD'                   | $PWD",
            "'\\$PWD'                 | \\$PWD",
            "'\"hello\"'              | \"hello\"",
            "'he\\$PWD'               | he\\$PWD",
            "he${PWD                  | error",
            "he${PWD:=000}xx          | error",
            "he${PWD:+${PWD}:}xx      | he/home:xx",
            "he${XXX:-\\$PWD:}xx      | he$PWD:xx",
            "he${XXX:-\\${PWD}z}xx    | he${PWDz}xx",
            "안녕하세요               | 안녕하세요",
            "안'녕'하세요             | 안녕하세요",
            "안'녕하세요              | error",
            "안녕\\'하세요            | 안녕'하세요",
            "안녕$PWD                 | 안녕/home",
            "$KOREAN                  | 한국어",
            "안녕$KOREAN              | 안녕한국어",
            "${{aaa}                  | error",
            "${aaa}}                  | }",
            "${aaa}}}                 | }}",
            "${aaa:-bbb}              | bbb",
            "${aaa:-${bbb:-ccc}}      | ccc",
            "${aaa:-bbb ${foo}        | error",
            "$$                       | ''",
            "${#}                     | ''",
            "${:-x}                   | error",
    })
    void processWordTable(String source, String expected) {
        if (expected.equals("error")) {
            assertThatThrownBy(() -> LEX.processWord(source, ENV)).isInstanceOf(ShellSyntaxException.class)
                    .hasMessageStartingWith("failed to process \"" + source + "\": ");
        } else {
            String want = expected.equals("''") && !source.contains("'") ? "" : expected;
            assertThat(catching(source)).isEqualTo(want);
        }
    }

    private static String catching(String source) {
        try {
            return LEX.processWord(source, ENV);
        } catch (ShellSyntaxException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /** Mirrors BuildKit's wordsTest cases for ProcessWords. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "hello|hello",
            "hello${hi}bye|hellohibye",
            "hello${space}bye|helloabc,defbye",
            "hello\"${space}\"bye|helloabc  defbye",
            "hello \"${space}\"bye|hello,abc  defbye",
            "hello${leading}def|hello,ab,cdef",
            "hello\"${leading}\" def|hello  ab c,def",
            "hello\"${leading}\"|hello  ab c",
            "hello${leading}|hello,ab,c",
            "hello${trailing}|helloab,c",
            "hello${trailing}d|helloab,c,d",
            "hello\"${trailing}\"d|helloab c   d",
            "~hel\"lo${trailing}\"~|~helloab c   ~",
            "~hello\" there  \"~|~hello there  ~",
            "hello there     |hello,there",
            "hello\\ there|hello there",
            "hello\" there|error",
            "hello\\\" there|hello\",there",
            "hello\"\\\\there\"|hello\\there",
            "hello\"\\there\"|hello\\there",
            "hello'\\\\there'|hello\\\\there",
            "hello'\\there'|hello\\there",
            "hello'$there'|hello$there",
            "\"\"|",
            "a \"\" b|a,b",
    })
    void processWordsTable(String source, String expected) {
        Map<String, String> env = new HashMap<>();
        env.put("hi", "hi");
        env.put("space", "abc  def");
        env.put("leading", "  ab c");
        env.put("trailing", "ab c   ");
        List<String> want = expected == null ? List.of() : List.of(expected.split(",", -1));
        if (expected != null && expected.equals("error")) {
            assertThatThrownBy(() -> LEX.processWords(source, env)).isInstanceOf(ShellSyntaxException.class);
            return;
        }
        try {
            assertThat(LEX.processWords(source, env)).isEqualTo(want);
        } catch (ShellSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    /** Mirrors BuildKit's TestProcessWithMatches: result, matched and unmatched names. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "x|DUMMY=dummy|x||",
            "x ${UNUSED}|DUMMY=dummy|~x ~||UNUSED",
            "x ${FOO}|FOO=y|x y|FOO|",
            "${FOO-aaa} ${BAR-bbb} ${BAZ-ccc}|FOO=xxx,BAR=|~xxx  ccc~|FOO,BAR|BAZ",
            "${FOO:-aaa} ${BAR:-bbb} ${BAZ:-ccc}|FOO=xxx,BAR=|xxx bbb ccc|FOO,BAR|BAZ",
            "${FOO:-}|FOO=xxx,BAR=|xxx|FOO|",
            "${FOO:-}||~~||FOO",
            "${FOO+aaa} ${BAR+bbb} ${BAZ+ccc}|FOO=xxx,BAR=|~aaa bbb ~|FOO,BAR|BAZ",
            "${FOO:+aaa} ${BAR:+bbb} ${BAZ:+ccc}|FOO=xxx,BAR=|~aaa  ~|FOO,BAR|BAZ",
            "${FOO?aaa}|FOO=xxx,BAR=|xxx|FOO|",
            "${BAR?bbb}|FOO=xxx,BAR=|~~|BAR|",
            "${FOO:?aaa}|FOO=xxx,BAR=|xxx|FOO|",
            "${FOO#*x*y}|FOO=xxyy|y|FOO|",
            "${FOO#*}|FOO=xxyy|xxyy|FOO|",
            "${FOO#$BAR}|FOO=xxyy,BAR=x|xyy|FOO,BAR|",
            "${FOO#$BAR}|FOO=xxyy,BAR=|xxyy|FOO,BAR|",
            "${FOO#}|FOO=xxyy|xxyy|FOO|",
            "${FOO##*x}|FOO=xxyy|yy|FOO|",
            "${FOO##}|FOO=xxyy|xxyy|FOO|",
            "${FOO#?\\?}|FOO=???y|?y|FOO|",
            "${ABC:-.}${FOO%x}${ABC:-.}|FOO=xxyy|.xxyy.|FOO|ABC",
            "${FOO%%\\**}|FOO=xx**|xx|FOO|",
            "${FOO%%\\**\\*}|FOO=a***yy*|a|FOO|",
            "${FOO%}|FOO=xxyy|xxyy|FOO|",
            "${FOO%%$BAR}|FOO=xxyy,BAR=|xxyy|FOO,BAR|",
            "${FOO%y*}|FOO=xxyy|xxy|FOO|",
            "${FOO%%y*}|FOO=xxyy|xx|FOO|",
            "${FOO/$NEEDLE/} - ${FOO//$NEEDLE/}|FOO=/tmp/tmp/bar.txt,NEEDLE=/tmp|~/tmp/bar.txt - /bar.txt~|FOO,NEEDLE|",
            "${FOO/$BAR/ww}|FOO=xxyy,BAR=|wwxxyy|FOO,BAR|",
            "${FOO///}|FOO=xxyy|xxyy|FOO|",
            "${FOO///}||~~||FOO",
            "${FOO//x/$BAR}|FOO=axbxc,BAR=-|a-b-c|FOO,BAR|",
            "${FOO//\\//\\/}|FOO=/tmp/foo.txt|\\/tmp\\/foo.txt|FOO|",
    })
    void matchesTable(String input, String env, String expected, String matched, String unmatched) throws ShellSyntaxException {
        ProcessResult r = LEX.process(input, envOf(env));
        assertThat(r.result()).isEqualTo(expected == null ? "" : expected);
        assertThat(r.matched()).isEqualTo(names(matched));
        assertThat(r.unmatched()).isEqualTo(names(unmatched));
    }

    @Test
    void specialCharactersInPatternsAreLiteral() throws ShellSyntaxException {
        // BuildKit's pattern language has no bracket classes: [ ] ( ) { } ^ $ . | are literal
        assertThat(LEX.processWord("${FOO#()[]{\\}^$.\\*\\?|\\\\}", Map.of("FOO", "()[]{}^$.*?|\\x"))).isEqualTo("x");
        assertThat(LEX.processWord("${FOO#[a-z]}", Map.of("FOO", "[a-z]b"))).isEqualTo("b");
        assertThat(LEX.processWord("${FOO/./_}", Map.of("FOO", "a.b"))).isEqualTo("a_b");
    }

    @Test
    void replacementInReplaceAllIsAGoTemplate() throws ShellSyntaxException {
        // Go's ReplaceAllString expands $0 (the match) and drops unknown names; the single replace is literal.
        // A literal "$0" in the Dockerfile is itself a variable, so the template comes from a variable's value.
        Map<String, String> env = Map.of("FOO", "abc", "R", "[$0$x]");
        assertThat(LEX.processWord("${FOO//b/$R}", env)).isEqualTo("a[b]c");
        assertThat(LEX.processWord("${FOO/b/$R}", env)).isEqualTo("a[$0$x]c");
        assertThat(LEX.processWord("${FOO//b/[$0]}", env)).isEqualTo("a[]c");
    }

    @Test
    void replaceAllWithAPatternMatchingEmptyStringsFollowsGo() throws ShellSyntaxException {
        // ".*" matches "abc" and then the empty string at the end, which Go does not replace twice
        assertThat(LEX.processWord("${FOO//*/x}", Map.of("FOO", "abc"))).isEqualTo("x");
    }

    @Test
    void invalidPatternEscapesAreErrors() {
        assertThatThrownBy(() -> LEX.processWord("${FOO#\\x}", Map.of("FOO", "a"))).isInstanceOf(ShellSyntaxException.class)
                .hasMessageContaining("invalid escape");
        assertThatThrownBy(() -> LEX.processWord("${FOO//ww}", Map.of("FOO", "xxyy"))).isInstanceOf(ShellSyntaxException.class)
                .hasMessageContaining("missing '/' in ${}");
        assertThatThrownBy(() -> LEX.processWord("${FOO//}", Map.of("FOO", "xxyy"))).isInstanceOf(ShellSyntaxException.class);
        assertThatThrownBy(() -> LEX.processWord("${FOO=aaa}", Map.of("FOO", "x"))).isInstanceOf(ShellSyntaxException.class)
                .hasMessageContaining("unsupported modifier (=) in substitution");
    }

    @Test
    void mandatoryVariablesCarryTheMessage() throws ShellSyntaxException {
        Map<String, String> set = Map.of("VAR", "plain", "ARG", "x");
        Map<String, String> empty = Map.of("VAR", "", "ARG", "x");
        Map<String, String> unset = Map.of("ARG", "x");
        assertThat(LEX.processWord("${VAR:?message here$ARG}", set)).isEqualTo("plain");
        assertThatThrownBy(() -> LEX.processWord("${VAR:?message here$ARG}", empty)).hasMessageContaining("VAR: message herex");
        assertThatThrownBy(() -> LEX.processWord("${VAR:?message here$ARG}", unset)).hasMessageContaining("message herex");
        assertThat(LEX.processWord("${VAR?message here$ARG}", empty)).isEmpty();
        assertThatThrownBy(() -> LEX.processWord("${VAR?}", unset)).hasMessageContaining("VAR: is not allowed to be unset");
        assertThatThrownBy(() -> LEX.processWord("${VAR:?}", empty)).hasMessageContaining("VAR: is not allowed to be empty");
    }

    @Test
    void platformStyleFileName() throws ShellSyntaxException {
        String release = "something-${VERSION}.${TARGETOS}-${TARGETARCH}${TARGETVARIANT:+-${TARGETVARIANT}}.tar.gz";
        Map<String, String> env = Map.of("VERSION", "v1.2.3", "TARGETOS", "linux", "TARGETARCH", "arm", "TARGETVARIANT", "v7");
        assertThat(LEX.processWord(release, env)).isEqualTo("something-v1.2.3.linux-arm-v7.tar.gz");
        Map<String, String> noVariant = Map.of("VERSION", "v1.2.3", "TARGETOS", "linux", "TARGETARCH", "amd64", "TARGETVARIANT", "");
        assertThat(LEX.processWord(release, noVariant)).isEqualTo("something-v1.2.3.linux-amd64.tar.gz");
    }

    @Test
    void backtickEscape() throws ShellSyntaxException {
        ShellLexer tick = ShellLexer.withEscape('`');
        assertThat(tick.processWord("c:\\dir`$PWD", ENV)).isEqualTo("c:\\dir$PWD");
        assertThat(tick.processWord("\"a`\"b\"", ENV)).isEqualTo("a\"b");
        assertThat(tick.processWord("a\\ b", ENV)).isEqualTo("a\\ b");
    }

    @Test
    void rawModesAndSkipUnset() throws ShellSyntaxException {
        ShellLexer raw = LEX.rawQuotes(true).rawEscapes(true).skipUnsetEnv(true);
        assertThat(raw.processWord("'a' \"b\" \\c $X ${Y} ${Z:-d} ${W/a/b} $PWD", ENV))
                .isEqualTo("'a' \"b\" \\c $X ${Y} ${Z:-d} ${W/a/b} /home");
        assertThat(LEX.skipProcessQuotes(true).processWord("'$PWD' \"x\"", ENV)).isEqualTo("'/home' \"x\"");
    }

    @Test
    void reversePatternKeepsEscapesBeforeTheirCharacter() {
        assertThat(ShellLexer.reversePattern("a\\*c")).isEqualTo("c\\*a");
        assertThat(ShellLexer.reversePattern("\\\\\\ab")).isEqualTo("b\\a\\\\");
        assertThat(ShellLexer.reversePattern("ab\\")).isEqualTo("\\ba");
        assertThat(ShellLexer.reverse("🖖🚀👽")).isEqualTo("👽🚀🖖");
    }

    private static Map<String, String> envOf(String spec) {
        Map<String, String> m = new HashMap<>();
        if (spec != null) {
            for (String kv : spec.split(",")) {
                int eq = kv.indexOf('=');
                m.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        return m;
    }

    private static Set<String> names(String csv) {
        return csv == null ? Set.of() : Set.of(csv.split(","));
    }
}
