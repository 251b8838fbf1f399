package dev.lading.lint.rules;

import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;

/** hadolint DL3020: COPY for files and folders; ADD only for URLs and archives. */
public final class Dl3020AddForFiles implements Rule {
    @Override
    public String id() {
        return "DL3020";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }

    @Override
    public String description() {
        return "Use COPY instead of ADD for files and folders";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        for (AddSources.Resolved r : AddSources.of(ctx)) {
            boolean filesOnly = r.resolved().sources().stream().anyMatch(s -> !AddSources.isUrl(s) && !AddSources.isGit(s)
                    && !AddSources.isLocalArchive(s) && !AddSources.isHeredoc(r.resolved(), s));
            if (filesOnly) {
                findings.report(r.original(), "use COPY instead of ADD for files and folders");
            }
        }
    }
}
