package dev.lading.lint.rules;

import dev.lading.dockerfile.Stage;
import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;

/** hadolint DL3029: Do not use --platform flag with FROM */
public final class Dl3029FromPlatform implements Rule {
    @Override
    public String id() {
        return "DL3029";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "Do not use --platform flag with FROM";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        for (Stage s : ctx.dockerfile().stages()) {
            // --platform=$BUILDPLATFORM (cross-compiling) is the flag used as intended; only fixed values are reported
            if (s.from().platform().isPresent() && !s.from().platform().get().contains("$")) {
                findings.report(s.from(), "FROM --platform=" + s.from().platform().get()
                        + " fixes the platform: leave it to the build (--platform), or use $BUILDPLATFORM/$TARGETPLATFORM");
            }
        }
    }
}
