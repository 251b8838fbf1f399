package dev.lading.lint.rules;

import dev.lading.dockerfile.Cmd;
import dev.lading.dockerfile.Instruction;
import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;

/** hadolint DL4003: Multiple CMD instructions found. If you list more than one CMD then only the last CMD will take effect */
public final class Dl4003OneCmd implements Rule {
    @Override
    public String id() {
        return "DL4003";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "Multiple CMD instructions found. If you list more than one CMD then only the last CMD will take effect";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        for (LintContext.StageView sv : ctx.stages()) {
            boolean seen = false;
            for (Instruction i : sv.stage().instructions()) {
                if (i instanceof Cmd) {
                    if (seen) {
                        findings.report(i, "a second CMD in this stage: only the last one takes effect; keep one");
                    }
                    seen = true;
                }
            }
        }
    }
}
