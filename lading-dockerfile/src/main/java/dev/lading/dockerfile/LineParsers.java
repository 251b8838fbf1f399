package dev.lading.dockerfile;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The word-level pieces of BuildKit's line parsers: builder-flag extraction, the quote-aware word
 * splitter of ENV/LABEL/ARG, and the "maybe JSON" array reader. Each follows BuildKit's state machine so
 * that odd input (stray quotes, trailing escapes, text after a JSON array) splits the same way.
 */
final class LineParsers {
    private LineParsers() {
    }

    /** A flag word with its offsets in the string it was scanned from. */
    record RawFlag(String word, int start, int end) {
        String name() {
            int eq = word.indexOf('=');
            return eq < 0 ? word.substring(2) : word.substring(2, eq);
        }

        Optional<String> value() {
            int eq = word.indexOf('=');
            return eq < 0 ? Optional.empty() : Optional.of(word.substring(eq + 1));
        }
    }

    /** The flags at the start of {@code line} and the offset where the remaining arguments begin. */
    record FlagsAndRest(List<RawFlag> flags, int restOffset) {
    }

    /**
     * BuildKit's extractBuilderFlags: leading words that start with {@code --} are flags; quotes inside a
     * flag word are removed and a backslash (always backslash, whatever the escape directive) escapes the
     * next character; a lone {@code --} ends the flags.
     */
    static FlagsAndRest extractBuilderFlags(String line) {
        final int inSpaces = 0;
        final int inWord = 1;
        final int inQuote = 2;
        List<RawFlag> words = new ArrayList<>();
        int phase = inSpaces;
        StringBuilder word = new StringBuilder();
        char quote = 0;
        boolean blankOK = false;
        int wordStart = 0;
        char ch = 0;
        for (int pos = 0; pos <= line.length(); pos++) {
            if (pos != line.length()) {
                ch = line.charAt(pos);
            }
            if (phase == inSpaces) {
                if (pos == line.length()) {
                    break;
                }
                if (GoText.isSpace(ch)) {
                    continue;
                }
                if (ch != '-' || pos + 1 == line.length() || line.charAt(pos + 1) != '-') {
                    return new FlagsAndRest(words, pos);
                }
                phase = inWord;
                wordStart = pos;
            }
            if ((phase == inWord || phase == inQuote) && pos == line.length()) {
                if (!word.toString().equals("--") && (blankOK || !word.isEmpty())) {
                    words.add(new RawFlag(word.toString(), wordStart, pos));
                }
                break;
            }
            if (phase == inWord) {
                if (GoText.isSpace(ch)) {
                    phase = inSpaces;
                    if (word.toString().equals("--")) {
                        return new FlagsAndRest(words, pos);
                    }
                    if (blankOK || !word.isEmpty()) {
                        words.add(new RawFlag(word.toString(), wordStart, pos));
                    }
                    word.setLength(0);
                    blankOK = false;
                    continue;
                }
                if (ch == '\'' || ch == '"') {
                    quote = ch;
                    blankOK = true;
                    phase = inQuote;
                    continue;
                }
                if (ch == '\\') {
                    if (pos + 1 == line.length()) {
                        continue;
                    }
                    pos++;
                    ch = line.charAt(pos);
                }
                word.append(ch);
                continue;
            }
            // inQuote
            if (ch == quote) {
                phase = inWord;
                continue;
            }
            if (ch == '\\') {
                if (pos + 1 == line.length()) {
                    phase = inWord;
                    continue;
                }
                pos++;
                ch = line.charAt(pos);
            }
            word.append(ch);
        }
        return new FlagsAndRest(words, line.length());
    }

    /**
     * BuildKit's parseWords: splits on white space, keeping quotes and escapes in the words (they are
     * removed later, by variable expansion). The escape character is the directive's.
     */
    static List<String> parseWords(String rest, char escape) {
        final int inSpaces = 0;
        final int inWord = 1;
        final int inQuote = 2;
        List<String> words = new ArrayList<>();
        int phase = inSpaces;
        StringBuilder word = new StringBuilder();
        int quote = 0;
        boolean blankOK = false;
        int ch = 0;
        int width = 0;
        for (int pos = 0; pos <= rest.length(); pos += width) {
            if (pos != rest.length()) {
                ch = rest.codePointAt(pos);
                width = Character.charCount(ch);
            }
            if (phase == inSpaces) {
                if (pos == rest.length()) {
                    break;
                }
                if (GoText.isSpace(ch)) {
                    continue;
                }
                phase = inWord;
            }
            if ((phase == inWord || phase == inQuote) && pos == rest.length()) {
                if (blankOK || !word.isEmpty()) {
                    words.add(word.toString());
                }
                break;
            }
            if (phase == inWord) {
                if (GoText.isSpace(ch)) {
                    phase = inSpaces;
                    if (blankOK || !word.isEmpty()) {
                        words.add(word.toString());
                    }
                    word.setLength(0);
                    blankOK = false;
                    continue;
                }
                if (ch == '\'' || ch == '"') {
                    quote = ch;
                    blankOK = true;
                    phase = inQuote;
                }
                if (ch == escape) {
                    if (pos + width == rest.length()) {
                        continue;
                    }
                    word.appendCodePoint(ch);
                    pos += width;
                    ch = rest.codePointAt(pos);
                    width = Character.charCount(ch);
                }
                word.appendCodePoint(ch);
                continue;
            }
            // inQuote
            if (ch == quote) {
                phase = inWord;
            }
            if (ch == escape && quote != '\'') {
                if (pos + width == rest.length()) {
                    phase = inWord;
                    continue;
                }
                pos += width;
                word.appendCodePoint(ch);
                ch = rest.codePointAt(pos);
                width = Character.charCount(ch);
            }
            word.appendCodePoint(ch);
        }
        return words;
    }

    /** The outcome of trying to read a JSON array of strings. */
    sealed interface JsonResult {
        record Array(List<String> values) implements JsonResult {
        }

        /** Not JSON (or not an array): BuildKit falls back to the shell/list form. */
        record NotJson() implements JsonResult {
        }

        /** Valid JSON array with a non-string element: BuildKit rejects the instruction. */
        record NotStrings() implements JsonResult {
        }
    }

    /** Made when a line first needs the full JSON reader: the plain arrays most lines have do not. */
    private static final class Json {
        static final JsonFactory FACTORY = JsonFactory.builder().build();
    }

    /**
     * The strings of {@code t} when it starts with the common, plain form of a JSON array of strings: strings
     * without escapes or control characters, separated by commas, with JSON whitespace around. Null for
     * anything else, which the full JSON reader then judges; for this form both give the same strings, and
     * what follows the closing bracket is ignored by both, as by BuildKit's decoder.
     */
    private static List<String> simpleStringArray(String t) {
        int i = skipJsonSpace(t, 1);
        List<String> out = new ArrayList<>();
        if (i < t.length() && t.charAt(i) == ']') {
            return out;
        }
        while (i < t.length()) {
            if (t.charAt(i) != '"') {
                return null;
            }
            int start = ++i;
            while (i < t.length() && t.charAt(i) != '"') {
                char c = t.charAt(i);
                if (c == '\\' || c < 0x20) {
                    return null;
                }
                i++;
            }
            if (i >= t.length()) {
                return null;
            }
            out.add(t.substring(start, i));
            i = skipJsonSpace(t, i + 1);
            if (i >= t.length()) {
                return null;
            }
            if (t.charAt(i) == ']') {
                return out;
            }
            if (t.charAt(i) != ',') {
                return null;
            }
            i = skipJsonSpace(t, i + 1);
        }
        return null;
    }

    private static int skipJsonSpace(String t, int i) {
        while (i < t.length() && (t.charAt(i) == ' ' || t.charAt(i) == '\t' || t.charAt(i) == '\n' || t.charAt(i) == '\r')) {
            i++;
        }
        return i;
    }

    /**
     * BuildKit's parseJSON: the text (after leading white space) must start with {@code [}; only the first
     * JSON value is decoded and anything after it is ignored, exactly as Go's json.Decoder does.
     */
    static JsonResult parseJson(String rest) {
        String t = GoText.trimLeft(rest);
        if (!t.startsWith("[")) {
            return new JsonResult.NotJson();
        }
        List<String> simple = simpleStringArray(t);
        return simple != null ? new JsonResult.Array(simple) : parseJsonFully(t);
    }

    /** {@link #parseJson} by the full JSON reader alone, for text that starts with '['. */
    static JsonResult parseJsonFully(String t) {
        List<String> values = new ArrayList<>();
        boolean nonString = false;
        try (JsonParser p = Json.FACTORY.createParser(t)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                return new JsonResult.NotJson();
            }
            int depth = 1;
            while (depth > 0) {
                JsonToken tok = p.nextToken();
                if (tok == null) {
                    return new JsonResult.NotJson();
                }
                switch (tok) {
                    case START_ARRAY, START_OBJECT -> {
                        if (depth == 1) {
                            nonString = true;
                        }
                        depth++;
                    }
                    case END_ARRAY, END_OBJECT -> depth--;
                    case VALUE_STRING -> {
                        if (depth == 1) {
                            values.add(p.getText());
                        }
                    }
                    case FIELD_NAME -> {
                        // keys inside a nested object: the element is already known not to be a string
                    }
                    default -> {
                        if (depth == 1) {
                            nonString = true;
                        }
                    }
                }
            }
        } catch (IOException e) {
            return new JsonResult.NotJson();
        }
        return nonString ? new JsonResult.NotStrings() : new JsonResult.Array(values);
    }
}
