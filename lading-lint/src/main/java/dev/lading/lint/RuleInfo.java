package dev.lading.lint;

/**
 * What every rule tells about itself, whatever kind of file it lints: a {@link Rule} reads Dockerfiles, a
 * {@link ComposeRule} reads compose files. Configuration (ignore, severity, enable, profile), the report
 * formats and the rule docs need only this, so both kinds share them.
 */
public sealed interface RuleInfo permits Rule, ComposeRule {

    /** {@code LD…} for lading's standards, {@code DL…} for hadolint's rules under their own meaning. */
    String id();

    Severity defaultSeverity();

    /** One line: what the rule wants. */
    String description();

    /**
     * IDs of rules that report the same problem at the same place (hadolint's or BuildKit's rule for what this
     * lading rule checks). The linter shows such findings once, naming every ID; each ID is still ignored and
     * configured on its own. The relation is symmetric: declaring it on one side is enough.
     */
    default java.util.Set<String> twins() {
        return java.util.Set.of();
    }

    /**
     * False for rules that say something most projects do not want by default (hadolint's severity
     * "ignore": DL1001, DL3057). They run only when configuration names them: {@code enable: [ID]} in
     * {@code .lading.yaml}, or a severity override of the ID in either dialect (hadolint's way).
     */
    default boolean enabledByDefault() {
        return true;
    }

    /**
     * The rule-set profile that first shipped this rule (see {@link Profiles}). A configuration pinned to an
     * older profile does not run it, so upgrading lading does not fail a pipeline with a rule it never saw.
     */
    default String since() {
        return Profiles.FIRST;
    }

    /** Where the rule is explained: hadolint's wiki for DL rules, lading's rule docs otherwise. */
    default String docUrl() {
        return id().startsWith("DL") ? "https://github.com/hadolint/hadolint/wiki/" + id() : "docs/rules/" + id() + ".md";
    }
}
