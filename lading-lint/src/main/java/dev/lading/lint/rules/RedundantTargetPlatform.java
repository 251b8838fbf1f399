package dev.lading.lint.rules;

import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Profiles;
import dev.lading.lint.Severity;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * BuildKit's RedundantTargetPlatform: {@code FROM --platform=$TARGETPLATFORM} asks for what FROM does anyway.
 * BuildKit fires when TARGETPLATFORM is the only variable of the value and the value expands to it exactly:
 * {@code $TARGETPLATFORM}, {@code ${TARGETPLATFORM}}, and {@code ${TARGETPLATFORM:-…}} (TARGETPLATFORM is
 * always set, so the default never applies). The same check as hadolint's DL3065: the two are twins.
 */
public final class RedundantTargetPlatform implements BuildKitCheck {
    private static final Pattern ONLY_TARGET = Pattern.compile(
            "\\$TARGETPLATFORM|\\$\\{TARGETPLATFORM(?::?-[^}$]*)?}");

    @Override
    public String id() {
        return "RedundantTargetPlatform";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "Setting platform to predefined $TARGETPLATFORM in FROM is redundant as this is the default behavior";
    }

    @Override
    public String since() {
        return Profiles.P2026_12;
    }

    @Override
    public Set<String> twins() {
        return Set.of("DL3065");
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        for (LintContext.StageView s : ctx.stages()) {
            String p = s.stage().from().platform().orElse("").strip();
            if (ONLY_TARGET.matcher(p).matches()) {
                findings.report(s.stage().from(), "Setting platform to predefined " + p
                        + " in FROM is redundant as this is the default behavior: remove --platform");
            }
        }
    }
}
