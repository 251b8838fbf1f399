package dev.lading.lint.rules;

import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;

/** hadolint DL3032: yum's cache stays in the layer unless the same RUN cleans it (or caches it in a mount). */
public final class Dl3032YumClean implements Rule {
    @Override
    public String id() {
        return "DL3032";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "`yum clean all` missing after yum command";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        java.util.Set<dev.lading.dockerfile.Run> reported = new java.util.HashSet<>();
        for (RunCommands.At at : RpmManagers.installs(ctx, RpmManagers.YUM)) {
            if (!RpmManagers.cleans(ctx, at.run(), RpmManagers.YUM) && !RunCommands.removes(ctx, at.run(), "/var/cache/yum")
                    && reported.add(at.run()) && !RunCommands.cacheMountUnder(at.run(), "/var/cache/yum")) {
                findings.report(at.run(), "yum's cache stays in the layer: end this RUN with '&& yum clean all'");
            }
        }
    }
}
