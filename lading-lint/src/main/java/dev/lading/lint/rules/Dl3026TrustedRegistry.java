package dev.lading.lint.rules;

import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;
import java.util.List;
import java.util.Locale;

/**
 * hadolint DL3026: with {@code trustedRegistries} configured, every base image comes from one of them.
 * An image without a registry host is Docker Hub ({@code docker.io}); {@code *.example.com} matches any
 * subdomain. With no trusted registries configured the rule says nothing.
 */
public final class Dl3026TrustedRegistry implements Rule {
    @Override
    public String id() {
        return "DL3026";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }

    @Override
    public String description() {
        return "Use only an allowed registry in the FROM image";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        List<String> trusted = ctx.config().trustedRegistries();
        if (trusted.isEmpty()) {
            return;
        }
        for (FromLines.ExternalFrom f : FromLines.external(ctx)) {
            String registry = f.ref().registry().orElse("docker.io");
            if (!trusted(registry, trusted)) {
                findings.report(f.at(), "'" + f.image() + "' comes from " + registry
                        + ", which is not a trusted registry (" + String.join(", ", trusted) + ")");
            }
        }
    }

    static boolean trusted(String registry, List<String> trusted) {
        String r = registry.toLowerCase(Locale.ROOT);
        for (String t : trusted) {
            String p = t.toLowerCase(Locale.ROOT);
            if (p.equals(r) || (p.equals("docker.io") && r.equals("index.docker.io"))
                    || (p.startsWith("*.") && r.endsWith(p.substring(1)))) {
                return true;
            }
        }
        return false;
    }
}
