package dev.lading.lint.rules;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The cheap word check before LD006's and BuildKit's secret-name patterns never turns away a name they match. */
class SecretNamePrefilterTest {
    private static final java.util.regex.Pattern LD006 = java.util.regex.Pattern.compile(
            "(?i)(?:_|^)(?:apikey|api_key|auth|credential|credentials|key|password|passwd|pass|pwd|secret|token|private_key)(?:_|$)");
    private static final java.util.regex.Pattern BUILDKIT = java.util.regex.Pattern.compile(
            "(?i)(?:_|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)");

    @Provide
    Arbitrary<String> names() {
        Arbitrary<String> part = Arbitraries.of("API", "apikey", "Api_Key", "AUTH", "credential", "CREDENTIALS", "key",
                "KEY", "Password", "passwd", "PASS", "pwd", "pword", "Secret", "TOKEN", "private_key", "PUBLIC", "db",
                "HOME", "K\u212aY", "x", "url", "FILE");
        return part.list().ofMinSize(1).ofMaxSize(4).map(ps -> String.join("_", ps));
    }

    @Property(tries = 2000)
    void turnsAwayOnlyNamesNeitherPatternMatches(@ForAll("names") String name) {
        if (!Ld006Secrets.mayNameASecret(name)) {
            assertThat(LD006.matcher(name).find()).isFalse();
            assertThat(BUILDKIT.matcher(name).find()).isFalse();
        }
        assertThat(Ld006Secrets.secretName(name)).isEqualTo(LD006.matcher(name).find()
                && !name.matches("(?i).*(_FILE|_PATH|_DIR|_URL|_ID|_NAME)$|(?i).*(^|_)PUBLIC(_|$).*"));
    }
}
