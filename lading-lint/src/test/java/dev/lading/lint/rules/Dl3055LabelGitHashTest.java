package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lint;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lading.lint.Finding;
import dev.lading.lint.LintConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class Dl3055LabelGitHashTest {
    static LintConfig schema(String label, String type) {
        return new LintConfig(Set.of(), Map.of(), Optional.empty(), List.of(), Map.of(label, type), false, Map.of(), List.of());
    }

    static List<Integer> lines(dev.lading.lint.Rule rule, LintConfig config, String df) {
        return lint(rule, config, df).stream().map(Finding::line).toList();
    }

    private final Dl3055LabelGitHash rule = new Dl3055LabelGitHash();

    @Test
    void firesOnANonHashValue() {
        assertThat(lines(rule, schema("rev", "hash"), "FROM a:1\nLABEL rev=main\nLABEL rev=abc\n")).containsExactly(2, 3);
    }

    @Test
    void silentOnHashesUnknownValuesAndWithoutSchema() {
        assertThat(lines(rule, schema("rev", "hash"), "FROM a:1\nLABEL rev=0123abc\nARG R\nLABEL rev=$R other=main\n"
                + "LABEL rev=0123456789abcdef0123456789abcdef01234567\n")).isEmpty();
        assertThat(lines(rule, LintConfig.empty(), "FROM a:1\nLABEL rev=main\n")).isEmpty();
    }
}
