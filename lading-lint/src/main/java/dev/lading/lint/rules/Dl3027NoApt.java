package dev.lading.lint.rules;

import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;

/** hadolint DL3027: Do not use apt as it is meant to be an end-user tool, use apt-get or apt-cache instead */
public final class Dl3027NoApt implements Rule {
    @Override
    public String id() {
        return "DL3027";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "Do not use apt as it is meant to be an end-user tool, use apt-get or apt-cache instead";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        for (RunCommands.At at : RunCommands.commands(ctx, "apt")) {
            findings.report(ctx.rangeOf(at.run(), at.command()), "'apt' has no stable interface for scripts: use apt-get (or apt-cache)");
        }
    }
}
