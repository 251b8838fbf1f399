package dev.lading.lint.rules;


import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Profiles;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;

/**
 * hadolint DL3054: labels the label schema types as {@code spdx} hold one SPDX license identifier
 * ({@code Apache-2.0}, {@code MIT}); an expression such as {@code MIT OR Apache-2.0} is not an identifier, as
 * in hadolint. The list of identifiers is the SPDX license list (spdx-license-ids 3.0.23), deprecated ones
 * included.
 */
public final class Dl3054LabelSpdx implements Rule {
    @Override
    public String id() {
        return "DL3054";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "Label `<label>` is not a valid SPDX license identifier.";
    }

    @Override
    public String since() {
        return Profiles.P2026_12;
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        LabelSchema.check(ctx, findings, "spdx", SpdxLicenses::isLicenseId, "an SPDX license identifier (e.g. Apache-2.0)");
    }
}
