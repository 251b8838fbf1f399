package dev.lading.lint.rules;

import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;

/** hadolint DL3042: pip's cache is useless in an image layer. */
public final class Dl3042PipNoCacheDir implements Rule {
    @Override
    public String id() {
        return "DL3042";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "Avoid use of cache directory with pip. Use `pip install --no-cache-dir <package>`";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        for (RunCommands.At at : Ld022CacheFlags.Caches.pipInstalls(ctx)) {
            if (!Ld022CacheFlags.Caches.pipNoCache(ctx, at)) {
                findings.report(at.run(), "use 'pip install --no-cache-dir' (or set PIP_NO_CACHE_DIR=1)");
            }
        }
    }
}
