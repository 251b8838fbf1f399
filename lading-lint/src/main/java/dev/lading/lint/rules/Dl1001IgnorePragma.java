package dev.lading.lint.rules;

import dev.lading.dockerfile.Comment;
import dev.lading.dockerfile.SourceRange;
import java.util.regex.Pattern;
import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Profiles;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;

/**
 * hadolint DL1001 (off by default, as in hadolint): for teams that want every exception in configuration,
 * where it is reviewed once, rather than in inline {@code # hadolint ignore=…} comments. lading's own
 * {@code # lading ignore=…} is the same kind of pragma and reported too; {@code global ignore} is not inline.
 */
public final class Dl1001IgnorePragma implements Rule {
    @Override
    public String id() {
        return "DL1001";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.INFO;
    }

    @Override
    public String description() {
        return "Please refrain from using inline ignore pragmas `# hadolint ignore=DLxxxx`.";
    }

    @Override
    public String since() {
        return Profiles.P2026_12;
    }

    private static final Pattern INLINE = Pattern.compile("(?i)^(lading|hadolint)\\s+ignore\\s*=.*");

    @Override
    public boolean enabledByDefault() {
        return false;
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        for (Comment c : ctx.dockerfile().comments()) {
            if (INLINE.matcher(c.text().trim()).matches()) {
                // the comment text is trimmed: "# " plus the text is where it ends, near enough for an editor
                findings.report(SourceRange.of(c.line(), 1, c.line(), 3 + c.text().length()),
                        "inline ignore pragma: move the exception to .lading.yaml / .hadolint.yaml (ignore:)");
            }
        }
    }
}
