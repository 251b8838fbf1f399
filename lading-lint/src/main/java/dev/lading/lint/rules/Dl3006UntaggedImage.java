package dev.lading.lint.rules;

import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;

/** hadolint DL3006: an untagged FROM silently means :latest. */
public final class Dl3006UntaggedImage implements Rule {
    @Override
    public String id() {
        return "DL3006";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "Always tag the version of an image explicitly";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        for (FromLines.ExternalFrom f : FromLines.external(ctx)) {
            if (f.ref().tag().isEmpty() && f.ref().digest().isEmpty()) {
                findings.report(f.at(), "'" + f.image() + "' has no tag: write " + f.image() + ":<version>");
            }
        }
    }
}
