package dev.lading.lint.rules;

import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Profiles;
import dev.lading.lint.Severity;

/**
 * BuildKit's ExposeInvalidFormat: EXPOSE names container ports (and a protocol), never a host IP or host
 * port ({@code 127.0.0.1:80:80}, {@code 8080:80}); those belong to {@code docker run -p}. As BuildKit: a port
 * is split at {@code :} into {@code [ip:]hostPort:containerPort}, and a non-empty IP or host port fires, one
 * finding per port.
 */
public final class ExposeInvalidFormat implements BuildKitCheck {
    @Override
    public String id() {
        return "ExposeInvalidFormat";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "IP address and host-port mapping should not be used in EXPOSE instruction. This will become an error in a future release";
    }

    @Override
    public String since() {
        return Profiles.P2026_12;
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        for (ExposePorts.Port p : ExposePorts.of(ctx)) {
            String[] parts = p.port().split(":", -1);
            if (parts.length < 2) {
                continue;
            }
            String hostPort = parts[parts.length - 2];
            String ip = String.join(":", java.util.Arrays.copyOf(parts, parts.length - 2));
            if (!ip.isEmpty() || !hostPort.isEmpty()) {
                findings.report(p.expose(), "EXPOSE instruction should not define an IP address or host-port mapping, found '"
                        + p.port() + "': expose only the container port (" + parts[parts.length - 1]
                        + ") and publish it with docker run -p");
            }
        }
    }
}
