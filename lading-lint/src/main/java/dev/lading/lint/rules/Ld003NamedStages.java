package dev.lading.lint.rules;

import dev.lading.dockerfile.From;
import dev.lading.dockerfile.Stage;
import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;
import java.util.Locale;

/** LD003: stage names make COPY --from and --target readable and stable when stages are inserted. */
public final class Ld003NamedStages implements Rule {
    @Override
    public String id() {
        return "LD003";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.STYLE;
    }

    @Override
    public String description() {
        return "Every stage is named (FROM … AS name) and the name is lowercase";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        for (Stage s : ctx.dockerfile().stages()) {
            From f = s.from();
            if (f.name().isEmpty()) {
                findings.report(f, "stage " + s.index() + " has no name: write 'FROM " + f.image() + " AS <name>'");
            } else if (!f.name().get().equals(f.name().get().toLowerCase(Locale.ROOT))) {
                findings.report(f, "stage name '" + f.name().get() + "' is not lowercase: write 'AS "
                        + f.name().get().toLowerCase(Locale.ROOT) + "'");
            }
        }
    }
}
