package dev.lading.lint.rules;

import dev.lading.dockerfile.From;
import dev.lading.dockerfile.Workdir;
import dev.lading.dockerfile.expand.ResolvedInstruction;
import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Severity;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * BuildKit's WorkdirRelativePath: a relative WORKDIR before any absolute one in the stage depends on the base
 * image's working directory. A stage built FROM an earlier stage that set WORKDIR is not reported.
 */
public final class WorkdirRelativePath implements BuildKitCheck {
    @Override
    public Set<String> twins() {
        return Set.of("DL3000", "LD024");
    }

    @Override
    public String id() {
        return "WorkdirRelativePath";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "Relative workdir without an absolute workdir declared within the build can have unexpected results";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        Set<String> withWorkdir = new HashSet<>();
        for (LintContext.StageView s : ctx.stages()) {
            String base = s.resolved().from().resolved() instanceof From f ? f.image().toLowerCase(Locale.ROOT) : "";
            boolean set = withWorkdir.contains(base);
            for (ResolvedInstruction ri : s.instructions()) {
                if (ri.resolved() instanceof Workdir w) {
                    if (!set && ctx.known(ri) && !Paths.isAbsolute(w.path())) {
                        findings.report(ri.original(), "relative WORKDIR '" + w.path() + "' depends on the base image's "
                                + "working directory: write WORKDIR /" + w.path().replaceFirst("^\\./", ""));
                    }
                    set = true;
                }
            }
            if (set) {
                s.stage().name().ifPresent(n -> withWorkdir.add(n.toLowerCase(Locale.ROOT)));
            }
        }
    }
}
