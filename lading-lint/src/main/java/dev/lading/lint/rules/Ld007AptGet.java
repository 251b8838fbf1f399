package dev.lading.lint.rules;

import dev.lading.dockerfile.Run;
import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;
import dev.lading.lint.shell.SimpleCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * LD007: {@code apt-get install} without {@code -y} hangs or fails non-interactively, without
 * {@code --no-install-recommends} pulls in packages nobody asked for, and package lists left in
 * /var/lib/apt/lists add tens of megabytes to the layer.
 */
public final class Ld007AptGet implements Rule {
    @Override
    public java.util.Set<String> twins() {
        return java.util.Set.of("DL3009", "DL3014", "DL3015");
    }

    @Override
    public String id() {
        return "LD007";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "apt-get install uses -y and --no-install-recommends; the same RUN cleans /var/lib/apt/lists/* "
                + "unless it uses an apt cache mount";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        // the same RUN, not an equal one: an identity set, which also spares comparing instructions field by field
        Set<Run> reportedClean = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (RunCommands.At at : RunCommands.aptInstalls(ctx)) {
            SimpleCommand c = at.command();
            List<String> missing = new ArrayList<>();
            if (!AptFlags.assumesYes(c)) {
                missing.add("-y");
            }
            if (!AptFlags.noRecommends(c)) {
                missing.add("--no-install-recommends");
            }
            if (!missing.isEmpty()) {
                findings.report(ctx.rangeOf(at.run(), at.command()), "'" + c.name().value() + " install' without " + String.join(" and ", missing)
                        + ": add " + String.join(" ", missing));
            }
            if (!RunCommands.isAptClean(ctx, at.run()) && reportedClean.add(at.run())) {
                findings.report(at.run(), "apt package lists stay in the layer: end this RUN with "
                        + "'&& rm -rf /var/lib/apt/lists/*' or use --mount=type=cache,target=/var/lib/apt/lists");
            }
        }
    }
}
