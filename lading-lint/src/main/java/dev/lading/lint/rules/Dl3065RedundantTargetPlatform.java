package dev.lading.lint.rules;


import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Profiles;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;

/**
 * hadolint DL3065: {@code FROM --platform=$TARGETPLATFORM} says what FROM does anyway (a stage is built
 * for the target platform unless told otherwise); the flag only adds noise. Judged on the text as written.
 */
public final class Dl3065RedundantTargetPlatform implements Rule {
    @Override
    public String id() {
        return "DL3065";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "Setting `FROM --platform` to predefined `$TARGETPLATFORM` is redundant as this is the default behavior";
    }

    @Override
    public String since() {
        return Profiles.P2026_12;
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        for (LintContext.StageView s : ctx.stages()) {
            String p = s.stage().from().platform().orElse("").strip();
            if (p.equals("$TARGETPLATFORM") || p.equals("${TARGETPLATFORM}")) {
                findings.report(s.stage().from(), "FROM --platform=" + p + " is the default: remove the flag");
            }
        }
    }
}
