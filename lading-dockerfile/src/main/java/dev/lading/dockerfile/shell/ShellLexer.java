package dev.lading.dockerfile.shell;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Word processing and variable substitution as BuildKit's frontend/dockerfile/shell lexer does it: quotes,
 * escapes, {@code $V}, {@code ${V}}, {@code ${V:-w}}, {@code ${V-w}}, {@code ${V:+w}}, {@code ${V+w}},
 * {@code ${V:?m}}, {@code ${V?m}}, {@code ${V#p}}, {@code ${V##p}}, {@code ${V%p}}, {@code ${V%%p}},
 * {@code ${V/p/r}}, {@code ${V//p/r}}. Patterns know {@code *}, {@code ?} and backslash escapes; as in
 * BuildKit, brackets are literal characters. Immutable; each call has its own state.
 */
public final class ShellLexer {
    private static final int EOF = -1;

    private final int escapeToken;
    private final boolean rawQuotes;
    private final boolean rawEscapes;
    private final boolean skipProcessQuotes;
    private final boolean skipUnsetEnv;

    private ShellLexer(int escapeToken, boolean rawQuotes, boolean rawEscapes, boolean skipProcessQuotes,
                       boolean skipUnsetEnv) {
        this.escapeToken = escapeToken;
        this.rawQuotes = rawQuotes;
        this.rawEscapes = rawEscapes;
        this.skipProcessQuotes = skipProcessQuotes;
        this.skipUnsetEnv = skipUnsetEnv;
    }

    /** A lexer with the given escape character ({@code \} by default, {@code `} with the escape directive). */
    public static ShellLexer withEscape(char escapeToken) {
        return new ShellLexer(escapeToken, false, false, false, false);
    }

    /** Keep quote characters in the output. */
    public ShellLexer rawQuotes(boolean on) {
        return new ShellLexer(escapeToken, on, rawEscapes, skipProcessQuotes, skipUnsetEnv);
    }

    /** Keep escape characters in the output. */
    public ShellLexer rawEscapes(boolean on) {
        return new ShellLexer(escapeToken, rawQuotes, on, skipProcessQuotes, skipUnsetEnv);
    }

    /** Treat quotes as ordinary characters (used for heredoc bodies). */
    public ShellLexer skipProcessQuotes(boolean on) {
        return new ShellLexer(escapeToken, rawQuotes, rawEscapes, on, skipUnsetEnv);
    }

    /** Leave references to unset variables as written instead of substituting the empty string. */
    public ShellLexer skipUnsetEnv(boolean on) {
        return new ShellLexer(escapeToken, rawQuotes, rawEscapes, skipProcessQuotes, on);
    }

    public ProcessResult process(String word, Map<String, String> env) throws ShellSyntaxException {
        Run run = new Run(word, env);
        try {
            Words words = new Words();
            String result = run.processStopOn(EOF, rawEscapes, words);
            return new ProcessResult(result, words.getWords(), run.matches, run.nonMatches);
        } catch (ShellSyntaxException e) {
            throw new ShellSyntaxException("failed to process \"" + word + "\": " + e.getMessage());
        }
    }

    /** BuildKit's ProcessWord: one word out. */
    public String processWord(String word, Map<String, String> env) throws ShellSyntaxException {
        return process(word, env).result();
    }

    /** BuildKit's ProcessWords: split on unquoted white space after substitution. */
    public List<String> processWords(String word, Map<String, String> env) throws ShellSyntaxException {
        return process(word, env).words();
    }

    /** Collects the words of ProcessWords exactly as BuildKit's wordsStruct does. */
    private static final class Words {
        private final StringBuilder word = new StringBuilder();
        private final List<String> words = new ArrayList<>();
        private boolean inWord;

        void addChar(int ch) {
            if (isSpace(ch) && inWord) {
                if (!word.isEmpty()) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else if (!isSpace(ch)) {
                addRawChar(ch);
            }
        }

        void addRawChar(int ch) {
            word.appendCodePoint(ch);
            inWord = true;
        }

        void addString(String s) {
            s.codePoints().forEach(this::addChar);
        }

        void addRawString(String s) {
            word.append(s);
            inWord = true;
        }

        List<String> getWords() {
            if (!word.isEmpty()) {
                words.add(word.toString());
                word.setLength(0);
                inWord = false;
            }
            return words;
        }
    }

    /** The state of one process call: a code point scanner over the word plus what was looked up. */
    private final class Run {
        private final int[] cps;
        private int pos;
        private final Map<String, String> env;
        private boolean escapesRaw = rawEscapes;
        final Set<String> matches = new LinkedHashSet<>();
        final Set<String> nonMatches = new LinkedHashSet<>();

        Run(String word, Map<String, String> env) {
            this.cps = codePoints(word);
            this.env = env;
        }

        /** The word's code points (a loop rather than a stream: every word of every instruction comes here). */
        private static int[] codePoints(String s) {
            int[] out = new int[s.length()];
            int n = 0;
            for (int i = 0; i < s.length(); ) {
                int cp = s.codePointAt(i);
                out[n++] = cp;
                i += Character.charCount(cp);
            }
            return n == out.length ? out : java.util.Arrays.copyOf(out, n);
        }

        int peek() {
            return pos < cps.length ? cps[pos] : EOF;
        }

        int next() {
            return pos < cps.length ? cps[pos++] : EOF;
        }

        String processStopOn(int stopChar, boolean raw, Words words) throws ShellSyntaxException {
            boolean saved = escapesRaw;
            escapesRaw = raw;
            try {
                return processStopOnInner(stopChar, words);
            } finally {
                escapesRaw = saved;
            }
        }

        private String processStopOnInner(int stopChar, Words words) throws ShellSyntaxException {
            StringBuilder result = new StringBuilder();
            while (peek() != EOF) {
                int ch = peek();
                if (stopChar != EOF && ch == stopChar) {
                    next();
                    return result.toString();
                }
                if (ch == '$') {
                    String tmp = processDollar();
                    result.append(tmp);
                    words.addString(tmp);
                } else if (!skipProcessQuotes && (ch == '\'' || ch == '"')) {
                    String tmp = ch == '\'' ? processSingleQuote() : processDoubleQuote();
                    result.append(tmp);
                    words.addRawString(tmp);
                } else {
                    ch = next();
                    if (ch == escapeToken) {
                        if (escapesRaw) {
                            words.addRawChar(ch);
                            result.appendCodePoint(ch);
                        }
                        ch = next();
                        if (ch == EOF) {
                            break;
                        }
                        words.addRawChar(ch);
                    } else {
                        words.addChar(ch);
                    }
                    result.appendCodePoint(ch);
                }
            }
            if (stopChar != EOF) {
                throw new ShellSyntaxException("unexpected end of statement while looking for matching "
                        + Character.toString(stopChar));
            }
            return result.toString();
        }

        private String processSingleQuote() throws ShellSyntaxException {
            StringBuilder result = new StringBuilder();
            int ch = next();
            if (rawQuotes) {
                result.appendCodePoint(ch);
            }
            while (true) {
                ch = next();
                if (ch == EOF) {
                    throw new ShellSyntaxException("unexpected end of statement while looking for matching single-quote");
                }
                if (ch == '\'') {
                    if (rawQuotes) {
                        result.appendCodePoint(ch);
                    }
                    return result.toString();
                }
                result.appendCodePoint(ch);
            }
        }

        private String processDoubleQuote() throws ShellSyntaxException {
            StringBuilder result = new StringBuilder();
            int ch = next();
            if (rawQuotes) {
                result.appendCodePoint(ch);
            }
            while (true) {
                int p = peek();
                if (p == EOF) {
                    throw new ShellSyntaxException("unexpected end of statement while looking for matching double-quote");
                } else if (p == '"') {
                    ch = next();
                    if (rawQuotes) {
                        result.appendCodePoint(ch);
                    }
                    return result.toString();
                } else if (p == '$') {
                    result.append(processDollar());
                } else {
                    ch = next();
                    if (ch == escapeToken) {
                        if (escapesRaw) {
                            result.appendCodePoint(ch);
                        }
                        int after = peek();
                        if (after == EOF) {
                            // BuildKit ignores an escape at the end of the word; the missing quote is reported next
                            continue;
                        }
                        if (after == '"' || after == '$' || after == escapeToken) {
                            ch = next();
                        }
                    }
                    result.appendCodePoint(ch);
                }
            }
        }

        private String processDollar() throws ShellSyntaxException {
            next();
            if (peek() != '{') {
                String name = processName();
                if (name.isEmpty()) {
                    return "$";
                }
                Lookup v = getEnv(name);
                if (!v.found && skipUnsetEnv) {
                    return "$" + name;
                }
                return v.value;
            }
            next();
            int p = peek();
            if (p == EOF) {
                throw new ShellSyntaxException("syntax error: missing '}'");
            }
            if (p == '{' || p == '}' || p == ':') {
                throw new ShellSyntaxException("syntax error: bad substitution");
            }
            String name = processName();
            int ch = next();
            if (ch == EOF) {
                throw new ShellSyntaxException("syntax error: missing '}'");
            }
            String chs = Character.toString(ch);
            boolean nullIsUnset = false;
            switch (ch) {
                case '}' -> {
                    Lookup v = getEnv(name);
                    if (!v.found && skipUnsetEnv) {
                        return "${" + name + "}";
                    }
                    return v.value;
                }
                case ':', '+', '-', '?', '#', '%' -> {
                    if (ch == ':') {
                        nullIsUnset = true;
                        ch = next();
                        chs += ch == EOF ? "" : Character.toString(ch);
                    }
                    boolean raw = ch == '#' || ch == '%';
                    String word;
                    try {
                        word = processStopOn('}', raw, new Words());
                    } catch (ShellSyntaxException e) {
                        if (peek() == EOF) {
                            throw new ShellSyntaxException("syntax error: missing '}'");
                        }
                        throw e;
                    }
                    Lookup v = getEnv(name);
                    if (skipUnsetEnv && !v.found) {
                        return "${" + name + chs + word + "}";
                    }
                    switch (ch) {
                        case '-' -> {
                            return !v.found || (nullIsUnset && v.value.isEmpty()) ? word : v.value;
                        }
                        case '+' -> {
                            return !v.found || (nullIsUnset && v.value.isEmpty()) ? "" : word;
                        }
                        case '?' -> {
                            if (!v.found) {
                                throw new ShellSyntaxException(name + ": " + (word.isEmpty() ? "is not allowed to be unset" : word));
                            }
                            if (nullIsUnset && v.value.isEmpty()) {
                                throw new ShellSyntaxException(name + ": " + (word.isEmpty() ? "is not allowed to be empty" : word));
                            }
                            return v.value;
                        }
                        case '%', '#' -> {
                            boolean greedy = false;
                            if (!word.isEmpty() && word.codePointAt(0) == ch) {
                                greedy = true;
                                word = word.substring(1);
                            }
                            return ch == '%' ? trimSuffix(word, v.value, greedy) : trimPrefix(word, v.value, greedy);
                        }
                        default -> throw new ShellSyntaxException("unsupported modifier (" + chs + ") in substitution");
                    }
                }
                case '/' -> {
                    boolean replaceAll = peek() == '/';
                    if (replaceAll) {
                        next();
                    }
                    String pattern;
                    try {
                        pattern = processStopOn('/', true, new Words());
                    } catch (ShellSyntaxException e) {
                        if (peek() == EOF) {
                            throw new ShellSyntaxException("syntax error: missing '/' in ${}");
                        }
                        throw e;
                    }
                    String replacement;
                    try {
                        replacement = processStopOn('}', true, new Words());
                    } catch (ShellSyntaxException e) {
                        if (peek() == EOF) {
                            throw new ShellSyntaxException("syntax error: missing '}'");
                        }
                        throw e;
                    }
                    Lookup v = getEnv(name);
                    if (skipUnsetEnv && !v.found) {
                        return "${" + name + "/" + pattern + "/" + replacement + "}";
                    }
                    Pattern re = shellPatternToRegex(pattern, true, false);
                    if (replaceAll) {
                        return goReplaceAll(re, v.value, replacement);
                    }
                    Matcher m = re.matcher(v.value);
                    if (m.find()) {
                        return v.value.substring(0, m.start()) + replacement + v.value.substring(m.end());
                    }
                    return v.value;
                }
                default -> throw new ShellSyntaxException("unsupported modifier (" + chs + ") in substitution");
            }
        }

        private String processName() {
            StringBuilder name = new StringBuilder();
            while (peek() != EOF) {
                int ch = peek();
                if (name.isEmpty() && Character.isDigit(ch)) {
                    while (peek() != EOF && Character.isDigit(peek())) {
                        name.appendCodePoint(next());
                    }
                    return name.toString();
                }
                if (name.isEmpty() && isSpecialParam(ch)) {
                    return Character.toString(next());
                }
                if (!Character.isLetter(ch) && !Character.isDigit(ch) && ch != '_') {
                    break;
                }
                name.appendCodePoint(next());
            }
            return name.toString();
        }

        private Lookup getEnv(String name) {
            String value = env.get(name);
            if (value != null) {
                matches.add(name);
                return new Lookup(value, true);
            }
            nonMatches.add(name);
            return new Lookup("", false);
        }
    }

    private record Lookup(String value, boolean found) {
    }

    private static boolean isSpecialParam(int ch) {
        return switch (ch) {
            case '@', '*', '#', '?', '-', '$', '!', '0' -> true;
            default -> false;
        };
    }

    /** Go's unicode.IsSpace. */
    static boolean isSpace(int ch) {
        return ch == '\t' || ch == '\n' || ch == 0x0B || ch == '\f' || ch == '\r' || ch == 0x85
                || Character.isSpaceChar(ch);
    }

    /**
     * A shell wildcard pattern as a regular expression: {@code *} any string (shortest or longest),
     * {@code ?} one character, backslash escapes {@code *}, {@code ?} and itself; a backslash before
     * {@code }} or {@code /} (needed inside ${}) is dropped. Anything else is literal.
     */
    static Pattern shellPatternToRegex(String pattern, boolean greedy, boolean anchored) throws ShellSyntaxException {
        StringBuilder out = new StringBuilder(pattern.length() + 4);
        if (anchored) {
            out.append('^');
        }
        String star = greedy ? ".*" : ".*?";
        int[] cps = pattern.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            int tok = cps[i];
            switch (tok) {
                case '*' -> out.append(star);
                case '?' -> out.append('.');
                case '\\' -> {
                    int peek = i + 1 < cps.length ? cps[i + 1] : EOF;
                    if (peek == '}' || peek == '/') {
                        continue;
                    }
                    i++;
                    if (peek != '*' && peek != '?' && peek != '\\') {
                        throw new ShellSyntaxException("invalid pattern (" + pattern + ") in substitution: invalid escape '\\"
                                + (peek == EOF ? "" : Character.toString(peek)) + "'");
                    }
                    out.append('\\').appendCodePoint(peek);
                }
                default -> out.append(Pattern.quote(Character.toString(tok)));
            }
        }
        try {
            // UNIX_LINES: like Go's RE2, '.' excludes only '\n'
            return Pattern.compile(out.toString(), Pattern.UNIX_LINES);
        } catch (PatternSyntaxException e) {
            throw new ShellSyntaxException("invalid pattern (" + pattern + ") in substitution: " + e.getDescription());
        }
    }

    private static String trimPrefix(String pattern, String value, boolean greedy) throws ShellSyntaxException {
        Matcher m = shellPatternToRegex(pattern, greedy, true).matcher(value);
        return m.find() ? value.substring(m.end()) : value;
    }

    /**
     * Regular expressions cannot find the shortest rightmost match, so BuildKit reverses both the value and
     * the pattern (keeping escapes before the character they escape) and trims a prefix instead.
     */
    private static String trimSuffix(String pattern, String value, boolean greedy) throws ShellSyntaxException {
        String reversed = trimPrefix(reversePattern(pattern), reverse(value), greedy);
        return reverse(reversed);
    }

    static String reverse(String s) {
        int[] cps = s.codePoints().toArray();
        StringBuilder b = new StringBuilder(s.length());
        for (int i = cps.length - 1; i >= 0; i--) {
            b.appendCodePoint(cps[i]);
        }
        return b.toString();
    }

    static String reversePattern(String pattern) {
        int[] in = pattern.codePoints().toArray();
        int[] out = new int[in.length];
        int last = in.length - 1;
        for (int i = 0; i <= last; ) {
            int tok = in[i];
            int outIdx = last - i;
            if (tok == '\\' && i != last) {
                out[outIdx - 1] = tok;
                out[outIdx] = in[i + 1];
                i += 2;
            } else {
                out[outIdx] = tok;
                i++;
            }
        }
        StringBuilder b = new StringBuilder();
        for (int cp : out) {
            b.appendCodePoint(cp);
        }
        return b.toString();
    }

    /**
     * Go's Regexp.ReplaceAllString: an empty match right after a previous match is not replaced, and the
     * replacement is a template where {@code $n}, {@code ${n}} and {@code $name} refer to groups.
     */
    static String goReplaceAll(Pattern re, String src, String template) {
        Matcher m = re.matcher(src);
        StringBuilder buf = new StringBuilder();
        int lastMatchEnd = 0;
        int searchPos = 0;
        while (searchPos <= src.length() && m.find(searchPos)) {
            buf.append(src, lastMatchEnd, m.start());
            if (m.end() > lastMatchEnd || m.start() == 0) {
                expandTemplate(buf, template, m);
            }
            lastMatchEnd = m.end();
            int width = searchPos < src.length() ? Character.charCount(src.codePointAt(searchPos)) : 1;
            if (searchPos + width > m.end()) {
                searchPos += width;
            } else if (searchPos + 1 > m.end()) {
                searchPos++;
            } else {
                searchPos = m.end();
            }
        }
        buf.append(src, Math.min(lastMatchEnd, src.length()), src.length());
        return buf.toString();
    }

    private static void expandTemplate(StringBuilder buf, String template, Matcher m) {
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c != '$' || i + 1 >= template.length()) {
                buf.append(c);
                i++;
                continue;
            }
            char n = template.charAt(i + 1);
            if (n == '$') {
                buf.append('$');
                i += 2;
                continue;
            }
            String name;
            int end;
            if (n == '{') {
                int close = template.indexOf('}', i + 2);
                if (close < 0 || close == i + 2 || !isTemplateName(template.substring(i + 2, close))) {
                    buf.append(c);
                    i++;
                    continue;
                }
                name = template.substring(i + 2, close);
                end = close + 1;
            } else {
                int j = i + 1;
                while (j < template.length() && isTemplateChar(template.charAt(j))) {
                    j++;
                }
                if (j == i + 1) {
                    buf.append(c);
                    i++;
                    continue;
                }
                name = template.substring(i + 1, j);
                end = j;
            }
            if (name.chars().allMatch(Character::isDigit)) {
                try {
                    int g = Integer.parseInt(name);
                    if (g <= m.groupCount() && m.group(g) != null) {
                        buf.append(m.group(g));
                    }
                } catch (NumberFormatException tooLarge) {
                    // a group number this large names no group: Go substitutes nothing
                }
            }
            i = end;
        }
    }

    private static boolean isTemplateName(String s) {
        return s.chars().allMatch(c -> isTemplateChar((char) c));
    }

    private static boolean isTemplateChar(char c) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
