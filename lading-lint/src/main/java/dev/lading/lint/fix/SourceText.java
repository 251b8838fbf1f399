package dev.lading.lint.fix;

import dev.lading.dockerfile.Position;
import java.util.ArrayList;
import java.util.List;

/**
 * A Dockerfile's text with its line starts, to turn the parser's positions (1-based lines and columns, a
 * leading byte-order mark not counted) into offsets of the text as read.
 */
final class SourceText {
    private final String text;
    private final int[] starts;
    private final int bom;

    SourceText(String text) {
        this.text = text;
        this.bom = text.startsWith("\uFEFF") ? 1 : 0;
        List<Integer> s = new ArrayList<>();
        s.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n' && i + 1 < text.length()) {
                s.add(i + 1);
            }
        }
        this.starts = s.stream().mapToInt(Integer::intValue).toArray();
    }

    String text() {
        return text;
    }

    int lineCount() {
        return starts.length;
    }

    /** Where the first character of the file's content is: after a byte-order mark. */
    int contentStart() {
        return bom;
    }

    /** The offset of a line's first character (after the byte-order mark on line 1). */
    int lineStart(int line) {
        return starts[line - 1] + (line == 1 ? bom : 0);
    }

    /** The offset just after the line's terminator ({@code \n}), or the end of the text for the last line. */
    int nextLineStart(int line) {
        return line < starts.length ? starts[line] : text.length();
    }

    /** The line without its terminator (every trailing CR and LF removed, as BuildKit reads it). */
    String content(int line) {
        int end = nextLineStart(line);
        while (end > lineStart(line) && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return text.substring(lineStart(line), end);
    }

    int offset(Position p) {
        return lineStart(p.line()) + p.column() - 1;
    }

    /** The line terminator the file uses: that of its first line, {@code \n} when it has none. */
    String lineEnding() {
        int nl = text.indexOf('\n');
        return nl > 0 && text.charAt(nl - 1) == '\r' ? "\r\n" : "\n";
    }

    /** Go's unicode.IsSpace, which BuildKit's parser trims with. */
    static boolean isSpace(char ch) {
        return ch == '\t' || ch == '\n' || ch == 0x0B || ch == '\f' || ch == '\r' || ch == 0x85 || Character.isSpaceChar(ch);
    }

    static String trimSpace(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && isSpace(s.charAt(a))) {
            a++;
        }
        while (b > a && isSpace(s.charAt(b - 1))) {
            b--;
        }
        return s.substring(a, b);
    }

    /** A comment line: its first non-space character is '#'. */
    static boolean isComment(String line) {
        String t = trimSpace(line);
        return t.startsWith("#");
    }
}
