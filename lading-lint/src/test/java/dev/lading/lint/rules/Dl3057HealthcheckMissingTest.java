package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.enabling;
import static dev.lading.lint.RuleTester.lint;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lading.lint.Finding;
import dev.lading.lint.LintConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class Dl3057HealthcheckMissingTest {
    private final Dl3057HealthcheckMissing rule = new Dl3057HealthcheckMissing();

    private List<Integer> lines(LintConfig c, String df) {
        return lint(rule, c, df).stream().map(Finding::line).toList();
    }

    @Test
    void firesAtEachStageWithoutOneWhenEnabled() {
        assertThat(lines(enabling("DL3057"), """
                FROM debian:12 AS build
                RUN make
                FROM debian:12
                COPY --from=build /out /out
                """)).containsExactly(1, 3);
    }

    @Test
    void silentWhenAStageHasOneOrInheritsOne() {
        assertThat(lines(enabling("DL3057"), """
                FROM debian:12 AS base
                HEALTHCHECK CMD ["/bin/true"]
                FROM base AS app
                FROM debian:12
                HEALTHCHECK NONE
                """)).isEmpty();
    }

    @Test
    void offByDefault() {
        assertThat(rule.enabledByDefault()).isFalse();
        assertThat(lines(LintConfig.empty(), "FROM debian:12\n")).isEmpty();
    }
}
