package dev.lading.lint;

/**
 * One lint rule: a pure function from a {@link LintContext} to findings. Implementations keep no state, so
 * one instance serves every file and thread.
 */
public interface Rule {

    /** {@code LD…} for lading's standards, {@code DL…} for hadolint's rules under their own meaning. */
    String id();

    Severity defaultSeverity();

    /** One line: what the rule wants. */
    String description();

    void check(LintContext context, FindingSink findings);

    /** Where the rule is explained: hadolint's wiki for DL rules, lading's rule docs otherwise. */
    default String docUrl() {
        return id().startsWith("DL") ? "https://github.com/hadolint/hadolint/wiki/" + id() : "docs/rules/" + id() + ".md";
    }
}
