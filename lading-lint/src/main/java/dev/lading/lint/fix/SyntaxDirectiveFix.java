package dev.lading.lint.fix;

import java.util.List;
import java.util.Set;

/**
 * LD001: adds {@code # syntax=docker/dockerfile:1} as line 1 when the file has no syntax directive. Other
 * directives ({@code escape}, {@code check}) stay directives below it: a directive line keeps the directive
 * section open.
 */
final class SyntaxDirectiveFix implements Fix {
    static final String DIRECTIVE = "# syntax=docker/dockerfile:1";

    @Override
    public String kind() {
        return "syntax";
    }

    @Override
    public List<Change> changes(FixContext ctx) {
        if (ctx.dockerfile().directive("syntax").isPresent() || !ctx.flagged(1, Set.of("LD001"))) {
            return List.of();
        }
        SourceText src = ctx.source();
        return List.of(new Change(kind(), "LD001", 1, "added " + DIRECTIVE,
                List.of(TextEdit.insert(src.contentStart(), DIRECTIVE + src.lineEnding()))));
    }
}
