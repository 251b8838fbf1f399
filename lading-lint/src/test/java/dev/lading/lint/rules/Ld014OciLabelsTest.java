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

class Ld014OciLabelsTest {
    private final Ld014OciLabels rule = new Ld014OciLabels();

    private static LintConfig options(Map<String, Object> o) {
        return new LintConfig(Set.of(), Map.of(), Optional.empty(), List.of(), Map.of(), false, Map.of("LD014", o), List.of());
    }

    @Test
    void firesAtTheFinalFromWhenSourceOrVersionIsMissing() {
        assertThat(lines(rule, "FROM a:1 AS build\nLABEL org.opencontainers.image.source=x\nFROM b:1\n"
                + "LABEL org.opencontainers.image.source=https://x\n")).containsExactly(3);
        assertThat(lint(rule, "FROM b:1\n").get(0).message())
                .contains("org.opencontainers.image.source, org.opencontainers.image.version");
    }

    @Test
    void revisionAndCreatedAreRequiredWhenTheBuildDoesNotFillThem() {
        String df = "FROM b:1\nLABEL org.opencontainers.image.source=https://x org.opencontainers.image.version=1\n";
        assertThat(lines(rule, df)).isEmpty();
        assertThat(lint(rule, options(Map.of("filled-by-build", List.of())), df).get(0).message())
                .contains(".revision").contains(".created").doesNotContain(".version,");
    }

    @Test
    void silentWhenSetHereOrInTheParentStageOrThroughArgs() {
        assertThat(lines(rule, """
                FROM b:1 AS base
                ARG VERSION
                LABEL org.opencontainers.image.source=https://x \\
                      org.opencontainers.image.version=$VERSION
                FROM base
                RUN true
                """)).isEmpty();
    }

    @Test
    void silentWhenALabelNameIsUnknown() {
        assertThat(lines(rule, "FROM b:1\nARG K\nLABEL $K=1\n")).isEmpty();
    }
}
