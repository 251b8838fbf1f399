package dev.lading.lint;

import dev.lading.lint.compose.ComposeFile;

/**
 * One compose-file lint rule (the RT rules of STANDARDS.md): a pure function from a parsed compose file to
 * findings, reported through the same {@link FindingSink} and configured like a Dockerfile {@link Rule}.
 * Implementations keep no state.
 */
public non-sealed interface ComposeRule extends RuleInfo {

    void check(ComposeFile compose, FindingSink findings);
}
