package dev.lading.lint.rules;

import dev.lading.dockerfile.Entrypoint;
import dev.lading.dockerfile.Instruction;
import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;

/** hadolint DL4004: Multiple ENTRYPOINT instructions found. If you list more than one ENTRYPOINT then only the last ENTRYPOINT will take effect */
public final class Dl4004OneEntrypoint implements Rule {
    @Override
    public String id() {
        return "DL4004";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }

    @Override
    public String description() {
        return "Multiple ENTRYPOINT instructions found. If you list more than one ENTRYPOINT then only the last ENTRYPOINT will take effect";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        for (LintContext.StageView sv : ctx.stages()) {
            boolean seen = false;
            for (Instruction i : sv.stage().instructions()) {
                if (i instanceof Entrypoint) {
                    if (seen) {
                        findings.report(i, "a second ENTRYPOINT in this stage: only the last one takes effect; keep one");
                    }
                    seen = true;
                }
            }
        }
    }
}
