package dev.lading.lint.rules;

import dev.lading.dockerfile.Instruction;
import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;

/** hadolint DL3025: JSON notation for CMD and ENTRYPOINT, so signals reach the process. */
public final class Dl3025JsonCmd implements Rule {
    @Override
    public String id() {
        return "DL3025";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "Use arguments JSON notation for CMD and ENTRYPOINT arguments";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        for (Instruction i : ShellFormCommands.of(ctx)) {
            findings.report(i, "use JSON notation: " + i.kind().keyword() + " [\"executable\", \"arg\"]");
        }
    }
}
