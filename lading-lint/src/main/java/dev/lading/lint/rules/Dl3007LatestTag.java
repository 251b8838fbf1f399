package dev.lading.lint.rules;

import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;

/** hadolint DL3007: :latest changes under you; a digest beside it makes it fixed, so that is not reported. */
public final class Dl3007LatestTag implements Rule {
    @Override
    public String id() {
        return "DL3007";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "Using latest is prone to errors if the image will ever update; pin a version";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        for (FromLines.ExternalFrom f : FromLines.external(ctx)) {
            if (f.ref().tag().map("latest"::equals).orElse(false) && f.ref().digest().isEmpty()) {
                findings.report(f.at(), "'" + f.image() + "' uses :latest: pin a version, e.g. "
                        + f.ref().repository() + ":<version>");
            }
        }
    }
}
