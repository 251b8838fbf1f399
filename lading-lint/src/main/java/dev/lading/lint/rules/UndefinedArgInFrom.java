package dev.lading.lint.rules;

import dev.lading.dockerfile.expand.BuildArgs;
import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Severity;
import java.util.LinkedHashSet;

/**
 * BuildKit's UndefinedArgInFrom: a FROM line may only use ARGs declared before the first FROM (and the
 * automatic platform ARGs); anything else expands to nothing.
 */
public final class UndefinedArgInFrom implements BuildKitCheck {
    @Override
    public String id() {
        return "UndefinedArgInFrom";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "FROM command must use declared ARGs";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        for (LintContext.StageView s : ctx.stages()) {
            for (String name : new LinkedHashSet<>(s.resolved().from().unresolved())) {
                if (BuildArgs.AUTOMATIC_ARGS.contains(name)) {
                    continue;
                }
                findings.report(s.stage().from(), "FROM argument '" + name + "' is not declared: add 'ARG " + name
                        + "=<default>' before the first FROM");
            }
        }
    }
}
