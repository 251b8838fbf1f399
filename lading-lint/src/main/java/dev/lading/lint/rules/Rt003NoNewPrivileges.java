package dev.lading.lint.rules;

import dev.lading.lint.ComposeRule;
import dev.lading.lint.FindingSink;
import dev.lading.lint.Profiles;
import dev.lading.lint.Severity;
import dev.lading.lint.compose.ComposeFile;
import dev.lading.lint.compose.YamlNode;
import java.util.List;
import java.util.regex.Pattern;

/**
 * RT003: {@code no-new-privileges} stops setuid binaries and file capabilities from raising a process's
 * privileges, which closes the usual way from a foothold to root inside the container. Docker accepts it as
 * {@code no-new-privileges:true}, {@code no-new-privileges=true} or bare {@code no-new-privileges}.
 */
public final class Rt003NoNewPrivileges implements ComposeRule {
    private static final Pattern ON = Pattern.compile("(?i)no-new-privileges(\\s*[:=]\\s*true)?");

    @Override
    public String id() {
        return "RT003";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "Services set security_opt: [no-new-privileges:true]";
    }

    @Override
    public String since() {
        return Profiles.P2026_12;
    }

    private static boolean on(YamlNode item) {
        // "- no-new-privileges: true" (a space after the colon) is a one-key mapping in YAML; it means the same
        if (item instanceof YamlNode.Mapping m && m.entries().size() == 1) {
            YamlNode.Entry e = m.entries().get(0);
            return e.key().trim().equalsIgnoreCase("no-new-privileges") && e.value() instanceof YamlNode.Scalar v && v.isTrue();
        }
        return ComposeValues.known(item).filter(t -> ON.matcher(t).matches()).isPresent();
    }

    @Override
    public void check(ComposeFile compose, FindingSink findings) {
        for (ComposeFile.Service s : compose.services()) {
            YamlNode.Entry opts = s.body().entry("security_opt").orElse(null);
            if (opts == null) {
                if (!s.partial()) {
                    findings.report(s.keyRange(), "service '" + s.name() + "' can gain privileges through setuid "
                            + "binaries: add security_opt: [no-new-privileges:true]");
                }
                continue;
            }
            List<YamlNode> items = ComposeValues.items(opts.value());
            if (items.stream().noneMatch(Rt003NoNewPrivileges::on) && !ComposeValues.anyInterpolated(items)) {
                findings.report(opts.keyRange(), "service '" + s.name() + "' can gain privileges through setuid "
                        + "binaries: add no-new-privileges:true to security_opt");
            }
        }
    }
}
