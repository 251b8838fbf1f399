package dev.lading.lint.rules;

import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;
import dev.lading.lint.shell.Word;

/** hadolint DL3008: an unpinned apt package installs whatever the mirror has that day. */
public final class Dl3008AptPin implements Rule {
    @Override
    public String id() {
        return "DL3008";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "Pin versions in apt-get install (package=version)";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        for (RunCommands.At at : RunCommands.aptInstalls(ctx)) {
            for (Word pkg : at.command().operandsAfterSubcommand(RunCommands.APT_VALUE_OPTIONS)) {
                String v = pkg.value();
                // a .deb file or a path is a specific file already; a release pin (pkg/bookworm) is a choice too
                if (!pkg.resolved() || v.contains("=") || v.contains("/") || v.endsWith(".deb")) {
                    continue;
                }
                findings.report(ctx.rangeOf(at.run(), at.command()), "apt package '" + v + "' is not pinned: write " + v + "=<version>");
            }
        }
    }
}
