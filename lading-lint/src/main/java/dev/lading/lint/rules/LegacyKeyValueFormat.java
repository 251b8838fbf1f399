package dev.lading.lint.rules;

import dev.lading.dockerfile.Env;
import dev.lading.dockerfile.Instruction;
import dev.lading.dockerfile.KeyValue;
import dev.lading.dockerfile.Label;
import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Severity;
import java.util.List;

/** BuildKit LegacyKeyValueFormat: {@code ENV key value} takes the rest of the line as one value, a trap with spaces. */
public final class LegacyKeyValueFormat implements BuildKitCheck {
    @Override
    public String id() {
        return "LegacyKeyValueFormat";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "Legacy key/value format with whitespace separator should not be used";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        for (Instruction i : ctx.dockerfile().instructions()) {
            List<KeyValue> pairs = i instanceof Env e ? e.pairs() : i instanceof Label l ? l.pairs() : List.of();
            for (KeyValue kv : pairs) {
                if (kv.legacy()) {
                    findings.report(i, "\"" + i.kind().keyword() + " key value\" should be \"" + i.kind().keyword()
                            + " " + kv.key() + "=…\"");
                }
            }
        }
    }
}
