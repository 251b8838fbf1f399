package dev.lading.lint.rules;

import dev.lading.dockerfile.Run;
import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;
import java.util.ArrayList;
import java.util.List;

/** hadolint DL3009: package lists left by apt-get install bloat the layer. */
public final class Dl3009AptLists implements Rule {
    @Override
    public String id() {
        return "DL3009";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.INFO;
    }

    @Override
    public String description() {
        return "Delete the apt-get lists after installing something";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        // each RUN once, in order; the same RUN (identity), as comparing instructions as values costs far more
        List<Run> runs = new ArrayList<>();
        for (RunCommands.At a : RunCommands.aptInstalls(ctx)) {
            if (runs.isEmpty() || runs.get(runs.size() - 1) != a.run()) {
                runs.add(a.run());
            }
        }
        for (Run r : runs) {
            if (!RunCommands.isAptClean(ctx, r)) {
                findings.report(r, "apt-get lists are not deleted: add '&& rm -rf /var/lib/apt/lists/*' to this RUN");
            }
        }
    }
}
