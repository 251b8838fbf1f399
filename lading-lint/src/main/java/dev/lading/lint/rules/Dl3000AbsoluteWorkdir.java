package dev.lading.lint.rules;

import dev.lading.dockerfile.Workdir;
import dev.lading.dockerfile.expand.ResolvedInstruction;
import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;

/** hadolint DL3000: use absolute WORKDIR. */
public final class Dl3000AbsoluteWorkdir implements Rule {
    @Override
    public String id() {
        return "DL3000";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }

    @Override
    public String description() {
        return "Use absolute WORKDIR";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        for (LintContext.StageView sv : ctx.stages()) {
            for (ResolvedInstruction ri : sv.instructions()) {
                if (ri.resolved() instanceof Workdir w && ctx.known(ri) && !Paths.isAbsolute(w.path())) {
                    findings.report(ri.original(), "WORKDIR '" + w.path() + "' is relative: use an absolute path");
                }
            }
        }
    }
}
