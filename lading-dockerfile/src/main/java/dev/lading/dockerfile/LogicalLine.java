package dev.lading.dockerfile;

import java.util.Arrays;

/**
 * An instruction's text with continuation lines joined, remembering for every character the physical
 * line and column it came from, so flags and errors can point at the source.
 */
final class LogicalLine {
    private final StringBuilder text = new StringBuilder();
    /** {@code text} as a string, made once per change: the parser asks for it several times per instruction. */
    private String string;
    private int[] lines = new int[64];
    private int[] columns = new int[64];
    private int firstLine;
    private int firstColumn;

    LogicalLine(int firstLine, int firstColumn) {
        this.firstLine = firstLine;
        this.firstColumn = firstColumn;
    }

    /** Appends {@code segment}, whose first character sits at {@code line}:{@code column}. */
    void append(String segment, int line, int column) {
        int need = text.length() + segment.length();
        if (need > lines.length) {
            int size = Math.max(need, lines.length * 2);
            lines = Arrays.copyOf(lines, size);
            columns = Arrays.copyOf(columns, size);
        }
        for (int i = 0; i < segment.length(); i++) {
            lines[text.length() + i] = line;
            columns[text.length() + i] = column + i;
        }
        text.append(segment);
        string = null;
    }

    String text() {
        if (string == null) {
            string = text.toString();
        }
        return string;
    }

    /** Where the character at {@code offset} came from; one past the end maps to just after the last character. */
    Position at(int offset) {
        if (text.isEmpty()) {
            return new Position(firstLine, firstColumn);
        }
        if (offset >= text.length()) {
            int last = text.length() - 1;
            return new Position(lines[last], columns[last] + 1);
        }
        return new Position(lines[Math.max(0, offset)], columns[Math.max(0, offset)]);
    }

    SourceRange range(int startOffset, int endOffset) {
        Position start = at(startOffset);
        Position end = endOffset <= startOffset ? start : at(endOffset - 1);
        if (endOffset > startOffset) {
            end = new Position(end.line(), end.column() + 1);
        }
        return new SourceRange(start, end.compareTo(start) < 0 ? start : end);
    }
}
