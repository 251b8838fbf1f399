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

    /** A configuration that turns on {@code ids} (for rules that are off by default). */
    public static LintConfig enabling(String... ids) {
        return new LintConfig(java.util.Set.of(), java.util.Map.of(), java.util.Optional.empty(), List.of(),
                java.util.Map.of(), false, java.util.Map.of(), List.of(), java.util.Set.of(ids), java.util.Optional.empty());
    }

    /** The 1-based lines of the findings, in order. */
    public static List<Integer> lines(Rule rule, String dockerfile) {
        return lint(rule, dockerfile).stream().map(Finding::line).toList();
    }
}
