package dev.lading.dockerfile.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ShellLexerPropertiesTest {
    private static final Map<String, String> ENV = Map.of("A", "x y", "B", "", "C", "*/?\\");

    @Property(tries = 3000)
    void anyWordEitherProcessesOrFailsWithShellSyntaxException(@ForAll("words") String word) {
        for (ShellLexer lex : List.of(ShellLexer.withEscape('\\'), ShellLexer.withEscape('`'),
                ShellLexer.withEscape('\\').rawQuotes(true).rawEscapes(true).skipUnsetEnv(true))) {
            try {
                ProcessResult r = lex.process(word, ENV);
                assertThat(r.words()).allSatisfy(w -> assertThat(w).isNotEmpty());
            } catch (ShellSyntaxException e) {
                assertThat(e.getMessage()).startsWith("failed to process");
            }
        }
    }

    @Property
    void plainWordsAreUnchanged(@ForAll("plain") String word) throws ShellSyntaxException {
        assertThat(ShellLexer.withEscape('\\').processWord(word, ENV)).isEqualTo(word);
    }

    @Property
    void singleQuotingPreservesEverythingButQuotes(@ForAll("unquoted") String content) throws ShellSyntaxException {
        assertThat(ShellLexer.withEscape('\\').processWord("'" + content + "'", ENV)).isEqualTo(content);
    }

    @Property
    void rawSkipUnsetModeKeepsUnknownReferences(@ForAll("plain") String name) throws ShellSyntaxException {
        String ref = "${Q" + name.replaceAll("[^a-zA-Z0-9_]", "") + "}";
        ShellLexer raw = ShellLexer.withEscape('\\').skipUnsetEnv(true);
        assertThat(raw.processWord(ref, ENV)).isEqualTo(ref);
    }

    @Provide
    Arbitrary<String> words() {
        return Arbitraries.of("$", "{", "}", "A", "B", "C", "Z", ":", "-", "+", "?", "#", "%", "/", "*", "\\", "`", "'", "\"",
                " ", "a", "é", "0", "@", "=", "\t").list().ofMaxSize(24).map(l -> String.join("", l));
    }

    @Provide
    Arbitrary<String> plain() {
        return Arbitraries.strings().withChars("abcXYZ019_-./:@,=+%").ofMinLength(1).ofMaxLength(12);
    }

    @Provide
    Arbitrary<String> unquoted() {
        return Arbitraries.strings().withChars("ab $\\\"{}` \t*").ofMaxLength(12);
    }
}
