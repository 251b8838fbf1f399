package dev.lading.lint.fix;

import dev.lading.dockerfile.CommandForm;
import dev.lading.dockerfile.Instruction;
import dev.lading.dockerfile.Run;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Inserts a flag right after a package manager's sub-command in shell-form RUNs: {@code apt-get install}
 * gets {@code --no-install-recommends} (LD007/DL3015), {@code apk add} gets {@code --no-cache}
 * (LD022/DL3019). The flag goes on the line where the sub-command is written, so continuation lines keep
 * their shape. Only plain words are read: a sub-command or option that comes from a variable, quotes or a
 * heredoc script is left alone.
 */
final class RunFlagFix implements Fix {
    private final String kind;
    private final String ruleId;
    private final Set<String> ids;
    private final Set<String> programs;
    private final String subcommand;
    private final String flag;
    /** Global options that take the next word as their value. */
    private final Set<String> withValue;

    private RunFlagFix(String kind, String ruleId, Set<String> ids, Set<String> programs, String subcommand, String flag,
                       Set<String> withValue) {
        this.kind = kind;
        this.ruleId = ruleId;
        this.ids = ids;
        this.programs = programs;
        this.subcommand = subcommand;
        this.flag = flag;
        this.withValue = withValue;
    }

    static RunFlagFix noInstallRecommends() {
        return new RunFlagFix("no-install-recommends", "LD007", Set.of("LD007", "DL3015"), Set.of("apt-get", "apt"),
                "install", "--no-install-recommends", Set.of("-o", "-c", "-t", "--option", "--config-file",
                        "--target-release", "--default-release"));
    }

    static RunFlagFix apkNoCache() {
        return new RunFlagFix("apk-no-cache", "LD022", Set.of("LD022", "DL3019"), Set.of("apk"), "add", "--no-cache",
                Set.of("-X", "--repository", "-p", "--root", "--keys-dir", "--cache-dir", "--arch", "--repositories-file"));
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public List<Change> changes(FixContext ctx) {
        List<Change> out = new ArrayList<>();
        for (Instruction i : ctx.dockerfile().instructions()) {
            if (!(i instanceof Run run) || !(run.command() instanceof CommandForm.ShellForm sf) || !run.heredocs().isEmpty()
                    || !ctx.flagged(run, ids)) {
                continue;
            }
            Optional<InstructionText> text = ctx.text(run);
            if (text.isEmpty()) {
                continue;
            }
            int start = text.get().suffixStart(sf.command());
            if (start < 0) {
                continue;
            }
            for (ShellTokens.Command c : ShellTokens.commands(sf.command())) {
                sub(c).ifPresent(t -> {
                    int at = text.get().after(start + t.end() - 1);
                    out.add(new Change(kind, ruleId, lineOf(ctx, at), "'" + c.base() + " " + subcommand + " " + flag + "'",
                            List.of(TextEdit.insert(at, " " + flag))));
                });
            }
        }
        return out;
    }

    private static int lineOf(FixContext ctx, int offset) {
        String t = ctx.source().text();
        int line = 1;
        for (int i = 0; i < offset && i < t.length(); i++) {
            if (t.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** The sub-command word when the command is the program's sub-command and lacks the flag. */
    private Optional<ShellTokens.Token> sub(ShellTokens.Command c) {
        if (!programs.contains(c.base())) {
            return Optional.empty();
        }
        List<ShellTokens.Token> args = c.args();
        for (ShellTokens.Token t : args) {
            if (t.text().equals(flag) || t.text().startsWith(flag + "=") || t.text().contains("Install-Recommends")) {
                return Optional.empty();
            }
        }
        for (int i = 0; i < args.size(); i++) {
            ShellTokens.Token t = args.get(i);
            if (!t.plain()) {
                return Optional.empty();
            }
            if (t.text().startsWith("-")) {
                if (withValue.contains(t.text())) {
                    i++;
                }
                continue;
            }
            return t.text().equals(subcommand) ? Optional.of(t) : Optional.empty();
        }
        return Optional.empty();
    }
}
