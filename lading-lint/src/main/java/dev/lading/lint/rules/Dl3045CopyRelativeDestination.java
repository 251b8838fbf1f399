package dev.lading.lint.rules;

import dev.lading.dockerfile.Copy;
import dev.lading.dockerfile.From;
import dev.lading.dockerfile.Workdir;
import dev.lading.dockerfile.expand.ResolvedInstruction;
import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * hadolint DL3045: COPY to a relative destination before any WORKDIR in the stage lands wherever the base
 * image's working directory is. A stage built FROM an earlier stage that set WORKDIR is fine.
 */
public final class Dl3045CopyRelativeDestination implements Rule {
    @Override
    public Set<String> twins() {
        return Set.of("LD024");
    }

    @Override
    public String id() {
        return "DL3045";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "`COPY` to a relative destination without `WORKDIR` set.";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        Set<String> withWorkdir = new HashSet<>();
        for (LintContext.StageView s : ctx.stages()) {
            String base = s.resolved().from().resolved() instanceof From f ? f.image().toLowerCase(Locale.ROOT) : "";
            boolean set = withWorkdir.contains(base);
            for (ResolvedInstruction ri : s.instructions()) {
                String dest = null;
                if (ri.resolved() instanceof Workdir) {
                    set = true;
                } else if (ri.resolved() instanceof Copy c) {
                    dest = c.destination();
                }
                if (dest != null && !set && ctx.known(ri) && !Paths.isAbsolute(dest)) {
                    findings.report(ri.original(), "COPY to the relative '" + dest + "' with no WORKDIR set lands in the "
                            + "base image's working directory: set WORKDIR /<dir> first or use an absolute destination");
                }
            }
            if (set) {
                s.stage().name().ifPresent(n -> withWorkdir.add(n.toLowerCase(Locale.ROOT)));
            }
        }
    }
}
