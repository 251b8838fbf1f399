package dev.lading.lint.fix;

import java.util.List;

/**
 * One fix at one place: edits that go together (all or none), the rule whose finding it answers and what it
 * does, for the summary.
 *
 * @param kind        the fix kind ({@link Fix#kind()}), e.g. {@code exec-form}
 * @param ruleId      the rule the fix answers, e.g. {@code LD008}
 * @param line        the 1-based line the change is about, in the text the edits apply to
 * @param description what changes, e.g. {@code CMD in exec form}
 * @param edits       non-overlapping edits of the text
 */
public record Change(String kind, String ruleId, int line, String description, List<TextEdit> edits) {
    public Change {
        edits = List.copyOf(edits);
        for (int i = 0; i < edits.size(); i++) {
            for (int j = i + 1; j < edits.size(); j++) {
                if (edits.get(i).conflictsWith(edits.get(j))) {
                    throw new IllegalArgumentException("a change's own edits overlap: " + edits.get(i) + ", " + edits.get(j));
                }
            }
        }
    }
}
