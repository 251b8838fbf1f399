package dev.lading.lint.rules;

import dev.lading.lint.ComposeRule;
import dev.lading.lint.FindingSink;
import dev.lading.lint.Profiles;
import dev.lading.lint.Severity;
import dev.lading.lint.compose.ComposeFile;
import dev.lading.lint.compose.YamlNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * RT006: without limits one service can take the host's memory (and the OOM killer picks a victim), its CPUs,
 * or its process table (a fork bomb). Each of cpus, memory and pids counts as set through
 * {@code deploy.resources.limits} or the service-level keys ({@code cpus} or {@code cpu_quota},
 * {@code mem_limit}, {@code pids_limit}). {@code 0} and {@code -1} mean unlimited; a variable counts as set,
 * since its value is not known here.
 */
public final class Rt006ResourceLimits implements ComposeRule {
    @Override
    public String id() {
        return "RT006";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "Services set resource limits for cpus, memory and pids";
    }

    @Override
    public String since() {
        return Profiles.P2026_12;
    }

    private static boolean limits(Optional<YamlNode> value) {
        if (value.isEmpty() || !(value.get() instanceof YamlNode.Scalar s) || s.isNull()) {
            return false;
        }
        if (s.unresolved()) {
            return true;
        }
        String t = s.text().trim();
        return !t.isEmpty() && !t.matches("-1|0+(\\.0*)?[a-zA-Z]*");
    }

    @Override
    public void check(ComposeFile compose, FindingSink findings) {
        for (ComposeFile.Service s : compose.services()) {
            Optional<YamlNode.Mapping> deploy = s.body().mapping("deploy").flatMap(d -> d.mapping("resources"))
                    .flatMap(r -> r.mapping("limits"));
            List<String> missing = new ArrayList<>();
            if (!limits(deploy.flatMap(l -> l.get("cpus"))) && !limits(s.body().get("cpus"))
                    && !limits(s.body().get("cpu_quota"))) {
                missing.add("cpus");
            }
            if (!limits(deploy.flatMap(l -> l.get("memory"))) && !limits(s.body().get("mem_limit"))) {
                missing.add("memory");
            }
            if (!limits(deploy.flatMap(l -> l.get("pids"))) && !limits(s.body().get("pids_limit"))) {
                missing.add("pids");
            }
            if (!s.partial() && !missing.isEmpty()) {
                findings.report(s.keyRange(), "service '" + s.name() + "' has no limit on " + String.join(", ", missing)
                        + ": set deploy.resources.limits (cpus, memory, pids)");
            }
        }
    }
}
