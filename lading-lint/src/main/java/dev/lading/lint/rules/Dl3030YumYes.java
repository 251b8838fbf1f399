package dev.lading.lint.rules;

import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;

/** hadolint DL3030: yum asks for confirmation, which a build cannot give. */
public final class Dl3030YumYes implements Rule {
    @Override
    public String id() {
        return "DL3030";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "Use the -y switch to avoid manual input `yum install -y <package>`";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        for (RunCommands.At at : RpmManagers.installs(ctx, RpmManagers.YUM)) {
            if (!RpmManagers.assumesYes(at.command())) {
                findings.report(ctx.rangeOf(at.run(), at.command()), "'yum install' without -y waits for an answer: add -y");
            }
        }
    }
}
