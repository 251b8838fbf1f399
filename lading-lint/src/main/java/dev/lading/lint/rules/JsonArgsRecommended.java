package dev.lading.lint.rules;

import dev.lading.dockerfile.Cmd;
import dev.lading.dockerfile.CommandForm;
import dev.lading.dockerfile.Entrypoint;
import dev.lading.dockerfile.Instruction;
import dev.lading.dockerfile.Shell;
import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Severity;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * BuildKit's JSONArgsRecommended: CMD or ENTRYPOINT in shell form, as BuildKit reports it: only while no SHELL
 * instruction has set the stage's shell (a stage inherits the SHELL of the stage it is built FROM).
 */
public final class JsonArgsRecommended implements BuildKitCheck {
    @Override
    public java.util.Set<String> twins() {
        return java.util.Set.of("LD008", "DL3025");
    }

    @Override
    public String id() {
        return "JSONArgsRecommended";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "JSON arguments recommended for ENTRYPOINT/CMD to prevent unintended behavior related to OS signals";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        Set<String> stagesWithShell = new HashSet<>();
        for (LintContext.StageView s : ctx.stages()) {
            String base = s.resolved().from().resolved() instanceof dev.lading.dockerfile.From f
                    ? f.image().toLowerCase(Locale.ROOT) : "";
            boolean shellSet = stagesWithShell.contains(base);
            for (Instruction i : s.stage().instructions()) {
                boolean shellForm = false;
                if (i instanceof Shell) {
                    shellSet = true;
                } else if (i instanceof Cmd c) {
                    shellForm = c.command().map(f -> f instanceof CommandForm.ShellForm).orElse(false);
                } else if (i instanceof Entrypoint e) {
                    shellForm = e.command().map(f -> f instanceof CommandForm.ShellForm).orElse(false);
                }
                if (shellForm && !shellSet) {
                    String kw = i.kind().keyword();
                    findings.report(i, kw + " in shell form runs as /bin/sh -c, which does not pass on signals: write "
                            + kw + " [\"executable\", \"arg\"] (or set SHELL explicitly if a shell is intended)");
                }
            }
            if (shellSet) {
                s.stage().name().ifPresent(n -> stagesWithShell.add(n.toLowerCase(Locale.ROOT)));
            }
        }
    }
}
