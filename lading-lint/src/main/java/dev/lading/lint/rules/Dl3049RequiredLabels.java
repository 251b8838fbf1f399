package dev.lading.lint.rules;

import dev.lading.dockerfile.KeyValue;
import dev.lading.dockerfile.Label;
import dev.lading.dockerfile.Stage;
import dev.lading.dockerfile.expand.ResolvedInstruction;
import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * hadolint DL3049: every label of the configured schema ({@code label-schema} / {@code required-labels}) is
 * set. Judged on the final stage, counting labels set in the stages it is built FROM; a base image's own
 * labels are not known and not counted.
 */
public final class Dl3049RequiredLabels implements Rule {
    @Override
    public String id() {
        return "DL3049";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.INFO;
    }

    @Override
    public String description() {
        return "Label `<label>` is missing";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        Map<String, String> schema = ctx.config().requiredLabels();
        if (schema.isEmpty() || ctx.stages().isEmpty()) {
            return;
        }
        Map<String, Set<String>> byStage = new HashMap<>();
        Set<String> labels = Set.of();
        for (LintContext.StageView sv : ctx.stages()) {
            Stage st = sv.stage();
            String base = st.from().image().toLowerCase(Locale.ROOT);
            labels = new HashSet<>(byStage.getOrDefault(base, Set.of()));
            for (ResolvedInstruction ri : sv.instructions()) {
                if (ri.resolved() instanceof Label l) {
                    for (KeyValue kv : l.pairs()) {
                        labels.add(kv.key());
                    }
                }
            }
            Set<String> done = labels;
            st.name().ifPresent(n -> byStage.put(n, done));
        }
        for (String required : schema.keySet()) {
            if (!labels.contains(required)) {
                findings.report(ctx.finalStage().orElseThrow().stage().from(), "label '" + required
                        + "' is missing: add LABEL " + required + "=<" + schema.get(required) + ">");
            }
        }
    }
}
