package dev.lading.lint.rules;

import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;

/** hadolint DL3033, with hadolint's test for a pinned package: a dash (name-version) or an .rpm file. */
public final class Dl3033YumPin implements Rule {
    @Override
    public String id() {
        return "DL3033";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "Specify version with `yum install -y <package>-<version>`.";
    }

    static boolean pinned(String p) {
        return p.contains("-") || p.endsWith(".rpm");
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        for (RunCommands.At at : RunCommands.commands(ctx, RpmManagers.YUM).stream().filter(a -> a.command().hasSubcommand("install")).toList()) {
            for (String p : RpmManagers.packages(at.command(), RpmManagers.VALUE_OPTIONS)) {
                if (!pinned(p)) {
                    findings.report(ctx.rangeOf(at.run(), at.command()), "package '" + p + "' is not pinned: write " + p + "-<version>");
                }
            }
        }
    }
}
