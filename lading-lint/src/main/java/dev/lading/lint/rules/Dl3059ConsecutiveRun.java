package dev.lading.lint.rules;

import dev.lading.dockerfile.Flag;
import dev.lading.dockerfile.Instruction;
import dev.lading.dockerfile.Run;
import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;
import java.util.List;

/**
 * hadolint DL3059: consecutive RUNs with the same flags could be one layer. RUNs with different
 * {@code --mount}/{@code --network} flags cannot be merged without changing them, so they are not reported.
 */
public final class Dl3059ConsecutiveRun implements Rule {
    @Override
    public String id() {
        return "DL3059";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.INFO;
    }

    @Override
    public String description() {
        return "Multiple consecutive RUN instructions. Consider consolidation.";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        for (LintContext.StageView sv : ctx.stages()) {
            Instruction prev = null;
            for (Instruction i : sv.stage().instructions()) {
                if (i instanceof Run r && prev instanceof Run p && flags(r).equals(flags(p))) {
                    findings.report(r, "RUN right after a RUN with the same flags: join them with && to save a layer");
                }
                prev = i;
            }
        }
    }

    private static List<String> flags(Run r) {
        return r.flags().stream().map(Flag::text).sorted().toList();
    }
}
