package dev.lading.lint.rules;

import dev.lading.dockerfile.Instruction;
import dev.lading.dockerfile.Maintainer;
import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Severity;

/** BuildKit MaintainerDeprecated (hadolint's DL4000 says the same, see {@link Dl4000Maintainer}). */
public final class MaintainerDeprecated implements BuildKitCheck {
    @Override
    public java.util.Set<String> twins() {
        return java.util.Set.of("DL4000");
    }

    @Override
    public String id() {
        return "MaintainerDeprecated";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "The MAINTAINER instruction is deprecated, use a label instead to define an image author";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        for (Instruction i : ctx.dockerfile().instructions()) {
            if (i instanceof Maintainer) {
                findings.report(i, "MAINTAINER is deprecated: use LABEL org.opencontainers.image.authors=\"…\"");
            }
        }
    }
}
