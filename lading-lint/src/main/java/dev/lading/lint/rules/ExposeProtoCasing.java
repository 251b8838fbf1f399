package dev.lading.lint.rules;

import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Profiles;
import dev.lading.lint.Severity;
import java.util.Locale;

/**
 * BuildKit's ExposeProtoCasing: the protocol of an EXPOSE port ({@code 80/TCP}) is written in lower case.
 * As BuildKit: the protocol is what follows the first {@code /}; one finding per port.
 */
public final class ExposeProtoCasing implements BuildKitCheck {
    @Override
    public String id() {
        return "ExposeProtoCasing";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "Protocol in EXPOSE instruction should be lowercase";
    }

    @Override
    public String since() {
        return Profiles.P2026_12;
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        for (ExposePorts.Port p : ExposePorts.of(ctx)) {
            String[] parts = p.port().split("/", -1);
            if (parts.length < 2 || parts[0].isEmpty()) {
                continue;
            }
            String proto = parts[1];
            if (!proto.equals(proto.toLowerCase(Locale.ROOT))) {
                findings.report(p.expose(), "Defined protocol '" + p.port() + "' in EXPOSE instruction should be lowercase: write "
                        + parts[0] + "/" + proto.toLowerCase(Locale.ROOT));
            }
        }
    }
}
