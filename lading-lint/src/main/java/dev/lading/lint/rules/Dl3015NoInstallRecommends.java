package dev.lading.lint.rules;

import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;

/** hadolint DL3015: recommended packages are rarely needed and make the image larger. */
public final class Dl3015NoInstallRecommends implements Rule {
    @Override
    public String id() {
        return "DL3015";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.INFO;
    }

    @Override
    public String description() {
        return "Avoid additional packages by specifying --no-install-recommends";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        for (RunCommands.At at : RunCommands.aptInstalls(ctx)) {
            if (!AptFlags.noRecommends(at.command())) {
                findings.report(ctx.rangeOf(at.run(), at.command()), "'" + at.command().name().value()
                        + " install' without --no-install-recommends: add --no-install-recommends");
            }
        }
    }
}
