package dev.lading.lint.rules;

import dev.lading.lint.ComposeRule;
import dev.lading.lint.FindingSink;
import dev.lading.lint.Profiles;
import dev.lading.lint.Severity;
import dev.lading.lint.compose.ComposeFile;
import dev.lading.lint.compose.YamlNode;

/**
 * RT004: {@code privileged: true} gives the container every capability and every device, and
 * {@code network_mode: host} puts it on the host's network stack (every host port, the host's loopback
 * services); either one makes the container boundary nominal. An error: there is rarely a reason, and the
 * reason should be written down as an ignore pragma.
 */
public final class Rt004HostNetworkPrivileged implements ComposeRule {
    @Override
    public String id() {
        return "RT004";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }

    @Override
    public String description() {
        return "No network_mode: host and no privileged: true";
    }

    @Override
    public String since() {
        return Profiles.P2026_12;
    }

    @Override
    public void check(ComposeFile compose, FindingSink findings) {
        for (ComposeFile.Service s : compose.services()) {
            s.body().entry("network_mode")
                    .filter(e -> ComposeValues.known(e.value()).filter(v -> v.equals("host")).isPresent())
                    .ifPresent(e -> findings.report(e.keyRange(), "service '" + s.name() + "' uses the host's "
                            + "network stack (network_mode: host): use a network and publish only the ports it serves"));
            s.body().entry("privileged")
                    .filter(e -> e.value() instanceof YamlNode.Scalar v && v.isTrue())
                    .ifPresent(e -> findings.report(e.keyRange(), "service '" + s.name() + "' runs privileged "
                            + "(every capability and device): remove privileged: true and add the single "
                            + "capability or device it needs"));
        }
    }
}
