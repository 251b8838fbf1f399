package dev.lading.lint.rules;

import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;

/** hadolint DL3036: zypper's cache stays in the layer unless the same RUN cleans it (or caches it in a mount). */
public final class Dl3036ZypperClean implements Rule {
    @Override
    public String id() {
        return "DL3036";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "`zypper clean` missing after zypper use";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        java.util.Set<dev.lading.dockerfile.Run> reported = new java.util.HashSet<>();
        for (RunCommands.At at : RunCommands.commands(ctx, RpmManagers.ZYPPER).stream()
                .filter(a -> a.command().hasSubcommand("install", "in")).toList()) {
            if (!RpmManagers.cleans(ctx, at.run(), RpmManagers.ZYPPER) && !RunCommands.removes(ctx, at.run(), "/var/cache/zypp")
                    && reported.add(at.run()) && !RunCommands.cacheMountUnder(at.run(), "/var/cache/zypp")) {
                findings.report(at.run(), "zypper's cache stays in the layer: end this RUN with '&& zypper clean'");
            }
        }
    }
}
