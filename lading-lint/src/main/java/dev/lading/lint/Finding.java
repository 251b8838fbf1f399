package dev.lading.lint;

import dev.lading.dockerfile.SourceRange;
import java.util.ArrayList;
import java.util.List;

/**
 * One problem found in one file.
 *
 * @param ruleId   the rule's ID as configured and ignored ({@code LD004}, {@code DL3008})
 * @param severity the severity after configuration overrides
 * @param message  what is wrong and what to do instead
 * @param file     the file as given to the linter
 * @param range    where: 1-based lines and columns
 * @param docUrl   where the rule is explained
 * @param twins    the IDs of other rules that reported the same problem at the same place and were merged
 *                 into this finding (e.g. {@code DL3007} beside {@code LD004}); empty for most findings
 */
public record Finding(String ruleId, Severity severity, String message, String file, SourceRange range, String docUrl,
                      List<String> twins) {

    public Finding {
        twins = List.copyOf(twins);
    }

    public Finding(String ruleId, Severity severity, String message, String file, SourceRange range, String docUrl) {
        this(ruleId, severity, message, file, range, docUrl, List.of());
    }

    /** Every ID this finding answers to: the primary one first, then its twins. */
    public List<String> ids() {
        if (twins.isEmpty()) {
            return List.of(ruleId);
        }
        List<String> all = new ArrayList<>(List.of(ruleId));
        all.addAll(twins);
        return List.copyOf(all);
    }

    /** What users see: {@code LD004/DL3007} for merged twins, the rule ID otherwise. */
    public String displayId() {
        return twins.isEmpty() ? ruleId : String.join("/", ids());
    }

    public int line() {
        return range.start().line();
    }

    public int column() {
        return range.start().column();
    }
}
