package dev.lading.lint.rules;

import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;
import dev.lading.lint.shell.SimpleCommand;
import dev.lading.lint.shell.Word;
import java.util.List;
import java.util.Optional;

/**
 * LD022: package-manager caches written during a RUN stay in its layer. {@code apk add --no-cache} and
 * {@code pip install --no-cache-dir} (or a cache mount, which keeps the cache out of the image and
 * reuses it across builds) avoid that. {@code npm install} is LD023's business (lockfiles).
 */
public final class Ld022CacheFlags implements Rule {
    @Override
    public java.util.Set<String> twins() {
        return java.util.Set.of("DL3019", "DL3042");
    }

    @Override
    public String id() {
        return "LD022";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "apk add uses --no-cache; pip install uses --no-cache-dir or a cache mount";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        for (RunCommands.At at : RunCommands.apkAdds(ctx)) {
            if (!Caches.apkNoCache(at)) {
                findings.report(at.run(), "'apk add' without --no-cache leaves the package index in the layer: "
                        + "add --no-cache (or --mount=type=cache,target=/var/cache/apk)");
            }
        }
        for (RunCommands.At at : Caches.pipInstalls(ctx)) {
            if (!Caches.pipNoCache(ctx, at)) {
                findings.report(at.run(), "'pip install' without --no-cache-dir leaves pip's cache in the layer: add "
                        + "--no-cache-dir (or --mount=type=cache,target=/root/.cache/pip)");
            }
        }
    }

    /** Shared with DL3019 and DL3042. */
    static final class Caches {
        private Caches() {
        }

        static boolean apkNoCache(RunCommands.At at) {
            return at.command().hasFlag("--no-cache")
                    || RunCommands.cacheMountUnder(at.run(), "/var/cache/apk", "/etc/apk/cache");
        }

        static List<RunCommands.At> pipInstalls(LintContext ctx) {
            return RunCommands.commands(ctx, c -> {
                Optional<List<Word>> args = RunCommands.pipArgs(c);
                if (args.isEmpty()) {
                    return false;
                }
                for (Word w : args.get()) {
                    if (!w.isFlag()) {
                        return w.value().equals("install"); // the first operand is pip's command
                    }
                }
                return false;
            });
        }

        static boolean pipNoCache(LintContext ctx, RunCommands.At at) {
            SimpleCommand c = at.command();
            if (c.hasFlag("--no-cache-dir") || RunCommands.cacheMountUnder(at.run(), "/root/.cache/pip", "/root/.cache")) {
                return true;
            }
            if (c.assignments().stream().anyMatch(a -> a.value().startsWith("PIP_NO_CACHE_DIR="))) {
                return true;
            }
            // ENV PIP_NO_CACHE_DIR anywhere in the stage (or the base) counts: pip reads it
            LintContext.StageView s = ctx.stageOf(at.run());
            return s != null && s.resolved().env().containsKey("PIP_NO_CACHE_DIR");
        }
    }
}
