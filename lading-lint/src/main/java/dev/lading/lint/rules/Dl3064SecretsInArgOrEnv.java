package dev.lading.lint.rules;

import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Profiles;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;
import java.util.Set;

/**
 * hadolint DL3064: ARG and ENV names that look like secrets (tokens, passwords, keys) are not given values in
 * the Dockerfile, where they end up in the image. hadolint added it after BuildKit's SecretsUsedInArgOrEnv
 * check; it judges the same declarations the same way, and the two (with LD006) are twins.
 */
public final class Dl3064SecretsInArgOrEnv implements Rule {
    private final SecretsUsedInArgOrEnv same = new SecretsUsedInArgOrEnv();

    @Override
    public String id() {
        return "DL3064";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "Potentially sensitive data should not be used in the ARG or ENV commands";
    }

    @Override
    public String since() {
        return Profiles.P2026_12;
    }

    @Override
    public Set<String> twins() {
        return Set.of(same.id());
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        same.check(ctx, findings);
    }
}
