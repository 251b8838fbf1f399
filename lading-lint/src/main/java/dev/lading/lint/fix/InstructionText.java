package dev.lading.lint.fix;

import dev.lading.dockerfile.Instruction;
import java.util.Arrays;
import java.util.Optional;

/**
 * An instruction's text as BuildKit joins it (continuation lines joined, the escape character and comment
 * lines inside dropped), remembering for every character where it sits in the file. Fixes find words in the
 * joined text and edit the file at those places, so continuations, comments and indentation stay as written.
 */
final class InstructionText {
    private final String joined;
    private final int[] offsets;
    private final int firstLine;
    private final int lastLine;

    private InstructionText(String joined, int[] offsets, int firstLine, int lastLine) {
        this.joined = joined;
        this.offsets = offsets;
        this.firstLine = firstLine;
        this.lastLine = lastLine;
    }

    /**
     * The instruction's joined text, or empty when rebuilding it does not give exactly what the parser read
     * (then no fix touches it: an edit at a guessed place is worse than none).
     */
    static Optional<InstructionText> of(SourceText src, Instruction ins, char escape) {
        int line = ins.range().start().line();
        int column = ins.range().start().column();
        StringBuilder sb = new StringBuilder();
        int[] offsets = new int[64];
        String first = src.content(line);
        if (column - 1 > first.length()) {
            return Optional.empty();
        }
        int[] cont = continuation(first.substring(column - 1), escape);
        offsets = append(sb, offsets, first.substring(column - 1, column - 1 + cont[0]), src.lineStart(line) + column - 1);
        boolean end = cont[1] == 1;
        int last = line;
        while (!end && last < src.lineCount()) {
            last++;
            String l = src.content(last);
            if (SourceText.isComment(l) || SourceText.trimSpace(l).isEmpty()) {
                continue;
            }
            cont = continuation(l, escape);
            offsets = append(sb, offsets, l.substring(0, cont[0]), src.lineStart(last));
            end = cont[1] == 1;
        }
        String joined = sb.toString();
        if (!SourceText.trimSpace(joined).equals(ins.original())) {
            return Optional.empty();
        }
        return Optional.of(new InstructionText(joined, Arrays.copyOf(offsets, joined.length()), line, last));
    }

    private static int[] append(StringBuilder sb, int[] offsets, String segment, int at) {
        int need = sb.length() + segment.length();
        if (need > offsets.length) {
            offsets = Arrays.copyOf(offsets, Math.max(need, offsets.length * 2));
        }
        for (int i = 0; i < segment.length(); i++) {
            offsets[sb.length() + i] = at + i;
        }
        sb.append(segment);
        return offsets;
    }

    /**
     * BuildKit's continuation rule: {length kept, 1 when the instruction ends here}. The escape character as
     * the last non-blank character continues the line unless it is itself escaped.
     */
    private static int[] continuation(String line, char escape) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t')) {
            end--;
        }
        if (end == 0 || line.charAt(end - 1) != escape) {
            return new int[] {line.length(), 1};
        }
        if (end == 1) {
            return new int[] {0, 0};
        }
        if (line.charAt(end - 2) == escape) {
            return new int[] {line.length(), 1};
        }
        return new int[] {end - 1, 0};
    }

    String joined() {
        return joined;
    }

    /** Where the joined text's character {@code index} is in the file. */
    int offset(int index) {
        return offsets[index];
    }

    /** Where to insert right after the joined text's character {@code index}. */
    int after(int index) {
        return offsets[index] + 1;
    }

    int firstLine() {
        return firstLine;
    }

    /** The last physical line of the joined text (a heredoc body below it is not included). */
    int lastLine() {
        return lastLine;
    }

    /** Where the trimmed text {@code part} starts when the joined text ends with it; -1 otherwise. */
    int suffixStart(String part) {
        String t = joined;
        int endIdx = t.length();
        while (endIdx > 0 && SourceText.isSpace(t.charAt(endIdx - 1))) {
            endIdx--;
        }
        int start = endIdx - part.length();
        return start >= 0 && t.startsWith(part, start) ? start : -1;
    }

    /** The index of the first non-space character after the keyword. */
    int afterKeyword() {
        int i = 0;
        while (i < joined.length() && !SourceText.isSpace(joined.charAt(i))) {
            i++;
        }
        while (i < joined.length() && SourceText.isSpace(joined.charAt(i))) {
            i++;
        }
        return i;
    }
}
