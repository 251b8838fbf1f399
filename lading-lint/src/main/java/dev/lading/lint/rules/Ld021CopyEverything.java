package dev.lading.lint.rules;

import dev.lading.dockerfile.Copy;
import dev.lading.dockerfile.expand.ResolvedInstruction;
import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;

/**
 * LD021: {@code COPY . .} in the final stage puts whatever is in the build context into the shipped image:
 * tests, docs, local configuration, anything .dockerignore forgot. Copy what runs, by name.
 */
public final class Ld021CopyEverything implements Rule {
    @Override
    public String id() {
        return "LD021";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "COPY lists what it needs; COPY . . in a final stage is a warning";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        ctx.finalStage().ifPresent(sv -> {
            for (ResolvedInstruction ri : sv.instructions()) {
                if (ri.resolved() instanceof Copy c && c.from().isEmpty() && ctx.known(ri)
                        && c.sources().stream().anyMatch(s -> s.equals(".") || s.equals("./"))) {
                    findings.report(ri.original(), "COPY of the whole build context into the final stage: copy only what "
                            + "the image runs (e.g. COPY --from=build /out/app /app), by name");
                }
            }
        });
    }
}
