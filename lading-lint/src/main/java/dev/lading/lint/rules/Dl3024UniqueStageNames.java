package dev.lading.lint.rules;

import dev.lading.dockerfile.Stage;
import java.util.HashSet;
import java.util.Set;
import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;

/** hadolint DL3024: FROM aliases (stage names) must be unique */
public final class Dl3024UniqueStageNames implements Rule {
    @Override
    public String id() {
        return "DL3024";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }

    @Override
    public String description() {
        return "FROM aliases (stage names) must be unique";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        Set<String> seen = new HashSet<>();
        for (Stage s : ctx.dockerfile().stages()) {
            if (s.name().isPresent() && !seen.add(s.name().get())) {
                findings.report(s.from(), "stage name '" + s.name().get() + "' is used twice: stage names must be unique");
            }
        }
    }
}
