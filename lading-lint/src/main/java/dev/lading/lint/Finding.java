package dev.lading.lint;

import dev.lading.dockerfile.SourceRange;

/**
 * One problem found in one file.
 *
 * @param ruleId   the rule's ID as configured and ignored ({@code LD004}, {@code DL3008})
 * @param severity the severity after configuration overrides
 * @param message  what is wrong and what to do instead
 * @param file     the file as given to the linter
 * @param range    where: 1-based lines and columns
 * @param docUrl   where the rule is explained
 */
public record Finding(String ruleId, Severity severity, String message, String file, SourceRange range, String docUrl) {

    public int line() {
        return range.start().line();
    }

    public int column() {
        return range.start().column();
    }
}
