package dev.lading.lint.rules;

import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;

/** hadolint DL3035: a distribution upgrade inside an image build belongs in the base image. */
public final class Dl3035ZypperDistUpgrade implements Rule {
    @Override
    public String id() {
        return "DL3035";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "Do not use `zypper dist-upgrade`";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        for (RunCommands.At at : RunCommands.commands(ctx, RpmManagers.ZYPPER)) {
            if (at.command().hasSubcommand("dist-upgrade", "dup")) {
                findings.report(ctx.rangeOf(at.run(), at.command()), "zypper dist-upgrade in a build upgrades the whole distribution: use a newer base image instead");
            }
        }
    }
}
