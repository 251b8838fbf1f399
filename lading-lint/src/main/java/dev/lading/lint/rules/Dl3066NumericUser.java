package dev.lading.lint.rules;

import dev.lading.dockerfile.User;
import dev.lading.dockerfile.expand.ResolvedInstruction;
import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Profiles;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;

/**
 * hadolint DL3066: USER names the user by numeric ID ({@code USER 10001} or {@code USER 10001:10001}); a
 * name needs the image's /etc/passwd to mean anything, and runtimes and policies (runAsNonRoot) cannot check it.
 * Only the user part is judged, and only when its value is known.
 */
public final class Dl3066NumericUser implements Rule {
    @Override
    public String id() {
        return "DL3066";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.INFO;
    }

    @Override
    public String description() {
        return "Non-numeric user-id may not be resolvable by host system";
    }

    @Override
    public String since() {
        return Profiles.P2026_12;
    }

    /** LD005 asks the final stage's last USER for a numeric non-root UID: where both speak, it is one finding. */
    @Override
    public java.util.Set<String> twins() {
        return java.util.Set.of("LD005");
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        for (LintContext.StageView s : ctx.stages()) {
            for (ResolvedInstruction ri : s.instructions()) {
                if (ri.resolved() instanceof User u && ctx.known(ri)) {
                    String uid = u.user().split(":", 2)[0];
                    if (!uid.chars().allMatch(Character::isDigit)) {
                        findings.report(ri.original(), "USER " + u.user() + " names the user: use the numeric UID "
                                + "(e.g. USER 10001:10001) so the host and policies can tell who runs");
                    }
                }
            }
        }
    }
}
