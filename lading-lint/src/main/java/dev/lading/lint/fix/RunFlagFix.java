package dev.lading.lint.fix;

import dev.lading.dockerfile.CommandForm;
import dev.lading.dockerfile.Heredoc;
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
 * their shape. The script may also be the RUN's heredoc ({@code RUN <<EOF}, {@code RUN bash <<EOF}). Only
 * plain words are read: a sub-command or option that comes from a variable or quotes is left alone.
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
            if (!(i instanceof Run run) || !(run.command() instanceof CommandForm.ShellForm sf) || !ctx.flagged(run, ids)) {
                continue;
            }
            if (!run.heredocs().isEmpty()) {
                heredocScript(ctx, run, sf.command()).ifPresent(h -> {
                    int base = ctx.source().lineStart(h.range().start().line());
                    for (ShellTokens.Command c : ShellTokens.commands(h.rawContent())) {
                        sub(c).ifPresent(t -> out.add(change(ctx, c, base + t.end())));
                    }
                });
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
                sub(c).ifPresent(t -> out.add(change(ctx, c, text.get().after(start + t.end() - 1))));
            }
        }
        return out;
    }

    private Change change(FixContext ctx, ShellTokens.Command c, int at) {
        return new Change(kind, ruleId, lineOf(ctx, at), "'" + c.base() + " " + subcommand + " " + flag + "'",
                List.of(TextEdit.insert(at, " " + flag)));
    }

    /**
     * The heredoc that is the RUN's script: {@code RUN <<EOF} alone, or a POSIX shell reading it
     * ({@code RUN bash <<EOF}), with one heredoc whose body sits in the file exactly as read.
     */
    private static Optional<Heredoc> heredocScript(FixContext ctx, Run run, String command) {
        if (run.heredocs().size() != 1) {
            return Optional.empty();
        }
        Heredoc h = run.heredocs().get(0);
        String rest = command.replace(h.word(), "").strip();
        boolean script = rest.isEmpty() || rest.matches("(/bin/|/usr/bin/)?(sh|bash|ash|dash)( -[abd-zA-Z]+)*"); // not -c: then it is data
        int at = ctx.source().lineStart(h.range().start().line());
        if (!script || h.rawContent().isEmpty() || !ctx.source().text().startsWith(h.rawContent(), at)) {
            return Optional.empty();
        }
        return Optional.of(h);
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
