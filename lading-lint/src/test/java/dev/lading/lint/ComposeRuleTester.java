package dev.lading.lint;

import java.util.List;

/** Runs one compose rule over compose-file text, as the compose linter does (pragmas applied, no configuration). */
public final class ComposeRuleTester {
    private ComposeRuleTester() {
    }

    public static List<Finding> lint(ComposeRule rule, String yaml) {
        return new ComposeLinter(List.of(rule), LintConfig.empty()).lint("compose.yaml", yaml);
    }

    /** The 1-based lines of the findings, in order. */
    public static List<Integer> lines(ComposeRule rule, String yaml) {
        return lint(rule, yaml).stream().map(Finding::line).toList();
    }

    /** A service named {@code app} with {@code settings} (each line indented under it). */
    public static String service(String... settings) {
        StringBuilder sb = new StringBuilder("services:\n  app:\n");
        for (String s : settings) {
            sb.append("    ").append(s).append('\n');
        }
        return sb.toString();
    }
}
