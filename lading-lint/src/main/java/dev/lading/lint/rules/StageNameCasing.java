package dev.lading.lint.rules;

import dev.lading.dockerfile.From;
import dev.lading.dockerfile.Stage;
import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Severity;
import java.util.Locale;

/** BuildKit StageNameCasing: stage names are compared case-insensitively, so mixed case only misleads. */
public final class StageNameCasing implements BuildKitCheck {
    @Override
    public String id() {
        return "StageNameCasing";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "Stage names should be lowercase";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        for (Stage s : ctx.dockerfile().stages()) {
            From f = s.from();
            if (f.name().isPresent() && !f.name().get().equals(f.name().get().toLowerCase(Locale.ROOT))) {
                findings.report(f, "stage name '" + f.name().get() + "' should be lowercase");
            }
        }
    }
}
