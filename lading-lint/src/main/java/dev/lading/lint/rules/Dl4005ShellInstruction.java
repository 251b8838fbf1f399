package dev.lading.lint.rules;

import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;
import dev.lading.lint.shell.Word;

/** hadolint DL4005: replacing /bin/sh with a link changes the shell for everything behind the build's back. */
public final class Dl4005ShellInstruction implements Rule {
    @Override
    public String id() {
        return "DL4005";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "Use SHELL to change the default shell";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        for (RunCommands.At at : RunCommands.commands(ctx, "ln")) {
            if (at.command().args().stream().filter(Word::resolved).anyMatch(w -> w.value().equals("/bin/sh"))) {
                findings.report(ctx.rangeOf(at.run(), at.command()), "linking /bin/sh to another shell: use SHELL [\"/bin/bash\", \"-c\"] instead");
            }
        }
    }
}
