package dev.lading.lint;

import java.util.List;

/** Runs one rule over Dockerfile text, as the linter does (pragmas applied, no configuration). */
public final class RuleTester {
    private RuleTester() {
    }

    public static List<Finding> lint(Rule rule, String dockerfile) {
        return new Linter(List.of(rule), LintConfig.empty()).lint("Dockerfile", dockerfile);
    }

    public static List<Finding> lint(Rule rule, LintConfig config, String dockerfile) {
        return new Linter(List.of(rule), config).lint("Dockerfile", dockerfile);
    }

    /** The 1-based lines of the findings, in order. */
    public static List<Integer> lines(Rule rule, String dockerfile) {
        return lint(rule, dockerfile).stream().map(Finding::line).toList();
    }
}
