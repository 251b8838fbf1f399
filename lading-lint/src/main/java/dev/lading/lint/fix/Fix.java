package dev.lading.lint.fix;

import java.util.List;

/**
 * One kind of mechanical fix: from a parsed Dockerfile and the findings on it, the text edits that answer
 * some of those findings. A fix acts only where a rule it answers reported something (so ignored rules and
 * pragmas are honoured) and only where the edit keeps the Dockerfile's meaning; elsewhere it leaves the text
 * and the finding stays.
 */
interface Fix {
    /** The name used in {@code --fix-skip} and in summaries, e.g. {@code exec-form}. */
    String kind();

    List<Change> changes(FixContext ctx);
}
