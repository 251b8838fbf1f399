package dev.lading.lint.rules;

import dev.lading.lint.ComposeRule;
import dev.lading.lint.FindingSink;
import dev.lading.lint.Profiles;
import dev.lading.lint.Severity;
import dev.lading.lint.compose.ComposeFile;
import dev.lading.lint.compose.YamlNode;

/**
 * RT001: a read-only root filesystem means a compromised process cannot plant binaries or rewrite the app;
 * what the service must write goes to {@code tmpfs:} or {@code volumes:}, where it is visible and bounded.
 */
public final class Rt001ReadOnly implements ComposeRule {
    @Override
    public String id() {
        return "RT001";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "Services run with read_only: true; writable paths only via tmpfs or volumes";
    }

    @Override
    public String since() {
        return Profiles.P2026_12;
    }

    @Override
    public void check(ComposeFile compose, FindingSink findings) {
        for (ComposeFile.Service s : compose.services()) {
            YamlNode.Entry ro = s.body().entry("read_only").orElse(null);
            if (ro == null) {
                if (!s.partial()) {
                    findings.report(s.keyRange(), "service '" + s.name() + "' has a writable root filesystem: set "
                            + "read_only: true and give the paths it writes tmpfs: or volumes:");
                }
            } else if (ro.value() instanceof YamlNode.Scalar v && v.unresolved()) {
                continue; // set from the environment: unknown here
            } else if (!(ro.value() instanceof YamlNode.Scalar v && v.isTrue())) {
                findings.report(ro.keyRange(), "service '" + s.name() + "' has a writable root filesystem: set "
                        + "read_only: true and give the paths it writes tmpfs: or volumes:");
            }
        }
    }
}
