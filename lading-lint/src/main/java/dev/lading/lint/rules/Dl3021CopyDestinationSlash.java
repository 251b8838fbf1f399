package dev.lading.lint.rules;

import dev.lading.dockerfile.Copy;
import dev.lading.dockerfile.expand.ResolvedInstruction;
import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;

/** hadolint DL3021: COPY with more than 2 arguments requires the last argument to end with / */
public final class Dl3021CopyDestinationSlash implements Rule {
    @Override
    public String id() {
        return "DL3021";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }

    @Override
    public String description() {
        return "COPY with more than 2 arguments requires the last argument to end with /";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        for (LintContext.StageView sv : ctx.stages()) {
            for (ResolvedInstruction ri : sv.instructions()) {
                if (ri.resolved() instanceof Copy c && ctx.known(ri) && c.sources().size() > 1
                        && !c.destination().endsWith("/")) {
                    findings.report(ri.original(), "COPY of several sources to '" + c.destination()
                            + "': the destination must be a directory ending with /");
                }
            }
        }
    }
}
