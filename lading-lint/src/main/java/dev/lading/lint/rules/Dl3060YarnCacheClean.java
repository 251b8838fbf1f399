package dev.lading.lint.rules;

import dev.lading.dockerfile.Run;
import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;
import java.util.Set;

/** hadolint DL3060: yarn's cache stays in the layer unless the same RUN cleans it (or caches it in a mount). */
public final class Dl3060YarnCacheClean implements Rule {
    @Override
    public String id() {
        return "DL3060";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.INFO;
    }

    @Override
    public String description() {
        return "`yarn cache clean` missing after `yarn install` was run";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        Set<Run> reported = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()); // this RUN, by identity
        for (RunCommands.At at : RunCommands.commands(ctx, "yarn")) {
            if (!at.command().hasSubcommand("install") || !reported.add(at.run())) {
                continue;
            }
            boolean cleaned = ctx.script(at.run()).commands("yarn").stream().anyMatch(c -> c.hasSubcommand("cache")
                    && c.args().stream().anyMatch(w -> w.value().equals("clean")));
            boolean mounted = at.run().mounts().stream().anyMatch(m -> m.type().equals(dev.lading.dockerfile.Mount.CACHE)
                    && m.target().map(t -> t.contains("yarn")).orElse(false));
            if (!cleaned && !mounted) {
                findings.report(at.run(), "yarn's cache stays in the layer: add '&& yarn cache clean' to this RUN, or "
                        + "use RUN --mount=type=cache,target=/usr/local/share/.cache/yarn");
            }
        }
    }
}
