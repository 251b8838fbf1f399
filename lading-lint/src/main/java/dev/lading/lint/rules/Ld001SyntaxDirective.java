package dev.lading.lint.rules;

import dev.lading.dockerfile.SourceRange;
import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;

/**
 * LD001: the {@code # syntax=} directive pins the Dockerfile frontend, so a build does not change behaviour
 * when the builder's bundled frontend is upgraded, and new syntax (heredocs, {@code COPY --link}) works
 * on older builders.
 */
public final class Ld001SyntaxDirective implements Rule {
    @Override
    public String id() {
        return "LD001";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.INFO;
    }

    @Override
    public String description() {
        return "Line 1 is a # syntax=docker/dockerfile:1 directive";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        if (ctx.dockerfile().directive("syntax").isEmpty() && !ctx.dockerfile().instructions().isEmpty()) {
            findings.report(SourceRange.of(1, 1, 1, 1),
                    "no syntax directive: make line 1 '# syntax=docker/dockerfile:1' to pin the frontend");
        }
    }
}
