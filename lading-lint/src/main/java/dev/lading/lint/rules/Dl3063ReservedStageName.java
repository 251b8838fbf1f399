package dev.lading.lint.rules;

import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Profiles;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;
import java.util.Set;

/**
 * hadolint DL3063: a stage name is not a reserved word ({@code scratch}, {@code context}), which already mean
 * something to FROM and COPY --from. hadolint added it after BuildKit's ReservedStageName check; the two report
 * the same stages and are twins.
 */
public final class Dl3063ReservedStageName implements Rule {
    private final ReservedStageName same = new ReservedStageName();

    @Override
    public String id() {
        return "DL3063";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "Stage name should not be a reserved word";
    }

    @Override
    public String since() {
        return Profiles.P2026_12;
    }

    @Override
    public Set<String> twins() {
        return Set.of(same.id());
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        same.check(ctx, findings);
    }
}
