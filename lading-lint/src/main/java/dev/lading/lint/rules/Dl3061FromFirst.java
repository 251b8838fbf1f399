package dev.lading.lint.rules;

import dev.lading.dockerfile.Arg;
import dev.lading.dockerfile.From;
import dev.lading.dockerfile.Instruction;
import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;

/** hadolint DL3061: before the first FROM only ARG (and comments and parser directives) may appear. */
public final class Dl3061FromFirst implements Rule {
    @Override
    public String id() {
        return "DL3061";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }

    @Override
    public String description() {
        return "Invalid instruction order. Dockerfile must begin with `FROM`, `ARG` or comment.";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        for (Instruction i : ctx.dockerfile().instructions()) {
            if (i instanceof From) {
                return;
            }
            if (!(i instanceof Arg)) {
                findings.report(i, i.kind().keyword() + " before the first FROM: start the Dockerfile with FROM "
                        + "(only ARG may come before it)");
                return;
            }
        }
    }
}
