package dev.lading.lint.rules;

import dev.lading.dockerfile.Run;
import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;
import dev.lading.lint.shell.SimpleCommand;

/** hadolint DL3004: sudo has unpredictable TTY and signal behaviour; switch USER instead. */
public final class Dl3004Sudo implements Rule {
    @Override
    public String id() {
        return "DL3004";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }

    @Override
    public String description() {
        return "Do not use sudo; use USER to change the user, or gosu/su-exec at run time";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        for (Run r : RunCommands.runs(ctx)) {
            for (SimpleCommand c : ctx.script(r).commands()) {
                if (c.wrappers().contains("sudo") || c.is("sudo")) {
                    findings.report(r, "sudo in RUN: the build already runs as the USER in force; switch with USER instead");
                    break;
                }
            }
        }
    }
}
