package dev.lading.lint.rules;

import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;

/** hadolint DL3040: dnf's cache stays in the layer unless the same RUN cleans it (or caches it in a mount). */
public final class Dl3040DnfClean implements Rule {
    @Override
    public String id() {
        return "DL3040";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "`dnf clean all` missing after dnf command";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        java.util.Set<dev.lading.dockerfile.Run> reported = new java.util.HashSet<>();
        for (RunCommands.At at : RpmManagers.installs(ctx, RpmManagers.DNF)) {
            if (!RpmManagers.cleans(ctx, at.run(), RpmManagers.DNF) && !RunCommands.removes(ctx, at.run(), "/var/cache/dnf")
                    && !RunCommands.removes(ctx, at.run(), "/var/cache/yum")
                    && reported.add(at.run()) && !RunCommands.cacheMountUnder(at.run(), "/var/cache/dnf", "/var/cache/yum")) {
                findings.report(at.run(), "dnf's cache stays in the layer: end this RUN with '&& "
                        + at.command().name().value() + " clean all'");
            }
        }
    }
}
