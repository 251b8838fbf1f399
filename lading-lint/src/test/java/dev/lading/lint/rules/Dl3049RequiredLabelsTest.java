package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.lines;
import static dev.lading.lint.RuleTester.lint;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lading.lint.LintConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class Dl3049RequiredLabelsTest {
    private final Dl3049RequiredLabels rule = new Dl3049RequiredLabels();

    private static LintConfig requiring(String... labels) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (String l : labels) {
            m.put(l, "text");
        }
        return new LintConfig(Set.of(), Map.of(), Optional.empty(), List.of(), m, false, Map.of(), List.of());
    }

    @Test
    void firesPerMissingLabelOnTheFinalStage() {
        assertThat(lint(rule, requiring("maintainer", "version"), "FROM a:1\nLABEL version=1\n"))
                .singleElement().satisfies(f -> assertThat(f.message()).contains("'maintainer'"));
    }

    @Test
    void silentWhenSetHereOrInTheStageBuiltFromOrNoSchema() {
        assertThat(lint(rule, requiring("version"), "FROM a:1 AS base\nLABEL version=1\nFROM base\n")).isEmpty();
        assertThat(lines(rule, "FROM a:1\n")).isEmpty();
    }
}
