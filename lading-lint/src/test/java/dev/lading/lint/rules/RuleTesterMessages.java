package dev.lading.lint.rules;

import dev.lading.lint.Finding;
import dev.lading.lint.Rule;
import dev.lading.lint.RuleTester;

/** The first finding's message, for tests that pin BuildKit's wording. */
final class RuleTesterMessages {
    private RuleTesterMessages() {
    }

    static String first(Rule rule, String dockerfile) {
        return RuleTester.lint(rule, dockerfile).stream().map(Finding::message).findFirst().orElseThrow();
    }
}
