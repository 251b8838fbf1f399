package dev.lading.lint.rules;

import dev.lading.dockerfile.Stage;
import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Severity;
import java.util.Set;

/** BuildKit ReservedStageName: {@code scratch} and {@code context} already mean something in FROM and COPY --from. */
public final class ReservedStageName implements BuildKitCheck {
    private static final Set<String> RESERVED = Set.of("scratch", "context");

    @Override
    public String id() {
        return "ReservedStageName";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "Reserved words should not be used as stage names";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        for (Stage s : ctx.dockerfile().stages()) {
            if (s.name().isPresent() && RESERVED.contains(s.name().get())) {
                findings.report(s.from(), "'" + s.name().get() + "' is reserved and should not be used as a stage name");
            }
        }
    }
}
