package dev.lading.lint.rules;

import dev.lading.dockerfile.Arg;
import dev.lading.dockerfile.ArgDeclaration;
import dev.lading.dockerfile.Comment;
import dev.lading.dockerfile.From;
import dev.lading.dockerfile.Instruction;
import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Profiles;
import dev.lading.lint.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * BuildKit's experimental InvalidDefinitionDescription: a comment directly above a named {@code FROM … AS
 * name} or an {@code ARG} is its description ({@code docker build --call=outline} prints it), and so it
 * starts with the stage's or argument's name.
 *
 * <p>As BuildKit reads it: the description is the block of comment lines directly above the instruction (an
 * empty line, or an empty {@code #} line, ends a block); its last line's first word must be the name (for
 * an ARG naming several, one of them). Unlike BuildKit, parser directives ({@code # syntax=…}) never count,
 * since lading's syntax tree keeps them apart from comments. Off by default, as BuildKit runs experimental
 * checks only when asked: {@code # check=experimental=InvalidDefinitionDescription} (or {@code all}) in the
 * Dockerfile, as BuildKit reads it, or {@code enable: [InvalidDefinitionDescription]} in {@code .lading.yaml}.
 */
public final class InvalidDefinitionDescription implements BuildKitCheck {
    @Override
    public String id() {
        return "InvalidDefinitionDescription";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "Comment for build stage or argument should follow the format: `# <arg/stage name> <description>`. "
                + "If this is not intended to be a description comment, add an empty line or comment between the "
                + "instruction and the comment.";
    }

    @Override
    public String since() {
        return Profiles.P2026_12;
    }

    @Override
    public boolean enabledByDefault() {
        return false;
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        for (Instruction i : ctx.dockerfile().instructions()) {
            List<String> names = switch (i) {
                case From f -> f.stageName().map(List::of).orElse(List.of());
                case Arg a -> a.declarations().stream().map(ArgDeclaration::name).toList();
                default -> List.of();
            };
            if (names.isEmpty()) {
                continue;
            }
            List<Comment> block = descriptionBlock(i, ctx);
            if (block.isEmpty()) {
                continue;
            }
            String first = block.get(block.size() - 1).text().split(" ", -1)[0];
            if (names.contains(first)) {
                continue;
            }
            String example = names.size() > 1 ? "<arg_key>" : names.get(0);
            String kw = i instanceof From ? "FROM" : "ARG";
            findings.report(i, "Comment for " + kw + " should follow the format: `# " + example + " <description>`; "
                    + "if it is not meant as a description, put an empty line between the comment and the instruction");
        }
    }

    /** The comment lines directly above the instruction, up to an empty line or an empty comment. */
    private static List<Comment> descriptionBlock(Instruction i, LintContext ctx) {
        List<Comment> comments = i.comments();
        List<Comment> block = new ArrayList<>();
        int expected = i.range().start().line() - 1;
        for (int k = comments.size() - 1; k >= 0; k--) {
            Comment c = comments.get(k);
            if (c.line() != expected || c.text().isEmpty()) {
                break;
            }
            block.add(0, c);
            expected--;
        }
        return block;
    }
}
