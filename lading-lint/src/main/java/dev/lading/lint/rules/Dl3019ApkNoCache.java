package dev.lading.lint.rules;

import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;

/** hadolint DL3019: apk add --no-cache instead of apk update + rm -rf /var/cache/apk/*. */
public final class Dl3019ApkNoCache implements Rule {
    @Override
    public String id() {
        return "DL3019";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.INFO;
    }

    @Override
    public String description() {
        return "Use the --no-cache switch to avoid the need to use --update and remove /var/cache/apk/*";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        for (RunCommands.At at : RunCommands.apkAdds(ctx)) {
            if (!Ld022CacheFlags.Caches.apkNoCache(at)) {
                findings.report(at.run(), "use 'apk add --no-cache' so no package index is left in the layer");
            }
        }
    }
}
