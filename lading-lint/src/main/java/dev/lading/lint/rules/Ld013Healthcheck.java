package dev.lading.lint.rules;

import dev.lading.dockerfile.CommandForm;
import dev.lading.dockerfile.Healthcheck;
import dev.lading.dockerfile.Instruction;
import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;

/**
 * LD013: a HEALTHCHECK lets the runtime restart a wedged service. {@code HEALTHCHECK NONE} counts as a
 * deliberate choice; an image that is a job or CLI tool opts out by ignoring LD013 in its configuration.
 */
public final class Ld013Healthcheck implements Rule {
    @Override
    public String id() {
        return "LD013";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.INFO;
    }

    @Override
    public String description() {
        return "A HEALTHCHECK (exec form) is defined in the final stage";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        ctx.finalStage().ifPresent(sv -> {
            Healthcheck found = null;
            for (Instruction i : sv.stage().instructions()) {
                if (i instanceof Healthcheck h) {
                    found = h;
                }
            }
            if (found == null) {
                findings.report(sv.stage().from(), "the final stage has no HEALTHCHECK: add one in exec form, e.g. "
                        + "HEALTHCHECK CMD [\"/app\", \"--health\"] (or ignore LD013 for a job/CLI image)");
            } else if (found.command().map(c -> c instanceof CommandForm.ShellForm).orElse(false)) {
                findings.report(found, "HEALTHCHECK in shell form needs a shell in the image: write HEALTHCHECK CMD [\"…\"]");
            }
        });
    }
}
