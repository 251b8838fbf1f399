package dev.lading.lint.rules;

import dev.lading.dockerfile.expand.ResolvedInstruction;
import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;
import java.util.Optional;

/**
 * LD005: the final image runs as a non-root numeric UID. A name cannot be checked by Kubernetes'
 * {@code runAsNonRoot} (it needs a number) and may not exist in the image's /etc/passwd.
 */
public final class Ld005NonRootUser implements Rule {
    private static final java.util.regex.Pattern NUMERIC = java.util.regex.Pattern.compile("[0-9]+");

    @Override
    public String id() {
        return "LD005";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "The final stage's last USER is a non-root numeric UID (or UID:GID)";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        Optional<LintContext.StageView> fin = ctx.finalStage();
        if (fin.isEmpty()) {
            return;
        }
        Optional<ResolvedInstruction> last = Users.last(fin.get());
        if (last.isEmpty()) {
            findings.report(fin.get().stage().from(),
                    "the final stage never sets USER, so it runs as root: add 'USER 65532:65532' (a non-root UID) at its end");
            return;
        }
        ResolvedInstruction ri = last.get();
        if (!ctx.known(ri)) {
            return;
        }
        String user = Users.user(ri);
        if (Users.isRoot(user)) {
            findings.report(ri.original(), "the final USER is root ('" + user
                    + "'): switch to a non-root numeric UID, e.g. 'USER 65532:65532'");
        } else if (!NUMERIC.matcher(Users.name(user)).matches()) {
            findings.report(ri.original(), "USER '" + user
                    + "' is a name: use the numeric UID (e.g. 'USER 10001:10001') so runAsNonRoot can verify it");
        }
    }
}
