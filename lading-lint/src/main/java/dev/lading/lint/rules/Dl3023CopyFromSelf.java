package dev.lading.lint.rules;

import dev.lading.dockerfile.Copy;
import dev.lading.dockerfile.Instruction;
import dev.lading.dockerfile.Stage;
import java.util.Locale;
import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;

/** hadolint DL3023: COPY --from cannot reference its own FROM alias */
public final class Dl3023CopyFromSelf implements Rule {
    @Override
    public String id() {
        return "DL3023";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }

    @Override
    public String description() {
        return "COPY --from cannot reference its own FROM alias";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        for (Stage st : ctx.dockerfile().stages()) {
            for (Instruction i : st.instructions()) {
                if (i instanceof Copy c && c.from().isPresent() && st.name().isPresent()
                        && c.from().get().toLowerCase(Locale.ROOT).equals(st.name().get())) {
                    findings.report(i, "COPY --from=" + c.from().get() + " names the stage it is in: copy from an earlier stage");
                }
            }
        }
    }
}
