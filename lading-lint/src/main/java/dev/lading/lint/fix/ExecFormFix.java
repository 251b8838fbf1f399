package dev.lading.lint.fix;

import dev.lading.dockerfile.Cmd;
import dev.lading.dockerfile.CommandForm;
import dev.lading.dockerfile.Entrypoint;
import dev.lading.dockerfile.Instruction;
import dev.lading.dockerfile.Shell;
import dev.lading.dockerfile.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * LD008: rewrites a shell-form CMD or ENTRYPOINT as JSON when the shell does nothing for it: every word is
 * plain (no quotes, escapes, variables, globs, pipes, redirections, {@code &&} or {@code ;}), the first word is
 * a program rather than a shell builtin or an assignment, and no SHELL instruction changes what shell form
 * means. Each word gets its quotes where it stands, so continuation lines and comments inside stay.
 *
 * <p>An ENTRYPOINT is rewritten only when no CMD can become its arguments: in shell form CMD is ignored, in
 * exec form it is appended, so a stage with a CMD (or a later stage built on it) is left alone.
 */
final class ExecFormFix implements Fix {
    private static final Set<String> IDS = Set.of("LD008", "DL3025", "JSONArgsRecommended");
    /** Words the shell itself runs: in exec form they would be looked up as programs and fail or differ. */
    private static final Set<String> BUILTINS = Set.of(".", ":", "source", "exec", "cd", "export", "set", "unset", "eval",
            "exit", "trap", "ulimit", "umask", "wait", "shift", "read", "alias", "readonly", "local", "return", "if",
            "for", "while", "until", "case", "{", "!", "time", "command", "builtin", "test", "[", "[[", "echo", "printf",
            "true", "false", "kill", "type", "hash", "getopts", "break", "continue", "times", "jobs", "fg", "bg");
    private static final String SAFE = "[A-Za-z0-9_./:=,+@%-]+";

    @Override
    public String kind() {
        return "exec-form";
    }

    @Override
    public List<Change> changes(FixContext ctx) {
        if (ctx.dockerfile().instructions().stream().anyMatch(i -> i instanceof Shell)) {
            return List.of(); // shell form means that SHELL; JSON would not
        }
        List<Change> out = new ArrayList<>();
        for (Stage stage : ctx.dockerfile().stages()) {
            boolean hasCmd = stage.instructions().stream().anyMatch(i -> i instanceof Cmd) || inherited(ctx, stage);
            for (Instruction i : stage.instructions()) {
                Optional<CommandForm> form = switch (i) {
                    case Cmd c -> c.command();
                    case Entrypoint e -> hasCmd ? Optional.empty() : e.command();
                    default -> Optional.empty();
                };
                if (form.isPresent() && form.get() instanceof CommandForm.ShellForm sf && ctx.flagged(i, IDS)) {
                    change(ctx, i, sf.command()).ifPresent(out::add);
                }
            }
        }
        return out;
    }

    /** Whether a later stage builds on this one: its CMD would meet this ENTRYPOINT. */
    private static boolean inherited(FixContext ctx, Stage stage) {
        if (stage.name().isEmpty()) {
            return false;
        }
        return ctx.dockerfile().stages().stream().skip(stage.index() + 1)
                .anyMatch(s -> s.from().image().equalsIgnoreCase(stage.name().get()));
    }

    private Optional<Change> change(FixContext ctx, Instruction ins, String command) {
        Optional<InstructionText> text = ctx.text(ins);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        int start = text.get().suffixStart(command);
        if (start < 0) {
            return Optional.empty();
        }
        List<int[]> words = new ArrayList<>();
        int i = 0;
        while (i < command.length()) {
            char c = command.charAt(i);
            if (c == ' ' || c == '\t') {
                i++;
                continue;
            }
            int s = i;
            while (i < command.length() && command.charAt(i) != ' ' && command.charAt(i) != '\t') {
                i++;
            }
            String w = command.substring(s, i);
            if (!w.matches(SAFE)) {
                return Optional.empty();
            }
            words.add(new int[] {s, i});
        }
        if (words.isEmpty()) {
            return Optional.empty();
        }
        String first = command.substring(words.get(0)[0], words.get(0)[1]);
        if (BUILTINS.contains(first) || first.contains("=")) {
            return Optional.empty();
        }
        List<TextEdit> edits = new ArrayList<>();
        for (int w = 0; w < words.size(); w++) {
            int ws = start + words.get(w)[0];
            int we = start + words.get(w)[1] - 1;
            edits.add(TextEdit.insert(text.get().offset(ws), w == 0 ? "[\"" : "\""));
            edits.add(TextEdit.insert(text.get().after(we), w == words.size() - 1 ? "\"]" : "\","));
        }
        String keyword = ins.kind().keyword();
        return Optional.of(new Change(kind(), "LD008", ins.range().start().line(), keyword + " in exec form", edits));
    }
}
