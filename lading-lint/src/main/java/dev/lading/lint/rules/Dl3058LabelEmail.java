package dev.lading.lint.rules;

import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;
import java.util.regex.Pattern;

/** hadolint DL3058: labels the configuration's label-schema types as {@code email} hold an email address (name@example.org). */
public final class Dl3058LabelEmail implements Rule {
    private static final Pattern VALID = Pattern.compile("[^@\\s\"]+@[^@\\s\"]+\\.[^@\\s\".]+");

    @Override
    public String id() {
        return "DL3058";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "Label `<label>` is not a valid email format - must conform to RFC5322.";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        LabelSchema.check(ctx, findings, "email", v -> VALID.matcher(v).matches(), "an email address (name@example.org)");
    }
}
