package dev.lading.lint.rules;

import dev.lading.dockerfile.KeyValue;
import dev.lading.dockerfile.Label;
import dev.lading.dockerfile.expand.ResolvedInstruction;
import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What the label-schema rules share: every LABEL value whose key the configuration's {@code label-schema}
 * gives the type {@code type} is checked with {@code valid}. Values that depend on unknown variables are not
 * judged.
 */
final class LabelSchema {
    private LabelSchema() {
    }

    static void check(LintContext ctx, FindingSink findings, String type, Predicate<String> valid, String expected) {
        Map<String, String> schema = ctx.config().requiredLabels();
        if (!schema.containsValue(type)) {
            return;
        }
        for (LintContext.StageView s : ctx.stages()) {
            for (ResolvedInstruction ri : s.instructions()) {
                if (!(ri.resolved() instanceof Label l) || !ctx.known(ri)) {
                    continue;
                }
                for (KeyValue kv : l.pairs()) {
                    if (type.equals(schema.get(kv.key())) && !valid.test(kv.value())) {
                        findings.report(ri.original(), "label '" + kv.key() + "' is '" + kv.value() + "', not " + expected);
                    }
                }
            }
        }
    }
}
