package dev.lading.lint.rules;

import dev.lading.dockerfile.Label;
import dev.lading.dockerfile.expand.ResolvedInstruction;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Profiles;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;

/**
 * hadolint DL3050: with {@code strict-labels: true}, a LABEL instruction sets only labels of the configured
 * label schema. One finding for each LABEL instruction that sets another; keys that depend on unknown
 * variables are not judged.
 */
public final class Dl3050SuperfluousLabels implements Rule {
    @Override
    public String id() {
        return "DL3050";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.INFO;
    }

    @Override
    public String description() {
        return "Superfluous label(s) present.";
    }

    @Override
    public String since() {
        return Profiles.P2026_12;
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        if (!ctx.config().strictLabels()) {
            return;
        }
        Set<String> schema = ctx.config().requiredLabels().keySet();
        for (LintContext.StageView s : ctx.stages()) {
            for (ResolvedInstruction ri : s.instructions()) {
                if (!(ri.original() instanceof Label original) || !(ri.resolved() instanceof Label l)) {
                    continue;
                }
                List<String> extra = new ArrayList<>();
                for (int i = 0; i < l.pairs().size(); i++) {
                    boolean keyKnown = i < original.pairs().size() && !original.pairs().get(i).key().contains("$");
                    String key = l.pairs().get(i).key();
                    if (keyKnown && !schema.contains(key)) {
                        extra.add(key);
                    }
                }
                if (!extra.isEmpty()) {
                    findings.report(ri.original(), "label(s) " + String.join(", ", extra) + " are not in the label "
                            + "schema and strict-labels is on: remove them or add them to label-schema");
                }
            }
        }
    }
}
