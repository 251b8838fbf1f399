package dev.lading.lint.rules;

import dev.lading.dockerfile.Stage;
import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Severity;
import java.util.HashSet;
import java.util.Set;

/** BuildKit DuplicateStageName: with two stages of one name, COPY --from and --target silently pick the last. */
public final class DuplicateStageName implements BuildKitCheck {
    @Override
    public java.util.Set<String> twins() {
        return java.util.Set.of("DL3024");
    }

    @Override
    public String id() {
        return "DuplicateStageName";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "Stage names should be unique";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        Set<String> seen = new HashSet<>();
        for (Stage s : ctx.dockerfile().stages()) {
            if (s.name().isPresent() && !seen.add(s.name().get())) {
                findings.report(s.from(), "duplicate stage name '" + s.name().get() + "': rename one of them");
            }
        }
    }
}
