package dev.lading.lint;

/**
 * One Dockerfile lint rule: a pure function from a {@link LintContext} to findings. Implementations keep no
 * state, so one instance serves every file and thread.
 */
public non-sealed interface Rule extends RuleInfo {

    void check(LintContext context, FindingSink findings);
}
