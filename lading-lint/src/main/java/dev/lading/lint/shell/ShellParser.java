package dev.lading.lint.shell;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A POSIX shell reader for RUN commands: enough of the grammar that rules see each simple command's name,
 * arguments and flags, with the Dockerfile's ARG/ENV values substituted.
 *
 * <p>It is tolerant by design. A Dockerfile linter must never fail on a script the shell itself would run,
 * so anything it does not model (arithmetic, {@code case} arms, the value of a command substitution) makes
 * the affected words unresolved, or the script {@linkplain ShellScript#complete() incomplete}, instead of an
 * error. The commands inside a command substitution are read like those of a subshell: they run.
 * Variables are substituted from {@code env}; a variable not in it stays unresolved, so no rule judges a
 * value it cannot know. Assignments made by the script itself ({@code V=1; apt-get install $V}) are
 * followed in order.
 */
public final class ShellParser {
    private static final int MAX_NESTING = 4;
    private static final Set<String> SHELLS = Set.of("sh", "bash", "ash", "dash", "zsh", "ksh");
    private static final Set<String> OPENERS = Set.of("if", "then", "else", "elif", "do", "while", "until", "{", "!");
    private static final Set<String> CLOSERS = Set.of("fi", "done", "}");
    /** {@code ${V:-w}}, {@code ${V-w}}, {@code ${V:+w}}, {@code ${V+w}}: the forms whose value can be known. */
    private static final java.util.regex.Pattern DEFAULTED =
            java.util.regex.Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)(:?)([-+])(.*)", java.util.regex.Pattern.DOTALL);
    private static final Set<String> WRAPPERS = Set.of("sudo", "env", "exec", "command", "nohup", "time");

    private static final java.util.regex.Pattern FIELD_SEPARATORS = java.util.regex.Pattern.compile("[ \t\n]+");
    /** Text with nothing the shell would expand or unquote. */
    private static final java.util.regex.Pattern PLAIN_TEXT = java.util.regex.Pattern.compile("[^$`'\"\\\\]*");

    private ShellParser() {
    }

    /** True when the first {@code end} characters of {@code s} are a shell variable name. */
    private static boolean isName(String s, int end) {
        if (end <= 0) {
            return false;
        }
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            boolean letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
            if (!letter && (i == 0 || c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    /** {@code NAME=value} on one line: a variable assignment word. */
    static boolean isAssignment(String word) {
        int eq = word.indexOf('=');
        if (eq <= 0 || !isName(word, eq)) {
            return false;
        }
        for (int i = eq + 1; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                return false;
            }
        }
        return true;
    }

    /** Parses {@code script} with the variables in {@code env} known. */
    public static ShellScript parse(String script, Map<String, String> env) {
        return new Session(script, new HashMap<>(env), 0).parse();
    }

    private enum Kind { WORD, OP, NEWLINE, EOF }

    /** A token: a word's fields (usually one; several after unquoted substitution), or an operator. */
    private record Token(Kind kind, String text, List<Word> fields, boolean quoted) {
    }

    private static final class Session {
        private final String s;
        private final Map<String, String> env;
        private final int depth;
        private int pos;
        private boolean complete = true;
        private boolean hasPipeline;
        private boolean pipefail;
        private final List<String> pendingHeredocs = new ArrayList<>();
        private final List<SimpleCommand> commands = new ArrayList<>();

        Session(String s, Map<String, String> env, int depth) {
            this.s = s;
            this.env = env;
            this.depth = depth;
        }

        ShellScript parse() {
            List<Token> words = new ArrayList<>();
            List<SimpleCommand> pipeline = new ArrayList<>();
            boolean skippingForHeader = false;
            while (true) {
                Token t = next();
                if (t.kind == Kind.WORD) {
                    if (skippingForHeader) {
                        if (!t.quoted && t.text.equals("do")) {
                            skippingForHeader = false;
                        }
                        continue;
                    }
                    if (words.isEmpty() && !t.quoted) {
                        if (OPENERS.contains(t.text) || CLOSERS.contains(t.text)) {
                            continue;
                        }
                        if (t.text.equals("for")) {
                            skippingForHeader = true;
                            Token var = next();
                            if (var.kind == Kind.WORD) {
                                env.remove(var.text); // the loop variable's values are not known
                            }
                            continue;
                        }
                        if (t.text.equals("case")) {
                            complete = false;
                            skipPast("esac");
                            continue;
                        }
                    }
                    words.add(t);
                    continue;
                }
                if (t.kind == Kind.OP && isRedirection(t.text)) {
                    Token target = next();
                    if (t.text.endsWith("<<") || t.text.endsWith("<<-")) {
                        pendingHeredocs.add(target.text + (t.text.endsWith("-") ? "\t" : ""));
                    } else if (target.kind != Kind.WORD) {
                        complete = false;
                    }
                    continue;
                }
                if (skippingForHeader && (t.kind == Kind.NEWLINE || t.text.equals(";"))) {
                    continue;
                }
                SimpleCommand c = build(words);
                words.clear();
                if (c != null) {
                    pipeline.add(c);
                }
                if (t.kind == Kind.OP && t.text.equals("|")) {
                    continue;
                }
                if (pipeline.size() > 1) {
                    hasPipeline = true;
                    for (SimpleCommand p : pipeline) {
                        commands.add(new SimpleCommand(p.assignments(), p.name(), p.args(), p.wrappers(), true));
                    }
                } else {
                    commands.addAll(pipeline);
                }
                pipeline.clear();
                if (t.kind == Kind.EOF) {
                    break;
                }
            }
            return new ShellScript(commands, hasPipeline, pipefail, complete);
        }

        private void skipPast(String keyword) {
            while (true) {
                Token t = next();
                if (t.kind == Kind.EOF || (t.kind == Kind.WORD && !t.quoted && t.text.equals(keyword))) {
                    return;
                }
            }
        }

        private static boolean isRedirection(String op) {
            return op.contains("<") || op.contains(">");
        }

        /** Turns a command's words into a SimpleCommand; returns null for a bare assignment. */
        private SimpleCommand build(List<Token> tokens) {
            if (tokens.isEmpty()) {
                return null;
            }
            List<Word> words = new ArrayList<>();
            List<Word> assignments = new ArrayList<>();
            boolean inAssignments = true;
            for (Token t : tokens) {
                if (inAssignments && !t.quoted && isAssignment(t.text)) {
                    assignments.add(t.fields.isEmpty() ? new Word(t.text, true) : join(t.fields));
                    continue;
                }
                inAssignments = false;
                words.addAll(t.fields);
            }
            if (words.isEmpty()) {
                // NAME=value on its own sets a shell variable for the rest of the script
                for (int i = 0; i < assignments.size(); i++) {
                    Word a = assignments.get(i);
                    String name = tokens.get(i).text.substring(0, tokens.get(i).text.indexOf('='));
                    if (a.resolved()) {
                        env.put(name, a.value().substring(a.value().indexOf('=') + 1));
                    } else {
                        env.remove(name);
                    }
                }
                return null;
            }
            List<String> wrappers = new ArrayList<>();
            while (words.size() > 1 && words.get(0).resolved() && WRAPPERS.contains(words.get(0).value())) {
                wrappers.add(words.remove(0).value());
                while (words.size() > 1 && (words.get(0).isFlag()
                        || (wrappers.get(wrappers.size() - 1).equals("env") && words.get(0).value().contains("=")))) {
                    words.remove(0);
                }
            }
            Word name = words.get(0);
            List<Word> args = words.subList(1, words.size());
            SimpleCommand c = new SimpleCommand(assignments, name, args, wrappers, false);
            if (c.is("set") && (c.hasFlag("-o") || c.hasFlag("-e"))) {
                for (Word w : args) {
                    if (w.value().equals("pipefail")) {
                        pipefail = true;
                    }
                }
            }
            if (c.is("export") || c.is("readonly")) {
                for (Word w : args) {
                    int eq = w.value().indexOf('=');
                    if (eq > 0) {
                        String n = w.value().substring(0, eq);
                        if (w.resolved()) {
                            env.put(n, w.value().substring(eq + 1));
                        } else {
                            env.remove(n);
                        }
                    }
                }
            }
            if (c.isOneOf(SHELLS) && depth < MAX_NESTING) {
                nested(c);
            }
            return c;
        }

        /** {@code sh -c 'script'}: the script's commands count as the RUN's own. */
        private void nested(SimpleCommand c) {
            List<Word> args = c.args();
            for (int i = 0; i < args.size() - 1; i++) {
                Word w = args.get(i);
                if (!w.resolved() || !w.value().startsWith("-") || w.value().startsWith("--")) {
                    return;
                }
                if (w.value().indexOf('c') > 0) {
                    Word script = args.get(i + 1);
                    if (!script.resolved()) {
                        complete = false;
                        return;
                    }
                    ShellScript inner = new Session(script.value(), new HashMap<>(env), depth + 1).parse();
                    commands.addAll(inner.commands());
                    hasPipeline |= inner.hasPipeline();
                    pipefail |= inner.setsPipefail();
                    complete &= inner.complete();
                    return;
                }
            }
        }

        private static Word join(List<Word> fields) {
            StringBuilder sb = new StringBuilder();
            boolean resolved = true;
            for (Word w : fields) {
                if (!sb.isEmpty()) {
                    sb.append(' ');
                }
                sb.append(w.value());
                resolved &= w.resolved();
            }
            return new Word(sb.toString(), resolved);
        }

        // ---------------------------------------------------------------- tokenizer

        private Token next() {
            skipBlanks();
            if (pos >= s.length()) {
                return new Token(Kind.EOF, "", List.of(), false);
            }
            char c = s.charAt(pos);
            if (c == '\n') {
                pos++;
                readHeredocBodies();
                return new Token(Kind.NEWLINE, "\n", List.of(), false);
            }
            if (c == '#') {
                while (pos < s.length() && s.charAt(pos) != '\n') {
                    pos++;
                }
                return next();
            }
            String op = operator();
            if (op != null) {
                return new Token(Kind.OP, op, List.of(), false);
            }
            return word();
        }

        private void skipBlanks() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == ' ' || c == '\t' || c == '\r') {
                    pos++;
                } else if (c == '\\' && pos + 1 < s.length() && s.charAt(pos + 1) == '\n') {
                    pos += 2;
                } else {
                    return;
                }
            }
        }

        private void readHeredocBodies() {
            for (String pending : pendingHeredocs) {
                boolean stripTabs = pending.endsWith("\t");
                String delimiter = stripTabs ? pending.substring(0, pending.length() - 1) : pending;
                while (pos < s.length()) {
                    int eol = s.indexOf('\n', pos);
                    String line = s.substring(pos, eol < 0 ? s.length() : eol);
                    pos = eol < 0 ? s.length() : eol + 1;
                    if ((stripTabs ? line.stripLeading() : line).equals(delimiter)) {
                        break;
                    }
                }
            }
            pendingHeredocs.clear();
        }

        private static final String[] OPERATORS = {"&&", "||", ";;", "|&", "<<<", "<<-", "<<", ">>", "&>>", "&>", ">&", "<&",
                "<>", ">|", "|", "&", ";", "(", ")", "<", ">"};

        private String operator() {
            int start = pos;
            // a file descriptor number directly before a redirection belongs to it: 2>&1
            int p = pos;
            while (p < s.length() && Character.isDigit(s.charAt(p))) {
                p++;
            }
            if (p > pos && p < s.length() && (s.charAt(p) == '<' || s.charAt(p) == '>')) {
                pos = p;
            }
            if (pos >= s.length() || "&|;<>()".indexOf(s.charAt(pos)) < 0) {
                return null; // no operator starts here (the usual case: a word), pos is still start
            }
            for (String op : OPERATORS) {
                if (s.startsWith(op, pos)) {
                    pos += op.length();
                    if ((op.equals(">&") || op.equals("<&")) && pos < s.length()
                            && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '-')) {
                        // 2>&1 is complete: no target word follows
                        while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '-')) {
                            pos++;
                        }
                        return ";dup";
                    }
                    return op;
                }
            }
            pos = start;
            return null;
        }

        /** Builds the fields of one word: quote removal, substitution, field splitting of unquoted values. */
        private final class Fields {
            final List<Word> done = new ArrayList<>();
            StringBuilder cur = new StringBuilder();
            boolean resolved = true;
            boolean present;

            void literal(String text) {
                cur.append(text);
                present = true;
            }

            void unknown(String raw) {
                cur.append(raw);
                resolved = false;
                present = true;
            }

            void value(String v, boolean quoted) {
                if (quoted) {
                    literal(v);
                    return;
                }
                String[] parts = FIELD_SEPARATORS.split(v, -1);
                for (int i = 0; i < parts.length; i++) {
                    if (i > 0) {
                        flush();
                    }
                    if (!parts[i].isEmpty()) {
                        literal(parts[i]);
                    }
                }
            }

            void flush() {
                if (present) {
                    done.add(new Word(cur.toString(), resolved));
                }
                cur = new StringBuilder();
                resolved = true;
                present = false;
            }
        }

        private Token word() {
            int start = pos;
            Fields f = new Fields();
            boolean quoted = false;
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || "|&;()<>".indexOf(c) >= 0) {
                    break;
                }
                if (c == '\\') {
                    if (pos + 1 < s.length() && s.charAt(pos + 1) == '\n') {
                        pos += 2;
                        continue;
                    }
                    if (pos + 1 < s.length()) {
                        f.literal(String.valueOf(s.charAt(pos + 1)));
                    }
                    quoted = true;
                    pos = Math.min(pos + 2, s.length()); // a trailing backslash escapes nothing
                } else if (c == '\'') {
                    int end = s.indexOf('\'', pos + 1);
                    if (end < 0) {
                        complete = false;
                        end = s.length();
                    }
                    f.literal(s.substring(pos + 1, end));
                    quoted = true;
                    pos = Math.min(end + 1, s.length());
                } else if (c == '"') {
                    quoted = true;
                    pos++;
                    f.literal("");
                    doubleQuoted(f);
                } else if (c == '$') {
                    dollar(f, false);
                } else if (c == '`') {
                    backquoted(f);
                } else {
                    f.literal(String.valueOf(c));
                    pos++;
                }
            }
            f.flush();
            return new Token(Kind.WORD, s.substring(start, pos), f.done, quoted);
        }

        private void doubleQuoted(Fields f) {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == '"') {
                    pos++;
                    return;
                }
                if (c == '\\' && pos + 1 < s.length()) {
                    char n = s.charAt(pos + 1);
                    if (n == '\n') {
                        pos += 2;
                        continue;
                    }
                    f.literal("$`\"\\".indexOf(n) >= 0 ? String.valueOf(n) : "\\" + n);
                    pos += 2;
                } else if (c == '$') {
                    dollar(f, true);
                } else if (c == '`') {
                    backquoted(f);
                } else {
                    f.literal(String.valueOf(c));
                    pos++;
                }
            }
            complete = false; // unterminated double quote
        }

        private void dollar(Fields f, boolean quoted) {
            int start = pos;
            pos++;
            if (pos >= s.length()) {
                f.literal("$");
                return;
            }
            char c = s.charAt(pos);
            if (c == '{') {
                int end = matching(pos, '{', '}');
                String inner = s.substring(pos + 1, Math.max(pos + 1, end));
                pos = Math.min(end + 1, s.length());
                braced(f, inner, s.substring(start, pos), quoted);
            } else if (c == '(') {
                int end = matching(pos, '(', ')');
                boolean arithmetic = pos + 1 < s.length() && s.charAt(pos + 1) == '(';
                String inner = s.substring(pos + 1, Math.max(pos + 1, end));
                pos = Math.min(end + 1, s.length());
                f.unknown(s.substring(start, pos));
                if (!arithmetic) {
                    substituted(inner);
                }
            } else if (Character.isLetter(c) || c == '_') {
                int e = pos;
                while (e < s.length() && (Character.isLetterOrDigit(s.charAt(e)) || s.charAt(e) == '_')) {
                    e++;
                }
                String name = s.substring(pos, e);
                pos = e;
                lookup(f, name, s.substring(start, pos), quoted);
            } else if (Character.isDigit(c) || "@*#?$!-".indexOf(c) >= 0) {
                pos++;
                f.unknown(s.substring(start, pos));
            } else {
                f.literal("$");
            }
        }

        /**
         * {@code `command`}: an unknown value, whose commands run. Inside, a backslash quotes {@code $},
         * {@code `} and itself, as the shell reads it.
         */
        private void backquoted(Fields f) {
            int end = pos + 1;
            while (end < s.length() && s.charAt(end) != '`') {
                end += s.charAt(end) == '\\' ? 2 : 1; // \` does not close it
            }
            end = Math.min(end, s.length() - 1);
            String raw = s.substring(pos, end + 1);
            f.unknown(raw);
            pos = end + 1;
            StringBuilder inner = new StringBuilder();
            for (int i = 1; i < raw.length() - (raw.endsWith("`") && raw.length() > 1 ? 1 : 0); i++) {
                char ch = raw.charAt(i);
                if (ch == '\\' && i + 1 < raw.length() && "$`\\".indexOf(raw.charAt(i + 1)) >= 0) {
                    ch = raw.charAt(++i);
                }
                inner.append(ch);
            }
            substituted(inner.toString());
        }

        /**
         * The commands of a command substitution ({@code $(…)}, {@code `…`}) run as part of the RUN, so rules
         * see them as its own ({@code echo "$(apt-get install -y curl)"} installs curl). They run in a subshell:
         * what they assign or {@code set} stays there. The substitution's value is still unknown.
         */
        private void substituted(String script) {
            if (depth >= MAX_NESTING || script.isBlank()) {
                return;
            }
            ShellScript inner = new Session(script, new HashMap<>(env), depth + 1).parse();
            commands.addAll(inner.commands());
            complete &= inner.complete();
        }

        private void lookup(Fields f, String name, String raw, boolean quoted) {
            String v = env.get(name);
            if (v == null) {
                f.unknown(raw);
            } else {
                f.value(v, quoted);
            }
        }

        private void braced(Fields f, String inner, String raw, boolean quoted) {
            if (isName(inner, inner.length())) {
                lookup(f, inner, raw, quoted);
                return;
            }
            var m = DEFAULTED.matcher(inner);
            if (!m.matches()) {
                f.unknown(raw);
                return;
            }
            String v = env.get(m.group(1));
            boolean colon = !m.group(2).isEmpty();
            boolean set = v != null && !(colon && v.isEmpty());
            String alt = m.group(4);
            boolean useAlt = m.group(3).equals("-") ? !set : set;
            if (!useAlt) {
                if (m.group(3).equals("-")) {
                    f.value(v, quoted);
                } else {
                    f.value("", quoted);
                }
                return;
            }
            if (PLAIN_TEXT.matcher(alt).matches()) {
                f.value(alt, quoted);
            } else {
                f.unknown(raw);
            }
        }

        /** The index of the bracket closing the one at {@code open}, skipping quoted text; s.length() if none. */
        private int matching(int open, char o, char c) {
            int d = 0;
            for (int i = open; i < s.length(); i++) {
                char ch = s.charAt(i);
                if (ch == '\\') {
                    i++;
                } else if (ch == '\'') {
                    int e = s.indexOf('\'', i + 1);
                    if (e < 0) {
                        break;
                    }
                    i = e;
                } else if (ch == o) {
                    d++;
                } else if (ch == c && --d == 0) {
                    return i;
                }
            }
            complete = false;
            return s.length();
        }
    }
}
