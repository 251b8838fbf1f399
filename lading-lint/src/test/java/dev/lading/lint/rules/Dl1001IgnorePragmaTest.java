package dev.lading.lint.rules;

import static dev.lading.lint.RuleTester.enabling;
import static dev.lading.lint.RuleTester.lint;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lading.lint.Finding;
import dev.lading.lint.LintConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class Dl1001IgnorePragmaTest {
    private final Dl1001IgnorePragma rule = new Dl1001IgnorePragma();

    private List<Integer> lines(LintConfig c, String df) {
        return lint(rule, c, df).stream().map(Finding::line).toList();
    }

    @Test
    void firesOnInlineIgnorePragmasWhenEnabled() {
        assertThat(lines(enabling("DL1001"), """
                FROM debian:12
                # hadolint ignore=DL3008
                RUN apt-get install -y curl
                # lading ignore=LD007
                RUN apt-get install -y wget
                """)).containsExactly(2, 4);
    }

    @Test
    void silentOnGlobalPragmasOtherCommentsAndByDefault() {
        assertThat(lines(enabling("DL1001"), """
                # hadolint global ignore=DL3008
                FROM debian:12
                # ignore the cache here
                RUN true
                """)).isEmpty();
        assertThat(lines(LintConfig.empty(), "FROM debian:12\n# hadolint ignore=DL3008\nRUN true\n")).isEmpty();
    }
}
