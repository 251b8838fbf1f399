package dev.lading.lint.rules;

import dev.lading.lint.ComposeRule;
import java.util.List;

/** Every compose-file rule lading ships: the RT rules of STANDARDS.md ("Runtime configuration"). */
public final class ComposeRules {
    private ComposeRules() {
    }

    public static List<ComposeRule> all() {
        return List.of(new Rt001ReadOnly(), new Rt002CapDropAll(), new Rt003NoNewPrivileges(),
                new Rt004HostNetworkPrivileged(), new Rt005PortsOnLoopback(), new Rt006ResourceLimits(),
                new Rt007SecretsInEnvironment(), new Rt008PinnedImage());
    }
}
