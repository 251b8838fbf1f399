package dev.lading.lint.rules;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;
import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Profiles;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;

/**
 * hadolint DL3053: labels the label schema types as {@code rfc3339} hold an RFC 3339 timestamp
 * ({@code 2026-12-05T10:00:00Z}, with a zone offset; {@code t}, {@code z} and a space separator are allowed
 * as RFC 3339 allows them).
 */
public final class Dl3053LabelTime implements Rule {
    @Override
    public String id() {
        return "DL3053";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "Label `<label>` is not a valid time format - must conform to RFC3339.";
    }

    @Override
    public String since() {
        return Profiles.P2026_12;
    }

    private static final Pattern SHAPE =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}[Tt ]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?([Zz]|[+-]\\d{2}:\\d{2})");

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        LabelSchema.check(ctx, findings, "rfc3339", Dl3053LabelTime::valid, "an RFC 3339 time (e.g. 2026-12-05T10:00:00Z)");
    }

    static boolean valid(String v) {
        if (!SHAPE.matcher(v).matches()) {
            return false;
        }
        try {
            // the shape is right; the calendar decides whether e.g. February 30th exists
            OffsetDateTime.parse(v.substring(0, 10) + "T" + v.substring(11).toUpperCase(Locale.ROOT));
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
