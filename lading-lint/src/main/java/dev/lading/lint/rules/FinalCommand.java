package dev.lading.lint.rules;

import dev.lading.dockerfile.Cmd;
import dev.lading.dockerfile.CommandForm;
import dev.lading.dockerfile.Entrypoint;
import dev.lading.dockerfile.Instruction;
import dev.lading.lint.LintContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The command the final image starts: its last ENTRYPOINT and CMD in the final stage, as written. */
final class FinalCommand {
    private FinalCommand() {
    }

    /**
     * @param at    the instruction that starts the process (the ENTRYPOINT when there is one, else the CMD)
     * @param words the command's words: exec-form arguments, or a shell-form command split at blanks
     * @param exec  whether {@code at} is in exec form
     */
    record Start(Instruction at, List<String> words, boolean exec) {
    }

    static Optional<Start> of(LintContext ctx) {
        if (ctx.finalStage().isEmpty()) {
            return Optional.empty();
        }
        Entrypoint entrypoint = null;
        Cmd cmd = null;
        for (Instruction i : ctx.finalStage().get().stage().instructions()) {
            if (i instanceof Entrypoint e) {
                entrypoint = e;
            } else if (i instanceof Cmd c) {
                cmd = c;
            }
        }
        Instruction at = entrypoint != null ? entrypoint : cmd;
        Optional<CommandForm> form = entrypoint != null ? entrypoint.command() : cmd != null ? cmd.command() : Optional.empty();
        if (at == null || form.isEmpty()) {
            return Optional.empty();
        }
        List<String> words = new ArrayList<>(words(form.get()));
        if (entrypoint != null && cmd != null && cmd.command().isPresent()) {
            words.addAll(words(cmd.command().get()));
        }
        return Optional.of(new Start(at, words, form.get() instanceof CommandForm.ExecForm));
    }

    private static List<String> words(CommandForm f) {
        // if/else rather than a pattern switch: a switch's class is made at run time, in every process
        if (f instanceof CommandForm.ExecForm e) {
            return e.args();
        }
        return List.of(((CommandForm.ShellForm) f).command().trim().split("\\s+"));
    }

    static String base(String word) {
        return word.substring(word.lastIndexOf('/') + 1);
    }
}
