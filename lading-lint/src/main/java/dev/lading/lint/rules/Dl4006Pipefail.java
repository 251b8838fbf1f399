package dev.lading.lint.rules;

import dev.lading.dockerfile.Run;
import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;
import java.util.List;

/**
 * hadolint DL4006: without pipefail, {@code curl … | tar x} succeeds when curl fails, and the build goes on
 * with half a download. A SHELL with {@code -o pipefail}, or {@code set -o pipefail} in the RUN itself,
 * satisfies it. RUNs under a non-POSIX SHELL (pwsh, cmd) are not judged.
 */
public final class Dl4006Pipefail implements Rule {
    @Override
    public String id() {
        return "DL4006";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "Set the SHELL option -o pipefail before RUN with a pipe in it";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        for (Run r : RunCommands.runs(ctx)) {
            var script = ctx.script(r);
            List<String> shell = ctx.shell(r);
            if (script.hasPipeline() && !script.setsPipefail() && shell.stream().noneMatch(s -> s.contains("pipefail"))) {
                findings.report(r, "pipe without pipefail: a failing command before '|' does not fail the build; "
                        + "add SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"] before this RUN or start it with 'set -o pipefail &&'");
            }
        }
    }
}
