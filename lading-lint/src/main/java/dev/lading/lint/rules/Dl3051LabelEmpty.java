package dev.lading.lint.rules;

import dev.lading.dockerfile.KeyValue;
import dev.lading.dockerfile.Label;
import dev.lading.dockerfile.expand.ResolvedInstruction;
import java.util.Map;
import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Profiles;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;

/**
 * hadolint DL3051: a label of the configured label schema is not set to the empty string. Values that
 * depend on unknown variables are not judged (an unset ARG is not known to be empty).
 */
public final class Dl3051LabelEmpty implements Rule {
    @Override
    public String id() {
        return "DL3051";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "Label `<label>` is empty.";
    }

    @Override
    public String since() {
        return Profiles.P2026_12;
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        Map<String, String> schema = ctx.config().requiredLabels();
        if (schema.isEmpty()) {
            return;
        }
        for (LintContext.StageView s : ctx.stages()) {
            for (ResolvedInstruction ri : s.instructions()) {
                if (!(ri.resolved() instanceof Label l) || !ctx.known(ri)) {
                    continue;
                }
                for (KeyValue kv : l.pairs()) {
                    if (schema.containsKey(kv.key()) && kv.value().isEmpty()) {
                        findings.report(ri.original(), "label '" + kv.key() + "' is empty: give it a "
                                + schema.get(kv.key()) + " value or leave it out");
                    }
                }
            }
        }
    }
}
