package dev.lading.lint.rules;

import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;

/** hadolint DL3003: use WORKDIR to switch to a directory. */
public final class Dl3003Cd implements Rule {
    @Override
    public String id() {
        return "DL3003";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "Use WORKDIR to switch to a directory";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        for (RunCommands.At at : RunCommands.commands(ctx, "cd")) {
            findings.report(ctx.rangeOf(at.run(), at.command()), "use WORKDIR to switch to a directory instead of 'cd'");
        }
    }
}
