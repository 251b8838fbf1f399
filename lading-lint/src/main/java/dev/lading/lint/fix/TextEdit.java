package dev.lading.lint.fix;

/**
 * Replace the characters {@code [start, end)} of the original text with {@code replacement}; an insertion when
 * {@code start == end}, a deletion when the replacement is empty. Offsets are UTF-16 indexes into the text as
 * read (a leading byte-order mark included).
 */
public record TextEdit(int start, int end, String replacement) {
    public TextEdit {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad edit range " + start + "-" + end);
        }
    }

    public static TextEdit insert(int at, String text) {
        return new TextEdit(at, at, text);
    }

    /**
     * Whether two edits cannot both be applied with one meaning: they share a character, or one touches the
     * other (two insertions at one place, an insertion at either end of a replaced range), where the order
     * of the results would be a guess.
     */
    boolean conflictsWith(TextEdit o) {
        return start <= o.end && o.start <= end;
    }
}
