package dev.lading.lint.rules;

import dev.lading.dockerfile.Copy;
import dev.lading.dockerfile.Instruction;
import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Profiles;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;

/**
 * hadolint DL3067: {@code COPY --from=stage / /} copies the other stage's whole filesystem (its package
 * manager, shell, caches, everything the multi-stage build was meant to leave behind): copy the paths needed.
 */
public final class Dl3067CopyWholeFilesystem implements Rule {
    @Override
    public String id() {
        return "DL3067";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "Do not copy an entire filesystem from another stage";
    }

    @Override
    public String since() {
        return Profiles.P2026_12;
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        for (LintContext.StageView s : ctx.stages()) {
            for (Instruction i : s.stage().instructions()) {
                if (i instanceof Copy c && c.from().isPresent() && root(c.destination())
                        && c.sources().stream().anyMatch(Dl3067CopyWholeFilesystem::root)) {
                    findings.report(c, "COPY --from of / into / takes the other stage's whole filesystem: "
                            + "copy only the paths the image needs");
                }
            }
        }
    }

    private static boolean root(String path) {
        return path.replace("\"", "").replace("'", "").strip().equals("/");
    }
}
