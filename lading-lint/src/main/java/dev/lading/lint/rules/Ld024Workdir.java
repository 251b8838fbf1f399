package dev.lading.lint.rules;

import dev.lading.dockerfile.Instruction;
import dev.lading.dockerfile.Add;
import dev.lading.dockerfile.Copy;
import dev.lading.dockerfile.Stage;
import dev.lading.dockerfile.Workdir;
import dev.lading.dockerfile.expand.ResolvedInstruction;
import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;
import java.util.HashSet;
import java.util.Set;

/**
 * LD024: a relative WORKDIR depends on the one before it, and a COPY to a relative destination before any
 * WORKDIR depends on the base image's working directory, which a new base version may change.
 */
public final class Ld024Workdir implements Rule {
    @Override
    public java.util.Set<String> twins() {
        return java.util.Set.of("DL3000");
    }

    @Override
    public String id() {
        return "LD024";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "WORKDIR is absolute and set before relative COPY/ADD destinations";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        Set<String> stagesWithWorkdir = new HashSet<>();
        for (LintContext.StageView sv : ctx.stages()) {
            Stage st = sv.stage();
            String base = sv.resolved().from().resolved() instanceof dev.lading.dockerfile.From f
                    ? f.image().toLowerCase(java.util.Locale.ROOT) : "";
            boolean hasWorkdir = stagesWithWorkdir.contains(base);
            for (ResolvedInstruction ri : sv.instructions()) {
                if (!ctx.known(ri)) {
                    if (ri.resolved() instanceof Workdir) {
                        hasWorkdir = true;
                    }
                    continue;
                }
                Instruction r = ri.resolved();
                if (r instanceof Workdir w) {
                    if (!Paths.isAbsolute(w.path())) {
                        findings.report(ri.original(), "WORKDIR '" + w.path()
                                + "' is relative to the previous one: give an absolute path");
                    }
                    hasWorkdir = true;
                } else if (r instanceof Copy c) {
                    relative(hasWorkdir, "COPY", c.destination(), ri, findings);
                } else if (r instanceof Add a) {
                    relative(hasWorkdir, "ADD", a.destination(), ri, findings);
                }
            }
            if (hasWorkdir) {
                st.name().ifPresent(stagesWithWorkdir::add);
            }
        }
    }

    private static void relative(boolean hasWorkdir, String kind, String dest, ResolvedInstruction ri, FindingSink findings) {
        if (!hasWorkdir && !Paths.isAbsolute(dest)) {
            findings.report(ri.original(), kind + " to the relative '" + dest + "' before any WORKDIR depends on the base "
                    + "image's working directory: set WORKDIR /<dir> first or give an absolute destination");
        }
    }
}
