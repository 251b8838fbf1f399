package dev.lading.lint.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The patterns of one {@code .gitignore} file, with git's meaning: later patterns win, {@code !} re-includes,
 * a trailing {@code /} matches directories only, a pattern with a {@code /} before its end is relative to the
 * file's directory and any other pattern matches a name at any depth, {@code *}, {@code ?}, {@code [...]} and
 * {@code **} as in git.
 *
 * @param base  the directory holding the file; patterns are relative to it
 * @param rules the patterns in file order
 */
public record GitIgnore(Path base, List<Rule> rules) {
    public GitIgnore {
        rules = List.copyOf(rules);
    }

    /** One pattern line. */
    public record Rule(Pattern regex, boolean negated, boolean dirOnly, boolean anchored) {
    }

    /** What a set of ignore files says about a path: nothing, ignored, or explicitly not ignored. */
    public enum Verdict { NONE, IGNORED, INCLUDED }

    public static GitIgnore load(Path file) throws IOException {
        return parse(file.toAbsolutePath().normalize().getParent(), Files.readString(file, StandardCharsets.UTF_8));
    }

    public static GitIgnore parse(Path base, String text) {
        List<Rule> rules = new ArrayList<>();
        for (String raw : text.split("\r?\n")) {
            String line = stripTrailingSpaces(raw);
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            boolean negated = false;
            if (line.startsWith("!")) {
                negated = true;
                line = line.substring(1);
            } else if (line.startsWith("\\!") || line.startsWith("\\#")) {
                line = line.substring(1);
            }
            boolean dirOnly = line.endsWith("/");
            if (dirOnly) {
                line = line.substring(0, line.length() - 1);
            }
            if (line.isEmpty()) {
                continue;
            }
            boolean anchored = line.contains("/");
            if (line.startsWith("/")) {
                line = line.substring(1);
            }
            rules.add(new Rule(Pattern.compile(regex(line)), negated, dirOnly, anchored));
        }
        return new GitIgnore(base, rules);
    }

    /** This file's say on {@code path} (absolute or relative to the working directory). */
    public Verdict verdict(Path path, boolean isDirectory) {
        Path abs = path.toAbsolutePath().normalize();
        if (!abs.startsWith(base) || abs.equals(base)) {
            return Verdict.NONE;
        }
        String rel = base.relativize(abs).toString().replace('\\', '/');
        String name = abs.getFileName().toString();
        Verdict v = Verdict.NONE;
        for (Rule r : rules) {
            if (r.dirOnly() && !isDirectory) {
                continue;
            }
            if (r.regex().matcher(r.anchored() ? rel : name).matches()) {
                v = r.negated() ? Verdict.INCLUDED : Verdict.IGNORED;
            }
        }
        return v;
    }

    private static String stripTrailingSpaces(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ' && !(end > 1 && s.charAt(end - 2) == '\\')) {
            end--;
        }
        return s.substring(0, end);
    }

    /** The glob as a regular expression over a '/'-separated path. */
    static String regex(String glob) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i);
            if (c == '*' && glob.startsWith("**", i)) {
                boolean atStart = i == 0 || glob.charAt(i - 1) == '/';
                boolean atEnd = i + 2 == glob.length();
                boolean slashAfter = i + 2 < glob.length() && glob.charAt(i + 2) == '/';
                if (atStart && slashAfter) {
                    sb.append("(?:.*/)?"); // "**/" : any number of directories, none included
                    i += 3;
                    continue;
                }
                if (atStart && atEnd) {
                    sb.append(".*"); // "/**" : everything inside
                    i += 2;
                    continue;
                }
                sb.append("[^/]*"); // elsewhere ** is an ordinary *
                i += 2;
                continue;
            }
            switch (c) {
                case '*' -> sb.append("[^/]*");
                case '?' -> sb.append("[^/]");
                case '\\' -> {
                    if (i + 1 < glob.length()) {
                        sb.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
                    }
                }
                case '[' -> {
                    int close = glob.indexOf(']', i + 2);
                    if (close < 0) {
                        sb.append("\\[");
                    } else {
                        String body = glob.substring(i + 1, close);
                        if (body.startsWith("!")) {
                            body = "^" + body.substring(1);
                        }
                        sb.append('[').append(body.replace("\\", "\\\\").replace("[", "\\[")).append(']');
                        i = close;
                    }
                }
                default -> sb.append(Pattern.quote(String.valueOf(c)));
            }
            i++;
        }
        return sb.toString();
    }
}
