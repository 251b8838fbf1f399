package dev.lading.lint.rules;

import dev.lading.dockerfile.ParseWarning;
import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Profiles;
import dev.lading.lint.Severity;

/**
 * BuildKit's NoEmptyContinuation: an empty line inside a line continuation ({@code RUN a \}, an empty line,
 * {@code b}). BuildKit, and lading's parser with it, skips such lines when building, so the syntax tree no
 * longer shows them; the parser records each instruction that had one as a {@link ParseWarning}, and this
 * rule reports those. A comment line inside a continuation is not empty.
 */
public final class NoEmptyContinuation implements BuildKitCheck {
    /** How lading-dockerfile's parser starts the warning it records for an empty continuation line. */
    static final String PARSER_WARNING = "empty continuation line found in:";

    @Override
    public String id() {
        return "NoEmptyContinuation";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "Empty continuation lines will become errors in a future release";
    }

    @Override
    public String since() {
        return Profiles.P2026_12;
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        for (ParseWarning w : ctx.dockerfile().warnings()) {
            if (!w.message().startsWith(PARSER_WARNING)) {
                continue;
            }
            String text = ctx.dockerfile().instructions().stream().filter(i -> i.range().equals(w.range()))
                    .map(i -> i.source().original().strip()).findFirst()
                    .orElse(w.message().substring(PARSER_WARNING.length()).strip());
            findings.report(w.range(), "Empty continuation line found in: " + text
                    + " (remove the empty line, or make it a comment)");
        }
    }
}
