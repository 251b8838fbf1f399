package dev.lading.lint.rules;

import dev.lading.dockerfile.Instruction;
import dev.lading.dockerfile.Maintainer;
import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;

/** hadolint DL4000: MAINTAINER is deprecated. */
public final class Dl4000Maintainer implements Rule {
    @Override
    public String id() {
        return "DL4000";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }

    @Override
    public String description() {
        return "MAINTAINER is deprecated";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        for (Instruction i : ctx.dockerfile().instructions()) {
            if (i instanceof Maintainer) {
                findings.report(i, "MAINTAINER is deprecated: use LABEL maintainer=\"…\" or org.opencontainers.image.authors");
            }
        }
    }
}
