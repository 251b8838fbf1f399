package dev.lading.lint.rules;

import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;
import java.util.regex.Pattern;

/** hadolint DL3055: labels the configuration's label-schema types as {@code hash} hold a git commit hash (7 to 40 hex digits). */
public final class Dl3055LabelGitHash implements Rule {
    private static final Pattern VALID = Pattern.compile("[0-9a-fA-F]{7,40}|[0-9a-fA-F]{64}");

    @Override
    public String id() {
        return "DL3055";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "Label `<label>` is not a valid git hash.";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        LabelSchema.check(ctx, findings, "hash", v -> VALID.matcher(v).matches(), "a git commit hash (7 to 40 hex digits)");
    }
}
