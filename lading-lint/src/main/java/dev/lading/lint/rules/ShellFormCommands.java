package dev.lading.lint.rules;

import dev.lading.dockerfile.Cmd;
import dev.lading.dockerfile.CommandForm;
import dev.lading.dockerfile.Entrypoint;
import dev.lading.dockerfile.Instruction;
import dev.lading.lint.LintContext;
import java.util.ArrayList;
import java.util.List;

/** CMD and ENTRYPOINT instructions written in shell form. */
final class ShellFormCommands {
    private ShellFormCommands() {
    }

    static List<Instruction> of(LintContext ctx) {
        List<Instruction> out = new ArrayList<>();
        for (Instruction i : ctx.dockerfile().instructions()) {
            boolean shell = i instanceof Cmd c ? c.command().map(f -> f instanceof CommandForm.ShellForm).orElse(false)
                    : i instanceof Entrypoint e && e.command().map(f -> f instanceof CommandForm.ShellForm).orElse(false);
            if (shell) {
                out.add(i);
            }
        }
        return out;
    }
}
