package dev.lading.lint.rules;

import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;

/** hadolint DL3034: zypper asks for confirmation unless told not to. */
public final class Dl3034ZypperYes implements Rule {
    @Override
    public String id() {
        return "DL3034";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "Non-interactive switch missing from `zypper` command: `zypper install -y`";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        for (RunCommands.At at : RpmManagers.zypperChanges(ctx)) {
            if (!at.command().hasFlag("-n", "--non-interactive", "-y", "--no-confirm")) {
                findings.report(ctx.rangeOf(at.run(), at.command()), "zypper without a non-interactive switch waits for an answer: write zypper -n "
                        + at.command().subcommand().map(w -> w.value()).orElse("install") + " (or add -y)");
            }
        }
    }
}
