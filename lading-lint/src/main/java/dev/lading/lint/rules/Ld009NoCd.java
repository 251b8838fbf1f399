package dev.lading.lint.rules;

import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;

/** LD009: a {@code cd} lasts one RUN; WORKDIR states the directory for every later instruction. */
public final class Ld009NoCd implements Rule {
    @Override
    public java.util.Set<String> twins() {
        return java.util.Set.of("DL3003");
    }

    @Override
    public String id() {
        return "LD009";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "No RUN cd …: use WORKDIR with an absolute path";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        for (RunCommands.At at : RunCommands.commands(ctx, "cd")) {
            String dir = at.command().args().isEmpty() ? "" : " " + at.command().args().get(0);
            findings.report(ctx.rangeOf(at.run(), at.command()), "'cd" + dir + "' in RUN: set the directory with WORKDIR <absolute path> instead");
        }
    }
}
