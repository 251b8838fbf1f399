package dev.lading.lint.rules;

import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;

/**
 * LD010: ADD does surprising things (extracts archives, fetches URLs) and a URL without a checksum is
 * an unverified download baked into the image. COPY says exactly what happens.
 */
public final class Ld010CopyNotAdd implements Rule {
    @Override
    public java.util.Set<String> twins() {
        return java.util.Set.of("DL3020");
    }

    @Override
    public String id() {
        return "LD010";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "COPY rather than ADD, except local tar extraction; ADD https://… only with --checksum=sha256:…";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        for (AddSources.Resolved r : AddSources.of(ctx)) {
            for (String src : r.resolved().sources()) {
                if (AddSources.isHeredoc(r.resolved(), src)) {
                    findings.report(r.original(), "ADD of a heredoc: use COPY <<EOF, which does the same without ADD's extras");
                } else if (AddSources.isGit(src)) {
                    continue;
                } else if (AddSources.isUrl(src)) {
                    if (r.resolved().checksum().isEmpty()) {
                        findings.report(r.original(), "ADD " + src + " downloads without verification: add "
                                + "--checksum=sha256:<digest> (or fetch it in a RUN with a checksum check)");
                    }
                } else if (!AddSources.isLocalArchive(src)) {
                    findings.report(r.original(), "ADD of '" + src + "' (not a URL or a tar archive): use COPY");
                }
            }
        }
    }
}
