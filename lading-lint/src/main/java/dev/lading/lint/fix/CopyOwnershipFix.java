package dev.lading.lint.fix;

import dev.lading.dockerfile.CommandForm;
import dev.lading.dockerfile.Copy;
import dev.lading.dockerfile.Instruction;
import dev.lading.dockerfile.Run;
import dev.lading.dockerfile.Stage;
import dev.lading.dockerfile.Workdir;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * LD012: {@code COPY src /app} followed directly by {@code RUN chown -R U:G /app} (or {@code chmod -R MODE /app})
 * becomes {@code COPY --chown=U:G src /app} (or {@code --chmod=MODE}) and the RUN goes.
 *
 * <p>Only this exact shape is rewritten: the RUN holds that one command and nothing else (no flags, no
 * {@code &&}, no comment lines inside), its path is exactly the COPY's destination, the COPY is the
 * instruction right before it and does not set that flag already, the owner is a plain {@code user[:group]}
 * and the mode octal. A recursive chown also changes what was already under the path; COPY --chown changes
 * only what it copies. So the destination must not be a directory the stage made before (a WORKDIR, or an
 * earlier COPY/ADD to the same place): there the two differ. A directory that comes from the base image
 * cannot be seen from the Dockerfile; the rule documentation says so.
 */
final class CopyOwnershipFix implements Fix {
    private static final Set<String> IDS = Set.of("LD012");
    private static final String OWNER = "[A-Za-z0-9_][A-Za-z0-9_.-]*(:[A-Za-z0-9_][A-Za-z0-9_.-]*)?";
    private static final String MODE = "[0-7]{3,4}";

    @Override
    public String kind() {
        return "copy-chown";
    }

    @Override
    public List<Change> changes(FixContext ctx) {
        List<Change> out = new ArrayList<>();
        for (Stage stage : ctx.dockerfile().stages()) {
            List<Instruction> ins = stage.instructions();
            for (int i = 1; i < ins.size(); i++) {
                if (ins.get(i) instanceof Run run && ins.get(i - 1) instanceof Copy copy && ctx.flagged(run, IDS)) {
                    change(ctx, ins.subList(0, i - 1), copy, run).ifPresent(out::add);
                }
            }
        }
        return out;
    }

    private Optional<Change> change(FixContext ctx, List<Instruction> before, Copy copy, Run run) {
        if (!(run.command() instanceof CommandForm.ShellForm sf) || !run.flags().isEmpty() || !run.heredocs().isEmpty()) {
            return Optional.empty();
        }
        List<ShellTokens.Command> commands = ShellTokens.commands(sf.command());
        if (commands.size() != 1 || sf.command().matches("(?s).*[;&|()<>#\\n].*")) {
            return Optional.empty();
        }
        ShellTokens.Command c = commands.get(0);
        List<ShellTokens.Token> args = c.args();
        if (!c.name().plain() || args.size() != 3 || args.stream().anyMatch(t -> !t.plain()) || !args.get(0).text().equals("-R")) {
            return Optional.empty();
        }
        String flag;
        String value = args.get(1).text();
        if (c.name().text().equals("chown") && value.matches(OWNER) && copy.chown().isEmpty()) {
            flag = "--chown";
        } else if (c.name().text().equals("chmod") && value.matches(MODE) && copy.chmod().isEmpty()) {
            flag = "--chmod";
        } else {
            return Optional.empty();
        }
        String dest = copy.destination();
        if (dest.contains("$") || !strip(args.get(2).text()).equals(strip(dest)) || madeBefore(before, dest)) {
            return Optional.empty();
        }
        Optional<InstructionText> copyText = ctx.text(copy);
        Optional<InstructionText> runText = ctx.text(run);
        if (copyText.isEmpty() || runText.isEmpty()) {
            return Optional.empty();
        }
        SourceText src = ctx.source();
        int first = run.range().start().line();
        int last = runText.get().lastLine();
        for (int l = first; l <= last; l++) {
            if (SourceText.isComment(src.content(l))) {
                return Optional.empty(); // deleting the RUN would delete a comment
            }
        }
        int insertAt = copyText.get().offset(copyText.get().afterKeyword());
        List<TextEdit> edits = List.of(TextEdit.insert(insertAt, flag + "=" + value + " "),
                new TextEdit(src.lineStart(first), src.nextLineStart(last), ""));
        return Optional.of(new Change(kind(), "LD012", copy.range().start().line(),
                "COPY " + flag + "=" + value + " instead of RUN " + c.name().text() + " -R", edits));
    }

    /** A path without trailing slashes ({@code /app/} is {@code /app}); {@code /} stays. */
    private static String strip(String p) {
        String s = p;
        while (s.length() > 1 && s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    /**
     * Whether the destination may exist before the COPY because the stage made it: a WORKDIR or a COPY/ADD to
     * it, or anything not plain enough to tell (a relative destination after a WORKDIR with a variable).
     */
    private static boolean madeBefore(List<Instruction> before, String dest) {
        String workdir = "/";
        for (Instruction i : before) {
            if (i instanceof Workdir w) {
                if (w.path().contains("$")) {
                    return true;
                }
                workdir = join(workdir, w.path());
            }
        }
        String target = join(workdir, dest);
        if (target.equals("/")) {
            return true;
        }
        String wd = "/";
        for (Instruction i : before) {
            String made = switch (i) {
                case Workdir w -> wd = join(wd, w.path());
                case Copy c -> join(wd, c.destination());
                case dev.lading.dockerfile.Add a -> join(wd, a.destination());
                default -> null;
            };
            if (made != null && made.equals(target)) {
                return true;
            }
        }
        return false;
    }

    private static String join(String dir, String p) {
        String abs = p.startsWith("/") ? p : dir + "/" + p;
        List<String> parts = new ArrayList<>();
        for (String s : abs.split("/")) {
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.remove(parts.size() - 1);
                }
            } else {
                parts.add(s);
            }
        }
        return "/" + String.join("/", parts);
    }
}
