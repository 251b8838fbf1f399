package dev.lading.lint.fix;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Just enough of the POSIX shell grammar to find simple commands and where their words are in a RUN's text.
 * A word is <em>plain</em> when it has no quoting, escape, expansion or glob: its text is what the command
 * sees. Fixes only act on plain words; anything else is left alone.
 */
final class ShellTokens {
    private static final Set<String> RESERVED = Set.of("if", "then", "else", "elif", "do", "while", "until", "!", "{", "}",
            "time");
    private static final String PLAIN = "[A-Za-z0-9_./:=,+@%^-]+";

    private ShellTokens() {
    }

    /** A word of the text: {@code [start, end)} indexes of the text it was read from. */
    record Token(String text, int start, int end, boolean plain) {
    }

    /** A simple command: its name and the words after it (redirections and their targets left out). */
    record Command(Token name, List<Token> args) {
        /** The basename of a plain command name ({@code /usr/bin/apt-get} → {@code apt-get}); empty otherwise. */
        String base() {
            return name.plain() ? name.text().substring(name.text().lastIndexOf('/') + 1) : "";
        }
    }

    /** The simple commands of {@code script}, in order; empty when the text is more than this reader understands. */
    static List<Command> commands(String script) {
        List<Command> out = new ArrayList<>();
        Token name = null;
        List<Token> args = new ArrayList<>();
        boolean redirectTarget = false;
        int i = 0;
        int n = script.length();
        while (i < n) {
            char c = script.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r') {
                i++;
                continue;
            }
            if (c == '\\' && i + 1 < n && (script.charAt(i + 1) == '\n' || script.startsWith("\r\n", i + 1))) {
                i += script.charAt(i + 1) == '\n' ? 2 : 3; // a line continuation in a script: just a break between words
                continue;
            }
            if (c == '\n' || c == ';' || c == '&' || c == '|' || c == '(' || c == ')') {
                if (c == '&' && i + 1 < n && script.charAt(i + 1) == '>') {
                    // &> redirection
                    i += script.startsWith("&>>", i) ? 3 : 2;
                    redirectTarget = true;
                    continue;
                }
                if (name != null) {
                    out.add(new Command(name, args));
                }
                name = null;
                args = new ArrayList<>();
                i++;
                continue;
            }
            if (c == '#' ) {
                // a comment runs to the end of the line
                int nl = script.indexOf('\n', i);
                i = nl < 0 ? n : nl;
                continue;
            }
            if (c == '<' || c == '>') {
                if (script.startsWith("<<", i)) {
                    return List.of(); // a heredoc inside the script: not read here
                }
                i++;
                while (i < n && (script.charAt(i) == '>' || script.charAt(i) == '&' || script.charAt(i) == '|')) {
                    i++;
                }
                redirectTarget = true;
                continue;
            }
            int start = i;
            boolean plain = true;
            while (i < n) {
                char d = script.charAt(i);
                if (d == ' ' || d == '\t' || d == '\r' || d == '\n' || d == ';' || d == '&' || d == '|' || d == '(' || d == ')'
                        || d == '<' || d == '>') {
                    break;
                }
                if (d == '\'' ) {
                    plain = false;
                    int close = script.indexOf('\'', i + 1);
                    if (close < 0) {
                        return List.of();
                    }
                    i = close + 1;
                } else if (d == '"' || d == '`') {
                    plain = false;
                    int close = closing(script, i + 1, d);
                    if (close < 0) {
                        return List.of();
                    }
                    i = close + 1;
                } else if (d == '\\') {
                    plain = false;
                    i += 2;
                } else if (d == '$' && i + 1 < n && script.charAt(i + 1) == '(') {
                    plain = false;
                    int close = matchingParen(script, i + 2);
                    if (close < 0) {
                        return List.of();
                    }
                    i = close + 1;
                } else {
                    i++;
                }
            }
            i = Math.min(i, n);
            String text = script.substring(start, i);
            if (plain && (i > start && Character.isDigit(text.charAt(text.length() - 1)) && i < n
                    && (script.charAt(i) == '>' || script.charAt(i) == '<') && text.matches("[0-9]+"))) {
                continue; // the descriptor of a redirection such as 2>&1
            }
            Token t = new Token(text, start, i, plain && text.matches(PLAIN));
            if (redirectTarget) {
                redirectTarget = false;
                continue;
            }
            if (name == null) {
                if (RESERVED.contains(t.text()) || (t.plain() && t.text().matches("[A-Za-z_][A-Za-z0-9_]*=.*"))) {
                    continue;
                }
                if (!t.plain() && t.text().matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
                    continue; // an assignment with a quoted or expanded value
                }
                name = t;
            } else {
                args.add(t);
            }
        }
        if (name != null) {
            out.add(new Command(name, args));
        }
        return out;
    }

    private static int closing(String s, int from, char quote) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == quote) {
                return i;
            }
        }
        return -1;
    }

    private static int matchingParen(String s, int from) {
        int depth = 1;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '\'') {
                int close = s.indexOf('\'', i + 1);
                if (close < 0) {
                    return -1;
                }
                i = close;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
