package dev.lading.lint.fix;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Applies edits to the original text in one pass, so every byte no edit touches is kept as it was. */
final class Edits {
    private Edits() {
    }

    /**
     * The changes that can go together, in order: a change with an edit that conflicts with an edit of an
     * earlier accepted change is left out whole (never merged), to be looked at again on the fixed text.
     */
    static List<Change> compatible(List<Change> changes) {
        List<Change> accepted = new ArrayList<>();
        List<TextEdit> taken = new ArrayList<>();
        for (Change c : changes) {
            boolean clash = c.edits().stream().anyMatch(e -> taken.stream().anyMatch(e::conflictsWith));
            if (!clash) {
                accepted.add(c);
                taken.addAll(c.edits());
            }
        }
        return accepted;
    }

    /** The text with every edit of {@code changes} applied; the changes must be {@link #compatible}. */
    static String apply(String text, List<Change> changes) {
        List<TextEdit> edits = new ArrayList<>();
        changes.forEach(c -> edits.addAll(c.edits()));
        edits.sort(Comparator.comparingInt(TextEdit::start).thenComparingInt(TextEdit::end));
        StringBuilder out = new StringBuilder(text.length() + 64);
        int at = 0;
        for (TextEdit e : edits) {
            if (e.start() < at || e.end() > text.length()) {
                throw new IllegalArgumentException("edits overlap or run past the text: " + e);
            }
            out.append(text, at, e.start()).append(e.replacement());
            at = e.end();
        }
        return out.append(text, at, text.length()).toString();
    }
}
