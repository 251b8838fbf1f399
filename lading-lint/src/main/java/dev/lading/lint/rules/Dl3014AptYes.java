package dev.lading.lint.rules;

import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;

/** hadolint DL3014: without -y, apt-get install waits for an answer a build cannot give. */
public final class Dl3014AptYes implements Rule {
    @Override
    public String id() {
        return "DL3014";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "Use the -y switch to avoid manual input: apt-get -y install <package>";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        for (RunCommands.At at : RunCommands.aptInstalls(ctx)) {
            if (!AptFlags.assumesYes(at.command())) {
                findings.report(ctx.rangeOf(at.run(), at.command()), "'" + at.command().name().value() + " install' without -y: add -y");
            }
        }
    }
}
