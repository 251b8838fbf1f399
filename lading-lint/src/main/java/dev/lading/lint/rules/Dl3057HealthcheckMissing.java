package dev.lading.lint.rules;

import dev.lading.dockerfile.Healthcheck;
import dev.lading.dockerfile.Stage;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Profiles;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;

/**
 * hadolint DL3057 (off by default, as in hadolint): every stage has a HEALTHCHECK of its own or inherits
 * one from the stage it is built FROM. Reported at the FROM of each stage without one. {@code HEALTHCHECK
 * NONE} counts: it is a decision. lading's LD013 asks the same of the final stage only and is its twin there.
 */
public final class Dl3057HealthcheckMissing implements Rule {
    @Override
    public String id() {
        return "DL3057";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.INFO;
    }

    @Override
    public String description() {
        return "`HEALTHCHECK` instruction missing.";
    }

    @Override
    public String since() {
        return Profiles.P2026_12;
    }

    @Override
    public boolean enabledByDefault() {
        return false;
    }

    @Override
    public Set<String> twins() {
        return Set.of("LD013");
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        Set<String> withHealthcheck = new HashSet<>();
        for (LintContext.StageView sv : ctx.stages()) {
            Stage st = sv.stage();
            boolean has = withHealthcheck.contains(st.from().image().toLowerCase(Locale.ROOT))
                    || st.instructions().stream().anyMatch(i -> i instanceof Healthcheck);
            if (has) {
                st.name().ifPresent(n -> withHealthcheck.add(n.toLowerCase(Locale.ROOT)));
            } else {
                findings.report(st.from(), "no HEALTHCHECK in this stage or the stage it is built from: add "
                        + "HEALTHCHECK CMD [\"…\"] (or HEALTHCHECK NONE to say there is none on purpose)");
            }
        }
    }
}
