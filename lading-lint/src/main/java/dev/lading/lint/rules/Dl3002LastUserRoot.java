package dev.lading.lint.rules;

import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;

/** hadolint DL3002: switching back to root at the end leaves the container running as root. */
public final class Dl3002LastUserRoot implements Rule {
    @Override
    public String id() {
        return "DL3002";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "Last USER should not be root";
    }

    /** LD005 says the same of the final USER (and more): where both speak, it is one finding. */
    @Override
    public java.util.Set<String> twins() {
        return java.util.Set.of("LD005");
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        ctx.finalStage().flatMap(Users::last).ifPresent(ri -> {
            if (ctx.known(ri) && Users.isRoot(Users.user(ri))) {
                findings.report(ri.original(), "the last USER is root: end the Dockerfile with a non-root USER");
            }
        });
    }
}
