package dev.lading.lint.rules;

import dev.lading.dockerfile.Healthcheck;
import dev.lading.dockerfile.Instruction;
import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;

/** hadolint DL3012: Multiple HEALTHCHECK instructions */
public final class Dl3012OneHealthcheck implements Rule {
    @Override
    public String id() {
        return "DL3012";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }

    @Override
    public String description() {
        return "Multiple HEALTHCHECK instructions";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        for (LintContext.StageView sv : ctx.stages()) {
            boolean seen = false;
            for (Instruction i : sv.stage().instructions()) {
                if (i instanceof Healthcheck) {
                    if (seen) {
                        findings.report(i, "a second HEALTHCHECK in this stage: only the last one counts; keep one");
                    }
                    seen = true;
                }
            }
        }
    }
}
