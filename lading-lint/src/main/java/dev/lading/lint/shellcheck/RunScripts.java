package dev.lading.lint.shellcheck;

import dev.lading.dockerfile.Arg;
import dev.lading.dockerfile.ArgDeclaration;
import dev.lading.dockerfile.CommandForm;
import dev.lading.dockerfile.Dockerfile;
import dev.lading.dockerfile.Env;
import dev.lading.dockerfile.Flag;
import dev.lading.dockerfile.Heredoc;
import dev.lading.dockerfile.Instruction;
import dev.lading.dockerfile.Run;
import dev.lading.dockerfile.Shell;
import dev.lading.dockerfile.SourceRange;
import dev.lading.dockerfile.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The RUN scripts of a Dockerfile as ShellCheck should see them, and the way back from a script position to
 * the Dockerfile.
 *
 * <p>As hadolint does, each script gets a {@code #!} line naming the shell in force (SHELL, else
 * {@code /bin/sh}) and an {@code export NAME=1} line for every ARG and ENV name of the stage so far and the
 * predefined proxy ARGs, so that using them is not "referenced but not assigned" (SC2154). Unlike hadolint, the
 * script keeps the RUN's own lines and columns: the keyword and flags are blanked out, comment and blank lines
 * inside the instruction (which BuildKit drops) become a lone continuation, and every finding maps back to the
 * line and column it is about.
 *
 * <p>Only shells ShellCheck understands are checked (sh, bash, dash, ksh, and ash as dash); exec-form RUNs
 * are not scripts. A RUN whose script is a here-document ({@code RUN <<EOF}) is checked from its body; other
 * here-document forms are left alone, as are files using the backtick escape character.
 */
public final class RunScripts {
    private static final Set<String> SHELLS = Set.of("sh", "bash", "dash", "ksh", "ash");
    private static final Set<String> PREDEFINED = Set.of("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy",
            "FTP_PROXY", "ftp_proxy", "NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy");

    private RunScripts() {
    }

    /**
     * One RUN's script.
     *
     * @param run         the instruction
     * @param script      the text given to ShellCheck
     * @param headerLines how many lines ({@code #!} and exports) come before the RUN's first line
     * @param firstLine   the Dockerfile line the script's first own line is
     */
    public record Script(Run run, String script, int headerLines, int firstLine) {

        /** The Dockerfile range of a ShellCheck comment; anything in the header lands on the RUN itself. */
        public SourceRange map(ShellChecker.Comment c) {
            int line = c.line() - headerLines - 1;
            if (line < 0) {
                SourceRange r = run.range();
                return SourceRange.of(r.start().line(), r.start().column(), r.start().line(), r.start().column() + 3);
            }
            int endLine = Math.max(line, c.endLine() - headerLines - 1);
            int endColumn = endLine == line ? Math.max(c.column(), c.endColumn()) : c.endColumn();
            return SourceRange.of(firstLine + line, c.column(), firstLine + endLine, endColumn);
        }
    }

    public static List<Script> of(Dockerfile df, String text) {
        if (df.escape() != '\\') {
            return List.of();
        }
        String[] lines = text.split("\r?\n", -1);
        List<Script> out = new ArrayList<>();
        for (Stage stage : df.stages()) {
            Set<String> names = new TreeSet<>(PREDEFINED);
            String shell = "/bin/sh";
            for (Instruction i : stage.instructions()) {
                switch (i) {
                    case Arg a -> a.declarations().stream().map(ArgDeclaration::name).forEach(names::add);
                    case Env e -> e.pairs().forEach(kv -> names.add(kv.key()));
                    case Shell s -> shell = s.shell().isEmpty() ? "" : s.shell().get(0);
                    case Run r -> script(r, shell, names, lines).ifPresent(out::add);
                    default -> {
                    }
                }
            }
        }
        return out;
    }

    private static java.util.Optional<Script> script(Run run, String shell, Set<String> names, String[] lines) {
        if (!(run.command() instanceof CommandForm.ShellForm)) {
            return java.util.Optional.empty();
        }
        String body;
        int firstLine;
        if (run.heredocs().isEmpty()) {
            body = ownLines(run, lines);
            firstLine = run.range().start().line();
        } else {
            String rest = ((CommandForm.ShellForm) run.command()).command();
            for (Heredoc h : run.heredocs()) {
                rest = rest.replace(h.word(), "");
            }
            if (run.heredocs().size() != 1 || !rest.isBlank()) {
                return java.util.Optional.empty(); // a here-document as data, or several: not one script
            }
            Heredoc h = run.heredocs().get(0);
            body = h.rawContent();
            firstLine = h.range().start().line();
            if (body.startsWith("#!")) {
                // the body names its own interpreter; its line stays (blank) so positions keep matching
                int nl = body.indexOf('\n');
                shell = body.substring(2, nl < 0 ? body.length() : nl).strip().split("\\s+")[0];
                body = nl < 0 ? "" : "\n" + body.substring(nl + 1);
            }
        }
        String exe = shell.substring(shell.lastIndexOf('/') + 1);
        if (!SHELLS.contains(exe)) {
            return java.util.Optional.empty();
        }
        StringBuilder sb = new StringBuilder("#!/bin/").append(exe).append('\n');
        int header = 1;
        for (String n : names) {
            if (n.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                sb.append("export ").append(n).append("=1\n");
                header++;
            }
        }
        sb.append(body);
        if (!body.endsWith("\n")) {
            sb.append('\n');
        }
        return java.util.Optional.of(new Script(run, sb.toString(), header, firstLine));
    }

    /** The instruction's lines with everything that is not the shell command blanked, columns kept. */
    private static String ownLines(Run run, String[] lines) {
        SourceRange r = run.range();
        int first = r.start().line();
        int last = Math.min(r.end().line(), lines.length);
        List<StringBuilder> own = new ArrayList<>();
        for (int l = first; l <= last; l++) {
            own.add(new StringBuilder(lines[l - 1]));
        }
        blank(own, first, r.start().line(), 1, r.start().line(), r.start().column() + run.source().keyword().length());
        for (Flag f : run.flags()) {
            blank(own, first, f.range().start().line(), f.range().start().column(), f.range().end().line(),
                    f.range().end().column());
        }
        StringBuilder out = new StringBuilder();
        for (int k = 0; k < own.size(); k++) {
            String s = own.get(k).toString();
            if (k > 0 && k < own.size() - 1 && (s.isBlank() || s.stripLeading().startsWith("#"))) {
                s = "\\"; // BuildKit drops this line from the continuation; a lone backslash does the same in shell
            }
            out.append(s).append('\n');
        }
        return out.toString();
    }

    /** Spaces over [from, to) so that what follows keeps its column. */
    private static void blank(List<StringBuilder> own, int first, int fromLine, int fromCol, int toLine, int toCol) {
        for (int l = fromLine; l <= toLine; l++) {
            int k = l - first;
            if (k < 0 || k >= own.size()) {
                continue;
            }
            StringBuilder sb = own.get(k);
            int a = l == fromLine ? fromCol - 1 : 0;
            int b = l == toLine ? Math.min(toCol - 1, sb.length()) : sb.length();
            for (int c = Math.max(0, a); c < b; c++) {
                if (sb.charAt(c) != '\t') {
                    sb.setCharAt(c, ' ');
                }
            }
        }
    }
}
