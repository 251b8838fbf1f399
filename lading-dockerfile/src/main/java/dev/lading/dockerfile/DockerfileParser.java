package dev.lading.dockerfile;

import dev.lading.dockerfile.LineParsers.JsonResult;
import dev.lading.dockerfile.LineParsers.RawFlag;
import dev.lading.dockerfile.shell.ShellLexer;
import dev.lading.dockerfile.shell.ShellSyntaxException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses Dockerfiles the way BuildKit's frontend does (frontend/dockerfile/parser and instructions):
 * directives, comments, line continuations, heredocs, JSON and shell forms, every instruction and its flags.
 *
 * <p>Like BuildKit it works in two passes: first every line is split into instructions and their words
 * (errors of that pass, such as an unterminated heredoc, win over later ones), then each instruction is
 * checked (flags, argument counts) and turned into its record. Stateless: call {@link #parse} from any thread.
 */
public final class DockerfileParser {
    private DockerfileParser() {
    }

    /** Parses Dockerfile text; {@code fileName} is only used in messages. */
    public static Dockerfile parse(String fileName, String text) throws DockerfileParseException {
        return new Session(fileName, text).parse();
    }

    /** Reads and parses a file (UTF-8; invalid bytes become U+FFFD as Go's string handling tolerates them). */
    public static Dockerfile parse(Path file) throws IOException, DockerfileParseException {
        byte[] bytes = Files.readAllBytes(file);
        return parse(file.toString(), new String(bytes, StandardCharsets.UTF_8));
    }

    private static final Pattern DIRECTIVE =
            Pattern.compile("(?s)^#[\\t\\n\\f\\r ]*([a-zA-Z][a-zA-Z0-9]*)[\\t\\n\\f\\r ]*=[\\t\\n\\f\\r ]*(.+?)[\\t\\n\\f\\r ]*$");
    private static final Set<String> DIRECTIVES = Set.of("syntax", "escape", "check");
    private static final Pattern HEREDOC = Pattern.compile("(?s)^([0-9]*)<<(-?)[\\t\\n\\f\\r ]*([^<]*)$");
    private static final Pattern STAGE_NAME = Pattern.compile("^[a-z][a-z0-9-_.]*$");
    private static final Pattern ONBUILD_PREFIX = Pattern.compile("(?i)^[\\t\\n\\f\\r ]*ONBUILD[\\t\\n\\f\\r ]*");
    private static final Set<InstructionKind> HEREDOC_KINDS = Set.of(InstructionKind.ADD, InstructionKind.COPY, InstructionKind.RUN);

    private enum FlagType { BOOL, STRING, STRINGS }

    private static final int MAX_LINE_BYTES = 65535;

    /** An instruction after the first pass: keyword, flags and the words its line parser produced. */
    private static final class RawNode {
        String keyword;
        Optional<InstructionKind> kind;
        List<RawFlag> flags;
        String args;
        int argsOffset;
        int start;
        LogicalLine logical;
        // line-parser output
        List<String> words = List.of();
        boolean json;
        boolean none = true;
        List<KeyValue> pairs = List.of();
        RawNode child;
        List<Heredoc> heredocs = new ArrayList<>();
        // placement
        SourceRange range;
        List<Comment> comments = List.of();
    }

    private record Continuation(String text, boolean end) {
    }

    private static final class Session {
        private final String fileName;
        private final List<String> rawLines;
        private int next;
        private int lineNo;
        private char escape = '\\';
        private boolean directivesDone;
        private final List<Directive> directives = new ArrayList<>();
        private final List<Comment> allComments = new ArrayList<>();
        private List<Comment> pending = new ArrayList<>();
        private final List<ParseWarning> warnings = new ArrayList<>();

        Session(String fileName, String text) {
            this.fileName = fileName;
            this.rawLines = splitLines(text);
        }

        private static List<String> splitLines(String text) {
            List<String> lines = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    lines.add(text.substring(start, i + 1));
                    start = i + 1;
                }
            }
            if (start < text.length()) {
                lines.add(text.substring(start));
            }
            return lines;
        }

        private DockerfileParseException error(Position at, String message, String hint) {
            return new DockerfileParseException(fileName, at, message, hint);
        }

        /** BuildKit reads lines with a bufio.Scanner of 64 KiB: a longer physical line is an error. */
        private void checkLineLengths() throws DockerfileParseException {
            for (int i = 0; i < rawLines.size(); i++) {
                String line = rawLines.get(i);
                int limit = line.endsWith("\n") ? MAX_LINE_BYTES + 1 : MAX_LINE_BYTES;
                if (line.length() > limit / 3 && line.getBytes(StandardCharsets.UTF_8).length > limit) {
                    throw error(new Position(i + 1, 1), "dockerfile line greater than max allowed size of " + MAX_LINE_BYTES,
                            "split the line with line continuations, or move long data into a file");
                }
            }
        }

        Dockerfile parse() throws DockerfileParseException {
            checkLineLengths();
            List<RawNode> nodes = new ArrayList<>();
            while (next < rawLines.size()) {
                RawNode node = readInstruction();
                if (node != null) {
                    nodes.add(node);
                }
            }
            if (nodes.isEmpty()) {
                boolean blank = rawLines.stream().allMatch(l -> GoText.trimSpace(l.replace("\uFEFF", "")).isEmpty());
                throw error(new Position(Math.max(1, lineNo), 1),
                        blank ? "the Dockerfile cannot be empty" : "file with no instructions",
                        "a Dockerfile needs at least a FROM instruction");
            }
            List<Instruction> instructions = new ArrayList<>();
            for (RawNode n : nodes) {
                instructions.add(toInstruction(n, n.comments, true));
            }
            return assemble(instructions);
        }

        /** Reads one instruction (with continuation lines and heredocs); null for blank and comment lines. */
        private RawNode readInstruction() throws DockerfileParseException {
            String raw = rawLines.get(next++);
            lineNo++;
            String content = GoText.trimNewline(raw);
            if (lineNo == 1 && content.startsWith("\uFEFF")) {
                content = content.substring(1);
            }
            int lead = GoText.leadingSpace(content);
            String token = content.substring(lead);
            boolean comment = token.startsWith("#");
            boolean directive = !directivesDone && possibleDirective(token, lead);
            if (comment && !directive) {
                Comment c = new Comment(GoText.trimSpace(token.substring(1)), lineNo);
                allComments.add(c);
                pending.add(c);
            }
            if (comment) {
                token = "";
            }
            Continuation first = trimContinuation(token);
            if (first.end() && first.text().isEmpty()) {
                return null;
            }
            int startLine = lineNo;
            LogicalLine logical = new LogicalLine(startLine, lead + 1);
            logical.append(first.text(), startLine, lead + 1);
            int lastLength = GoText.trailingSpaceStart(content);
            boolean end = first.end();
            boolean emptyContinuation = false;
            while (!end && next < rawLines.size()) {
                String line = GoText.trimNewline(rawLines.get(next++));
                lineNo++;
                lastLength = GoText.trailingSpaceStart(line);
                if (GoText.isComment(line)) {
                    // BuildKit drops comment lines inside a continuation; they stay in the file's comment list
                    allComments.add(new Comment(GoText.trimSpace(GoText.trimLeft(line).substring(1)), lineNo));
                    continue;
                }
                if (GoText.trimLeft(line).isEmpty()) {
                    emptyContinuation = true;
                    continue;
                }
                Continuation c = trimContinuation(line);
                logical.append(c.text(), lineNo, 1);
                end = c.end();
            }
            RawNode node = rawNode(logical, 0);
            node.comments = pending;
            pending = new ArrayList<>();
            lineParse(node);
            if (canContainHeredoc(node)) {
                readHeredocs(node);
                lastLength = lineNo == startLine && node.heredocs.isEmpty() ? lastLength
                        : GoText.trailingSpaceStart(GoText.trimNewline(rawLines.get(lineNo - 1)));
            }
            node.range = new SourceRange(new Position(startLine, lead + 1), new Position(lineNo, Math.max(1, lastLength + 1)));
            if (node.range.end().compareTo(node.range.start()) < 0) {
                node.range = new SourceRange(node.range.start(), node.range.start());
            }
            if (emptyContinuation) {
                warnings.add(new ParseWarning("empty continuation line found in: " + logical.text().strip()
                        + " (empty continuation lines will become errors in a future BuildKit release)", node.range));
            }
            return node;
        }

        /** A directive line sets the directive and returns true; any other line ends the directive section. */
        private boolean possibleDirective(String token, int lead) throws DockerfileParseException {
            Matcher m = token.indexOf('=') < 0 ? null : DIRECTIVE.matcher(token); // a directive has a '='
            if (m == null || !m.matches()) {
                directivesDone = true;
                return false;
            }
            String name = m.group(1).toLowerCase(Locale.ROOT);
            if (!DIRECTIVES.contains(name)) {
                directivesDone = true;
                return false;
            }
            Position at = new Position(lineNo, lead + 1);
            for (Directive d : directives) {
                if (d.name().equals(name)) {
                    throw error(at, "only one " + name + " parser directive can be used",
                            "remove the repeated '# " + name + "=' line (line " + d.range().start().line() + " already sets it)");
                }
            }
            String value = m.group(2);
            if (name.equals("escape")) {
                if (!value.equals("`") && !value.equals("\\")) {
                    throw error(at, "invalid escape token '" + value + "' does not match ` or \\",
                            "use '# escape=\\' (the default) or '# escape=`'");
                }
                escape = value.charAt(0);
            }
            directives.add(new Directive(name, value, new SourceRange(at, new Position(lineNo, lead + token.length() + 1))));
            return true;
        }

        /**
         * BuildKit's continuation rule: the escape character as the last non-blank (space/tab) character,
         * unless it is itself escaped; it is removed together with the blanks after it.
         */
        private Continuation trimContinuation(String line) {
            int end = line.length();
            while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t')) {
                end--;
            }
            if (end == 0 || line.charAt(end - 1) != escape) {
                return new Continuation(line, true);
            }
            if (end == 1) {
                return new Continuation("", false);
            }
            if (line.charAt(end - 2) == escape) {
                return new Continuation(line, true);
            }
            return new Continuation(line.substring(0, end - 1), false);
        }

        /** BuildKit's splitCommand: keyword, then flags, then the trimmed rest. */
        private RawNode rawNode(LogicalLine logical, int base) {
            String full = logical.text();
            String line = full.substring(base);
            int lead = GoText.leadingSpace(line);
            int trailEnd = GoText.trailingSpaceStart(line);
            String trimmed = lead >= trailEnd ? "" : line.substring(lead, trailEnd);
            int i = 0;
            while (i < trimmed.length() && !GoText.isSplitSpace(trimmed.charAt(i))) {
                i++;
            }
            RawNode node = new RawNode();
            node.logical = logical;
            node.start = base + lead;
            node.keyword = trimmed.substring(0, i);
            node.kind = InstructionKind.lookup(node.keyword);
            node.flags = List.of();
            node.args = "";
            node.argsOffset = base + lead + trimmed.length();
            if (i < trimmed.length()) {
                int j = i;
                while (j < trimmed.length() && GoText.isSplitSpace(trimmed.charAt(j))) {
                    j++;
                }
                String rest = trimmed.substring(j);
                int restBase = base + lead + j;
                LineParsers.FlagsAndRest fr = LineParsers.extractBuilderFlags(rest);
                List<RawFlag> flags = new ArrayList<>();
                for (RawFlag f : fr.flags()) {
                    flags.add(new RawFlag(f.word(), f.start() + restBase, f.end() + restBase));
                }
                node.flags = flags;
                String after = rest.substring(fr.restOffset());
                node.args = GoText.trimSpace(after);
                node.argsOffset = restBase + fr.restOffset() + GoText.leadingSpace(after);
            }
            return node;
        }

        private Position startOf(RawNode node) {
            return node.logical.at(node.start);
        }

        /** BuildKit's per-keyword line parsers (the dispatch table of parser.go). */
        private void lineParse(RawNode node) throws DockerfileParseException {
            if (node.kind.isEmpty()) {
                return; // BuildKit's parseIgnore; reported as unknown in the second pass
            }
            String rest = node.args;
            switch (node.kind.get()) {
                case ADD, COPY, VOLUME -> maybeJsonToList(node, rest);
                case ARG -> {
                    node.words = LineParsers.parseWords(rest, escape);
                    node.none = node.words.isEmpty();
                }
                case CMD, ENTRYPOINT, RUN, SHELL -> maybeJson(node, rest);
                case ENV, LABEL -> nameVal(node, rest);
                case EXPOSE, FROM -> {
                    node.words = GoText.splitWhitespace(rest);
                    node.none = rest.isEmpty();
                }
                case HEALTHCHECK -> {
                    int sep = 0;
                    while (sep < rest.length() && !GoText.isSpace(rest.charAt(sep))) {
                        sep++;
                    }
                    int after = sep;
                    while (after < rest.length() && GoText.isSpace(rest.charAt(after))) {
                        after++;
                    }
                    if (sep == 0) {
                        return;
                    }
                    maybeJson(node, rest.substring(after));
                    List<String> words = new ArrayList<>();
                    words.add(rest.substring(0, sep));
                    words.addAll(node.words);
                    node.words = words;
                    node.none = false;
                }
                case MAINTAINER, STOPSIGNAL, USER, WORKDIR -> {
                    node.none = rest.isEmpty();
                    node.words = rest.isEmpty() ? List.of() : List.of(rest);
                }
                case ONBUILD -> {
                    if (rest.isEmpty()) {
                        return;
                    }
                    RawNode child = rawNode(node.logical, node.argsOffset);
                    lineParse(child);
                    node.child = child;
                    node.none = false;
                }
            }
        }

        private void maybeJson(RawNode node, String rest) throws DockerfileParseException {
            if (rest.isEmpty()) {
                node.none = true;
                node.words = List.of();
                return;
            }
            node.none = false;
            // if/else rather than a pattern switch, here and below: a switch's class is made at run time, in every
            // process, and the parser runs first
            JsonResult json = LineParsers.parseJson(rest);
            if (json instanceof JsonResult.Array a) {
                node.json = true;
                node.words = a.values();
            } else if (json instanceof JsonResult.NotStrings) {
                throw error(startOf(node), "when using JSON array syntax, arrays must be comprised of strings only",
                        "quote every element, e.g. [\"sh\", \"-c\", \"echo 1\"]");
            } else {
                node.words = List.of(rest);
            }
        }

        private void maybeJsonToList(RawNode node, String rest) throws DockerfileParseException {
            JsonResult json = LineParsers.parseJson(rest);
            if (json instanceof JsonResult.Array a) {
                node.json = true;
                node.none = false;
                node.words = a.values();
            } else if (json instanceof JsonResult.NotStrings) {
                throw error(startOf(node), "when using JSON array syntax, arrays must be comprised of strings only",
                        "quote every element, e.g. [\"src\", \"/dest/\"]");
            } else {
                node.words = GoText.splitWhitespace(rest);
                node.none = rest.isEmpty();
            }
        }

        /** ENV and LABEL: {@code k=v …}, or the legacy {@code k v} when the first word has no '='. */
        private void nameVal(RawNode node, String rest) throws DockerfileParseException {
            String keyword = node.kind.orElseThrow().keyword();
            List<String> words = LineParsers.parseWords(rest, escape);
            if (words.isEmpty()) {
                return;
            }
            node.none = false;
            if (!words.get(0).contains("=")) {
                List<String> parts = splitOnce(rest);
                if (parts.size() < 2) {
                    throw error(startOf(node), keyword + " must have two arguments",
                            "write " + keyword + " " + parts.get(0) + "=value");
                }
                node.pairs = List.of(new KeyValue(parts.get(0), parts.get(1), true));
                return;
            }
            List<KeyValue> pairs = new ArrayList<>();
            for (String word : words) {
                int eq = word.indexOf('=');
                if (eq < 0) {
                    throw error(startOf(node), "Syntax error - can't find = in \"" + word + "\". Must be of the form: name=value",
                            "quote values that contain spaces: " + keyword + " name=\"a value\"");
                }
                pairs.add(new KeyValue(word.substring(0, eq), word.substring(eq + 1), false));
            }
            node.pairs = pairs;
        }

        private static List<String> splitOnce(String s) {
            int i = 0;
            while (i < s.length() && !GoText.isSplitSpace(s.charAt(i))) {
                i++;
            }
            if (i == s.length()) {
                return List.of(s);
            }
            int j = i;
            while (j < s.length() && GoText.isSplitSpace(s.charAt(j))) {
                j++;
            }
            return List.of(s.substring(0, i), s.substring(j));
        }

        private boolean canContainHeredoc(RawNode node) {
            RawNode target = node;
            if (node.kind.isPresent() && node.kind.get() == InstructionKind.ONBUILD && node.child != null) {
                target = node.child;
            }
            return target.kind.isPresent() && HEREDOC_KINDS.contains(target.kind.get()) && !target.json;
        }

        /** Finds the heredoc words on the line (as BuildKit: the whole line, lexed with '\' escapes) and reads their bodies. */
        private void readHeredocs(RawNode node) throws DockerfileParseException {
            if (node.logical.text().indexOf('<') < 0) {
                return; // no env is given to the lexer, so every '<' of a heredoc word is written on the line
            }
            ShellLexer raw = ShellLexer.withEscape('\\').rawQuotes(true).rawEscapes(true).skipUnsetEnv(true);
            List<String> words;
            try {
                words = raw.processWords(node.logical.text(), Map.of());
            } catch (ShellSyntaxException e) {
                words = List.of(); // BuildKit ignores lexing errors here: no heredocs
            }
            List<HeredocWord> found = new ArrayList<>();
            for (String w : words) {
                HeredocWord h = heredocWord(w, node);
                if (h != null) {
                    found.add(h);
                }
            }
            for (HeredocWord h : found) {
                int firstLine = lineNo + 1;
                StringBuilder content = new StringBuilder();
                boolean terminated = false;
                while (next < rawLines.size()) {
                    String line = rawLines.get(next++);
                    lineNo++;
                    String candidate = GoText.trimNewline(line);
                    if (h.chomp) {
                        int t = 0;
                        while (t < candidate.length() && candidate.charAt(t) == '\t') {
                            t++;
                        }
                        candidate = candidate.substring(t);
                    }
                    if (candidate.equals(h.name)) {
                        terminated = true;
                        break;
                    }
                    content.append(line);
                }
                if (!terminated) {
                    throw error(startOf(node), "unterminated heredoc: no line \"" + h.name + "\" closes the here-document "
                                    + h.word + " (reached end of file at line " + Math.max(lineNo, 1) + ")",
                            "end the here-document with a line containing only " + h.name
                                    + (h.chomp ? " (leading tabs allowed)" : ""));
                }
                int endColumn = GoText.trimNewline(rawLines.get(lineNo - 1)).length() + 1;
                SourceRange range = new SourceRange(new Position(Math.min(firstLine, lineNo), 1), new Position(lineNo, endColumn));
                node.heredocs.add(new Heredoc(h.word, h.name, h.fd, h.expand, h.chomp, content.toString(), range));
            }
        }

        private record HeredocWord(String word, String name, int fd, boolean expand, boolean chomp) {
        }

        /** BuildKit's ParseHeredoc: {@code [n]<<[-]word}; the body is expanded unless part of the word was quoted. */
        private HeredocWord heredocWord(String word, RawNode node) throws DockerfileParseException {
            Matcher m = HEREDOC.matcher(word);
            if (!m.matches()) {
                return null;
            }
            String rest = m.group(3);
            if (rest.isEmpty()) {
                return null;
            }
            int fd = 0;
            try {
                fd = m.group(1).isEmpty() ? 0 : Integer.parseInt(m.group(1));
            } catch (NumberFormatException tooLarge) {
                fd = 0; // Go's ParseUint error is ignored there too
            }
            ShellLexer lex = ShellLexer.withEscape('\\').skipUnsetEnv(true);
            try {
                List<String> words = lex.processWords(rest, Map.of());
                if (words.size() != 1) {
                    return null;
                }
                List<String> rawWords = lex.rawQuotes(true).processWords(rest, Map.of());
                if (rawWords.size() != words.size()) {
                    throw error(startOf(node), "internal lexing of heredoc produced inconsistent results: " + rest,
                            "simplify the quoting of the heredoc delimiter");
                }
                String name = words.get(0);
                boolean expand = quoteCount(name) == quoteCount(rawWords.get(0));
                return new HeredocWord(word, name, fd, expand, m.group(2).equals("-"));
            } catch (ShellSyntaxException e) {
                throw error(startOf(node), "invalid heredoc delimiter " + word + ": " + e.getMessage(),
                        "quote the delimiter with matching quotes, e.g. <<\"EOF\"");
            }
        }

        private static int quoteCount(String s) {
            int n = 0;
            for (int i = 0; i < s.length(); i++) {
                if (s.charAt(i) == '\'' || s.charAt(i) == '"') {
                    n++;
                }
            }
            return n;
        }

        // ---------------------------------------------------------------- second pass: instructions

        private List<Flag> flags(RawNode node) {
            List<Flag> out = new ArrayList<>();
            for (RawFlag f : node.flags) {
                out.add(new Flag(f.name(), f.value(), node.logical.range(f.start(), f.end())));
            }
            return out;
        }

        /** BuildKit's BFlags.Parse against the flags an instruction accepts. */
        private void checkFlags(RawNode node, String keyword, Map<String, FlagType> accepted) throws DockerfileParseException {
            if (node.flags.isEmpty()) {
                return; // most instructions have none
            }
            Set<String> used = new LinkedHashSet<>();
            for (RawFlag f : node.flags) {
                String name = f.name();
                Position at = node.logical.at(f.start());
                FlagType type = accepted.get(name);
                if (type == null) {
                    String hint = accepted.isEmpty() ? keyword + " takes no flags"
                            : keyword + " accepts " + String.join(", ", accepted.keySet().stream().map(k -> "--" + k).toList())
                            + Optional.ofNullable(Suggest.closest(name, accepted.keySet())).map(k -> "; did you mean --" + k + "?").orElse("");
                    throw error(at, "unknown flag: --" + name + " for " + keyword, hint);
                }
                if (!used.add(name) && type != FlagType.STRINGS) {
                    throw error(at, "duplicate flag specified: --" + name, "give --" + name + " only once");
                }
                Optional<String> value = f.value();
                switch (type) {
                    case BOOL -> {
                        if (value.isPresent() && value.get().isEmpty()) {
                            throw error(at, "missing a value on flag: --" + name, "write --" + name + " or --" + name + "=true|false");
                        }
                        String lower = value.orElse("").toLowerCase(Locale.ROOT);
                        if (!lower.isEmpty() && !lower.equals("true") && !lower.equals("false")) {
                            throw error(at, "expecting boolean value for flag " + name + ", not: " + value.get(),
                                    "write --" + name + " or --" + name + "=true|false");
                        }
                    }
                    case STRING, STRINGS -> {
                        if (value.isEmpty()) {
                            throw error(at, "missing a value on flag: --" + name, "write --" + name + "=VALUE (with '=')");
                        }
                    }
                }
            }
        }

        private static Optional<String> stringFlag(RawNode node, String name) {
            String v = null;
            for (RawFlag f : node.flags) {
                if (f.name().equals(name)) {
                    v = f.value().orElse(null);
                }
            }
            return Optional.ofNullable(v);
        }

        private static List<String> stringsFlag(RawNode node, String name) {
            List<String> out = new ArrayList<>();
            for (RawFlag f : node.flags) {
                if (f.name().equals(name) && f.value().isPresent()) {
                    out.add(f.value().get());
                }
            }
            return out;
        }

        private static Optional<Boolean> boolFlag(RawNode node, String name) {
            Boolean b = null;
            for (RawFlag f : node.flags) {
                if (f.name().equals(name)) {
                    b = f.value().map(v -> v.equalsIgnoreCase("true")).orElse(true);
                }
            }
            return Optional.ofNullable(b);
        }

        // the flags each instruction accepts, in the order BuildKit's hints list them; made once, not per instruction
        private static final Map<String, FlagType> FROM_FLAGS = accepts("platform", FlagType.STRING);
        private static final Map<String, FlagType> RUN_FLAGS = accepts("mount", FlagType.STRINGS, "network", FlagType.STRING,
                "security", FlagType.STRING, "device", FlagType.STRINGS);
        private static final Map<String, FlagType> ADD_FLAGS = accepts("chown", FlagType.STRING, "chmod", FlagType.STRING,
                "link", FlagType.BOOL, "exclude", FlagType.STRINGS, "checksum", FlagType.STRING,
                "keep-git-dir", FlagType.BOOL, "unpack", FlagType.BOOL);
        private static final Map<String, FlagType> COPY_FLAGS = accepts("from", FlagType.STRING, "chown", FlagType.STRING,
                "chmod", FlagType.STRING, "link", FlagType.BOOL, "parents", FlagType.BOOL, "exclude", FlagType.STRINGS);
        private static final Map<String, FlagType> HEALTHCHECK_FLAGS = accepts("interval", FlagType.STRING,
                "timeout", FlagType.STRING, "start-period", FlagType.STRING, "start-interval", FlagType.STRING,
                "retries", FlagType.STRING);

        private static Map<String, FlagType> accepts(Object... nameTypePairs) {
            Map<String, FlagType> m = new LinkedHashMap<>();
            for (int i = 0; i < nameTypePairs.length; i += 2) {
                m.put((String) nameTypePairs[i], (FlagType) nameTypePairs[i + 1]);
            }
            return java.util.Collections.unmodifiableMap(m);
        }

        private Instruction toInstruction(RawNode node, List<Comment> comments, boolean topLevel) throws DockerfileParseException {
            Position at = startOf(node);
            String keyword = node.kind.map(InstructionKind::keyword).orElse(node.keyword.toUpperCase(Locale.ROOT));
            if (node.kind.isEmpty()) {
                List<String> names = java.util.Arrays.stream(InstructionKind.values()).map(Enum::name).toList();
                String suggestion = Suggest.closest(node.keyword, names);
                throw error(at, "unknown instruction: " + node.keyword,
                        suggestion != null ? "did you mean " + suggestion + "?"
                                : "instructions are " + String.join(", ", names));
            }
            String original = GoText.trimSpace(node.logical.text().substring(node.start));
            InstructionSource src = new InstructionSource(node.keyword, node.range, original, flags(node), comments);
            List<String> args = node.words;
            return switch (node.kind.get()) {
                case FROM -> from(node, src, at);
                case RUN -> run(node, src);
                case CMD -> {
                    checkFlags(node, keyword, Map.of());
                    yield new Cmd(src, command(node));
                }
                case ENTRYPOINT -> {
                    checkFlags(node, keyword, Map.of());
                    yield new Entrypoint(src, command(node));
                }
                case SHELL -> {
                    checkFlags(node, keyword, Map.of());
                    if (node.none || (node.json && args.isEmpty())) {
                        throw error(at, "SHELL requires at least one argument", "write SHELL [\"/bin/sh\", \"-c\"]");
                    }
                    if (!node.json) {
                        throw error(at, "SHELL requires the arguments to be in JSON form",
                                "write SHELL [\"executable\", \"parameters\"], e.g. SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]");
                    }
                    yield new Shell(src, args);
                }
                case ENV, LABEL -> {
                    checkFlags(node, keyword, Map.of());
                    if (node.none) {
                        throw error(at, keyword + " requires at least one argument", "write " + keyword + " key=value");
                    }
                    for (KeyValue kv : node.pairs) {
                        if (kv.key().isEmpty()) {
                            throw error(at, keyword + " names can not be blank", "write " + keyword + " key=value");
                        }
                    }
                    yield node.kind.get() == InstructionKind.ENV ? new Env(src, node.pairs) : new Label(src, node.pairs);
                }
                case MAINTAINER -> {
                    exactlyOne(node, keyword, at, "MAINTAINER name (deprecated: use LABEL org.opencontainers.image.authors=…)");
                    checkFlags(node, keyword, Map.of());
                    yield new Maintainer(src, args.get(0));
                }
                case ADD -> add(node, src, at);
                case COPY -> copy(node, src, at);
                case ONBUILD -> onbuild(node, src, at);
                case WORKDIR -> {
                    exactlyOne(node, keyword, at, "WORKDIR /path");
                    checkFlags(node, keyword, Map.of());
                    yield new Workdir(src, args.get(0));
                }
                case EXPOSE -> {
                    if (node.none) {
                        throw error(at, "EXPOSE requires at least one argument", "write EXPOSE 8080 or EXPOSE 8080/tcp");
                    }
                    checkFlags(node, keyword, Map.of());
                    yield new Expose(src, args);
                }
                case USER -> {
                    exactlyOne(node, keyword, at, "USER 10001 or USER 10001:10001");
                    checkFlags(node, keyword, Map.of());
                    yield new User(src, args.get(0));
                }
                case VOLUME -> {
                    if (node.none || args.isEmpty()) {
                        throw error(at, "VOLUME requires at least one argument", "write VOLUME /data");
                    }
                    checkFlags(node, keyword, Map.of());
                    List<String> paths = new ArrayList<>();
                    for (String v : args) {
                        String t = GoText.trimSpace(v);
                        if (t.isEmpty()) {
                            throw error(at, "VOLUME specified can not be an empty string", "remove the empty path");
                        }
                        paths.add(t);
                    }
                    yield new Volume(src, paths, node.json);
                }
                case STOPSIGNAL -> {
                    // BuildKit does not check STOPSIGNAL's flags; they are kept in the AST for lint
                    exactlyOne(node, keyword, at, "STOPSIGNAL SIGTERM");
                    yield new StopSignal(src, args.get(0));
                }
                case ARG -> arg(node, src, at);
                case HEALTHCHECK -> healthcheck(node, src, at);
            };
        }

        private void exactlyOne(RawNode node, String keyword, Position at, String example) throws DockerfileParseException {
            if (node.none || node.words.size() != 1) {
                throw error(at, keyword + " requires exactly one argument", "write " + example);
            }
        }

        private static Optional<CommandForm> command(RawNode node) {
            if (node.none) {
                return Optional.empty();
            }
            if (node.json) {
                return Optional.of(new CommandForm.ExecForm(node.words));
            }
            return Optional.of(new CommandForm.ShellForm(String.join(" ", node.words)));
        }

        private From from(RawNode node, InstructionSource src, Position at) throws DockerfileParseException {
            List<String> args = node.words;
            Optional<String> name = Optional.empty();
            if (args.size() == 3 && args.get(1).equalsIgnoreCase("as")) {
                String lower = args.get(2).toLowerCase(Locale.ROOT);
                if (!STAGE_NAME.matcher(lower).matches()) {
                    throw error(at, "invalid name for build stage: \"" + args.get(2)
                                    + "\", name can't start with a number or contain symbols",
                            "stage names start with a letter and use only letters, digits, '-', '_' and '.'");
                }
                name = Optional.of(args.get(2));
            } else if (args.size() != 1) {
                boolean flagWithoutValue = node.flags.stream().anyMatch(f -> f.value().isEmpty());
                String hint = args.isEmpty() ? "name the base image: FROM image[:tag][@digest] [AS name]"
                        : flagWithoutValue ? "flag values need '=': FROM --platform=VALUE image [AS name]"
                        : "write FROM [--platform=…] image [AS name]";
                throw error(at, args.isEmpty() ? "FROM requires either one or three arguments: the base image is missing"
                        : "FROM requires either one or three arguments", hint);
            }
            checkFlags(node, "FROM", FROM_FLAGS);
            return new From(src, args.get(0), name, stringFlag(node, "platform"));
        }

        private Run run(RawNode node, InstructionSource src) throws DockerfileParseException {
            checkFlags(node, "RUN", RUN_FLAGS);
            List<Mount> mounts = new ArrayList<>();
            for (RawFlag f : node.flags) {
                if (!f.name().equals("mount")) {
                    continue;
                }
                SourceRange range = node.logical.range(f.start(), f.end());
                try {
                    mounts.add(MountParser.parse(f.value().orElse(""), range));
                } catch (MountParser.MountException e) {
                    throw error(range.start(), "invalid --mount: " + e.getMessage(), e.hint());
                }
            }
            Optional<String> network = stringFlag(node, "network");
            // --network and --security are never expanded, so a variable there is simply an invalid value
            if (network.isPresent() && !Set.of("default", "none", "host").contains(network.get())) {
                throw error(flagAt(node, "network"), "unsupported network mode \"" + network.get() + "\"",
                        "use --network=default, none or host");
            }
            Optional<String> security = stringFlag(node, "security");
            if (security.isPresent() && !Set.of("sandbox", "insecure").contains(security.get())) {
                throw error(flagAt(node, "security"), "unsupported security mode \"" + security.get() + "\"",
                        "use --security=sandbox or insecure");
            }
            CommandForm cmd = command(node).orElse(new CommandForm.ShellForm(""));
            return new Run(src, cmd, mounts, network, security, stringsFlag(node, "device"), node.heredocs);
        }

        private Position flagAt(RawNode node, String name) {
            for (RawFlag f : node.flags) {
                if (f.name().equals(name)) {
                    return node.logical.at(f.start());
                }
            }
            return startOf(node);
        }

        private void sourcesAndDest(RawNode node, String keyword, Position at) throws DockerfileParseException {
            if (node.words.size() < 2) {
                throw error(at, keyword + " requires at least two arguments, but only one was provided. Destination could not be determined",
                        "write " + keyword + " <src>... <dest>");
            }
            String dest = node.words.get(node.words.size() - 1);
            Matcher m = HEREDOC.matcher(dest);
            if (m.matches() && !m.group(3).isEmpty()) {
                throw error(at, keyword + " cannot accept a heredoc as a destination",
                        "put the heredoc before the destination: " + keyword + " <<EOF /path/to/file");
            }
        }

        private Add add(RawNode node, InstructionSource src, Position at) throws DockerfileParseException {
            sourcesAndDest(node, "ADD", at);
            checkFlags(node, "ADD", ADD_FLAGS);
            List<String> w = node.words;
            return new Add(src, List.copyOf(w.subList(0, w.size() - 1)), w.get(w.size() - 1), List.copyOf(node.heredocs),
                    node.json, stringFlag(node, "chown"), stringFlag(node, "chmod"), boolFlag(node, "link").orElse(false),
                    stringsFlag(node, "exclude"), stringFlag(node, "checksum"), boolFlag(node, "keep-git-dir").orElse(false),
                    boolFlag(node, "unpack"));
        }

        private Copy copy(RawNode node, InstructionSource src, Position at) throws DockerfileParseException {
            sourcesAndDest(node, "COPY", at);
            checkFlags(node, "COPY", COPY_FLAGS);
            List<String> w = node.words;
            return new Copy(src, List.copyOf(w.subList(0, w.size() - 1)), w.get(w.size() - 1), List.copyOf(node.heredocs),
                    node.json, stringFlag(node, "from"), stringFlag(node, "chown"), stringFlag(node, "chmod"),
                    boolFlag(node, "link").orElse(false), boolFlag(node, "parents").orElse(false),
                    stringsFlag(node, "exclude"));
        }

        private Onbuild onbuild(RawNode node, InstructionSource src, Position at) throws DockerfileParseException {
            if (node.none || node.child == null) {
                throw error(at, "ONBUILD requires at least one argument", "write ONBUILD <instruction>, e.g. ONBUILD COPY . /app");
            }
            checkFlags(node, "ONBUILD", Map.of());
            String trigger = node.child.keyword.toUpperCase(Locale.ROOT);
            if (trigger.equals("ONBUILD")) {
                throw error(at, "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed", "give ONBUILD a single instruction");
            }
            if (trigger.equals("MAINTAINER") || trigger.equals("FROM")) {
                throw error(at, trigger + " isn't allowed as an ONBUILD trigger", "ONBUILD cannot run FROM or MAINTAINER");
            }
            StringBuilder expression = new StringBuilder(ONBUILD_PREFIX.matcher(node.logical.text()).replaceFirst(""));
            for (Heredoc h : node.heredocs) {
                expression.append('\n').append(h.rawContent()).append(h.name());
            }
            node.child.heredocs = node.heredocs;
            node.child.range = new SourceRange(startOf(node.child), node.range.end());
            Optional<Instruction> parsed = Optional.empty();
            Optional<String> problem = Optional.empty();
            try {
                parsed = Optional.of(toInstruction(node.child, List.of(), false));
            } catch (DockerfileParseException e) {
                problem = Optional.of(e.problem());
            }
            return new Onbuild(src, expression.toString(), parsed, problem);
        }

        private Arg arg(RawNode node, InstructionSource src, Position at) throws DockerfileParseException {
            // BuildKit does not check ARG's flags; they are kept in the AST for lint
            if (node.none) {
                throw error(at, "ARG requires at least one argument", "write ARG NAME or ARG NAME=default");
            }
            List<ArgDeclaration> decls = new ArrayList<>();
            for (String word : node.words) {
                int eq = word.indexOf('=');
                if (eq == 0) {
                    throw error(at, "ARG names can not be blank", "write ARG NAME=default");
                }
                decls.add(eq < 0 ? new ArgDeclaration(word, Optional.empty())
                        : new ArgDeclaration(word.substring(0, eq), Optional.of(word.substring(eq + 1))));
            }
            return new Arg(src, decls);
        }

        private Healthcheck healthcheck(RawNode node, InstructionSource src, Position at) throws DockerfileParseException {
            if (node.none || node.words.isEmpty()) {
                throw error(at, "HEALTHCHECK requires at least one argument", "write HEALTHCHECK CMD <command> or HEALTHCHECK NONE");
            }
            String type = node.words.get(0).toUpperCase(Locale.ROOT);
            List<String> rest = node.words.subList(1, node.words.size());
            if (type.equals("NONE")) {
                // BuildKit neither accepts nor checks flags here; they are kept in the AST for lint
                if (!rest.isEmpty()) {
                    throw error(at, "HEALTHCHECK NONE takes no arguments", "write HEALTHCHECK NONE on its own");
                }
                return new Healthcheck(src, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty());
            }
            checkFlags(node, "HEALTHCHECK", HEALTHCHECK_FLAGS);
            if (!type.equals("CMD")) {
                throw error(at, "Unknown type \"" + type + "\" in HEALTHCHECK (try CMD)", "write HEALTHCHECK [options] CMD <command>");
            }
            if (rest.isEmpty()) {
                throw error(at, "Missing command after HEALTHCHECK CMD", "write HEALTHCHECK CMD <command>");
            }
            CommandForm cmd = node.json ? new CommandForm.ExecForm(rest) : new CommandForm.ShellForm(String.join(" ", rest));
            for (String d : List.of("interval", "timeout", "start-period", "start-interval")) {
                Optional<String> v = stringFlag(node, d);
                if (v.isPresent() && !v.get().isEmpty()) {
                    long nanos;
                    try {
                        nanos = GoDuration.parse(v.get());
                    } catch (IllegalArgumentException e) {
                        throw error(flagAt(node, d), "invalid --" + d + ": " + e.getMessage(), "use a duration such as 30s, 1m30s or 500ms");
                    }
                    if (nanos != 0 && nanos < 1_000_000L) {
                        throw error(flagAt(node, d), "Interval \"" + d + "\" cannot be less than 1ms", "use a duration of at least 1ms");
                    }
                }
            }
            Optional<Integer> retries = Optional.empty();
            Optional<String> r = stringFlag(node, "retries");
            if (r.isPresent() && !r.get().isEmpty()) {
                long value;
                try {
                    value = Long.parseLong(r.get()); // like Go's ParseInt: optional sign, decimal digits
                    if (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE) {
                        throw new NumberFormatException();
                    }
                } catch (NumberFormatException e) {
                    throw error(flagAt(node, "retries"), "invalid --retries: strconv.ParseInt: parsing \"" + r.get() + "\": invalid syntax",
                            "use a whole number, e.g. --retries=3");
                }
                if (value < 0) {
                    throw error(flagAt(node, "retries"), "--retries cannot be negative (" + value + ")", "use 0 or more");
                }
                retries = Optional.of((int) value);
            }
            return new Healthcheck(src, Optional.of(cmd), stringFlag(node, "interval"), stringFlag(node, "timeout"),
                    stringFlag(node, "start-period"), stringFlag(node, "start-interval"), retries);
        }

        // ---------------------------------------------------------------- third pass: stages

        private Dockerfile assemble(List<Instruction> instructions) throws DockerfileParseException {
            List<Arg> globalArgs = new ArrayList<>();
            List<Stage> stages = new ArrayList<>();
            From current = null;
            List<Instruction> body = new ArrayList<>();
            Map<String, From> names = new HashMap<>();
            for (Instruction ins : instructions) {
                if (ins instanceof From f) {
                    if (current != null) {
                        stages.add(new Stage(stages.size(), current, body));
                    }
                    if (f.stageName().isPresent()) {
                        From earlier = names.put(f.stageName().get(), f);
                        if (earlier != null) {
                            // BuildKit only warns (DuplicateStageName): FROM binds the latest earlier
                            // definition, --from and --target the last one
                            warnings.add(new ParseWarning("duplicate stage name \"" + f.stageName().get()
                                    + "\" (also used on line " + earlier.range().start().line() + ")", f.range()));
                        }
                    }
                    current = f;
                    body = new ArrayList<>();
                } else if (current == null) {
                    if (ins instanceof Arg a) {
                        globalArgs.add(a);
                    } else {
                        throw error(ins.range().start(), ins.kind() + " before the first FROM: no build stage in current context",
                                "only ARG may come before the first FROM; start a stage with FROM <image>");
                    }
                } else {
                    body.add(ins);
                }
            }
            if (current == null) {
                Position at = instructions.get(instructions.size() - 1).range().start();
                throw error(at, "dockerfile contains no stages to build", "add a FROM instruction after the global ARGs");
            }
            stages.add(new Stage(stages.size(), current, body));
            return new Dockerfile(fileName, directives, escape, instructions, globalArgs, stages, allComments, warnings);
        }
    }
}
