package dev.lading.lint.rules;

import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;
import java.util.Set;

/**
 * hadolint DL3001: interactive or system-management commands (ssh, vim, shutdown, service, ps, free, top,
 * kill, mount, ifconfig) do nothing useful in a build step, which has no running system to manage.
 */
public final class Dl3001PointlessCommands implements Rule {
    private static final String[] COMMANDS = {"free", "kill", "mount", "ps", "service", "shutdown", "ssh", "top", "vim",
            "ifconfig"};

    @Override
    public String id() {
        return "DL3001";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.INFO;
    }

    @Override
    public String description() {
        return "For some bash commands it makes no sense running them in a Docker container like ssh, vim, shutdown, "
                + "service, ps, free, top, kill, mount, ifconfig";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        Set<dev.lading.dockerfile.Run> reported = new java.util.HashSet<>();
        for (RunCommands.At at : RunCommands.commands(ctx, COMMANDS)) {
            if (reported.add(at.run())) {
                findings.report(ctx.rangeOf(at.run(), at.command()), "'" + at.command().name().value() + "' makes no sense in a build step (no "
                        + "running system, no terminal): remove it, or do this when the container runs");
            }
        }
    }
}
