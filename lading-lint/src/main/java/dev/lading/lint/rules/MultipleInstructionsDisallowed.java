package dev.lading.lint.rules;

import dev.lading.dockerfile.Instruction;
import dev.lading.dockerfile.InstructionKind;
import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Severity;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * BuildKit's MultipleInstructionsDisallowed: of several CMD, ENTRYPOINT or HEALTHCHECK instructions in one
 * stage only the last counts. As BuildKit does, each one that a later one overrides is reported.
 */
public final class MultipleInstructionsDisallowed implements BuildKitCheck {
    private static final Set<InstructionKind> ONCE = Set.of(InstructionKind.CMD, InstructionKind.ENTRYPOINT,
            InstructionKind.HEALTHCHECK);

    @Override
    public String id() {
        return "MultipleInstructionsDisallowed";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "Multiple instructions of the same type should not be used in the same stage";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        for (LintContext.StageView s : ctx.stages()) {
            Map<InstructionKind, Instruction> last = new EnumMap<>(InstructionKind.class);
            for (Instruction i : s.stage().instructions()) {
                if (!ONCE.contains(i.kind())) {
                    continue;
                }
                Instruction previous = last.put(i.kind(), i);
                if (previous != null) {
                    String kw = i.kind().keyword();
                    findings.report(previous, "this " + kw + " is overridden by the " + kw + " on line "
                            + i.range().start().line() + " (only the last one in a stage is used): remove it");
                }
            }
        }
    }
}
