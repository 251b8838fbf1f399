package dev.lading.lint.rules;

import dev.lading.dockerfile.Run;
import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;

/**
 * hadolint DL4001: a stage that downloads with both wget and curl carries two tools for one job. Reported at
 * every RUN of the stage that uses either, from the one where the second tool appears on.
 */
public final class Dl4001WgetOrCurl implements Rule {
    @Override
    public String id() {
        return "DL4001";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "Either use Wget or Curl but not both";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        for (LintContext.StageView s : ctx.stages()) {
            boolean curl = false;
            boolean wget = false;
            for (Run r : s.runs()) {
                boolean usesCurl = !ctx.script(r).commands("curl").isEmpty();
                boolean usesWget = !ctx.script(r).commands("wget").isEmpty();
                curl |= usesCurl;
                wget |= usesWget;
                if (curl && wget && (usesCurl || usesWget)) {
                    findings.report(r, "this stage uses both wget and curl: use one of them for every download");
                }
            }
        }
    }
}
