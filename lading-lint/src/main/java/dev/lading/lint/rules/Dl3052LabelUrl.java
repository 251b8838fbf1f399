package dev.lading.lint.rules;

import java.net.URI;
import java.net.URISyntaxException;
import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Profiles;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;

/**
 * hadolint DL3052: labels the label schema types as {@code url} hold an absolute URI (with a scheme).
 */
public final class Dl3052LabelUrl implements Rule {
    @Override
    public String id() {
        return "DL3052";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "Label `<label>` is not a valid URL.";
    }

    @Override
    public String since() {
        return Profiles.P2026_12;
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        LabelSchema.check(ctx, findings, "url", Dl3052LabelUrl::valid, "an absolute URL (scheme://…)");
    }

    static boolean valid(String v) {
        try {
            return new URI(v).isAbsolute();
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
