package dev.lading.lint.rules;

import dev.lading.lint.ComposeRule;
import dev.lading.lint.FindingSink;
import dev.lading.lint.Profiles;
import dev.lading.lint.Severity;
import dev.lading.lint.compose.ComposeFile;
import dev.lading.lint.compose.YamlNode;
import java.util.List;

/**
 * RT002: the default capability set (chown, setuid, net_raw, …) is more than most services use; dropping ALL
 * and adding back the few a service needs keeps an exploit from using the rest. {@code cap_add: [ALL]} undoes
 * the drop, so it is reported too; whether a single added capability is needed is for a reviewer to say.
 */
public final class Rt002CapDropAll implements ComposeRule {
    @Override
    public String id() {
        return "RT002";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "Services drop every capability (cap_drop: [ALL]) and add back only what they need";
    }

    @Override
    public String since() {
        return Profiles.P2026_12;
    }

    private static boolean all(List<YamlNode> items) {
        return items.stream().map(ComposeValues::known).flatMap(java.util.Optional::stream)
                .anyMatch(c -> c.equalsIgnoreCase("ALL") || c.equalsIgnoreCase("CAP_ALL"));
    }

    @Override
    public void check(ComposeFile compose, FindingSink findings) {
        for (ComposeFile.Service s : compose.services()) {
            YamlNode.Entry drop = s.body().entry("cap_drop").orElse(null);
            if (drop == null) {
                if (!s.partial()) {
                    findings.report(s.keyRange(), "service '" + s.name() + "' keeps the default capabilities: add "
                            + "cap_drop: [ALL] and cap_add only what it needs");
                }
            } else {
                List<YamlNode> items = ComposeValues.items(drop.value());
                if (!all(items) && !ComposeValues.anyInterpolated(items)) {
                    findings.report(drop.keyRange(), "service '" + s.name() + "' does not drop ALL capabilities: "
                            + "use cap_drop: [ALL] and cap_add only what it needs");
                }
            }
            s.body().entry("cap_add").filter(add -> all(ComposeValues.items(add.value()))).ifPresent(add ->
                    findings.report(add.keyRange(), "service '" + s.name() + "' adds back ALL capabilities: "
                            + "cap_add only the ones it needs"));
        }
    }
}
