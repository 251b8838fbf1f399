package dev.lading.lint.rules;

import dev.lading.dockerfile.Instruction;
import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Severity;
import java.util.Locale;

/** BuildKit ConsistentInstructionCasing: keywords follow the file's majority casing (upper case on a tie). */
public final class ConsistentInstructionCasing implements BuildKitCheck {
    @Override
    public String id() {
        return "ConsistentInstructionCasing";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "All commands within the Dockerfile should use the same casing (either upper or lower)";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        int upper = 0;
        int lower = 0;
        for (Instruction i : ctx.dockerfile().instructions()) {
            String k = i.source().keyword();
            if (k.equals(k.toUpperCase(Locale.ROOT))) {
                upper++;
            } else if (k.equals(k.toLowerCase(Locale.ROOT))) {
                lower++;
            }
        }
        boolean wantUpper = upper >= lower;
        for (Instruction i : ctx.dockerfile().instructions()) {
            String k = i.source().keyword();
            String want = wantUpper ? k.toUpperCase(Locale.ROOT) : k.toLowerCase(Locale.ROOT);
            if (!k.equals(want)) {
                findings.report(i, "command '" + k + "' should match the case of the command majority ("
                        + (wantUpper ? "uppercase" : "lowercase") + "): write " + want);
            }
        }
    }
}
