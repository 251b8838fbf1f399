package dev.lading.lint.rules;

import dev.lading.dockerfile.Expose;
import dev.lading.dockerfile.expand.ResolvedInstruction;
import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;

/** hadolint DL3011: Valid UNIX ports range from 0 to 65535 */
public final class Dl3011PortRange implements Rule {
    @Override
    public String id() {
        return "DL3011";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }

    @Override
    public String description() {
        return "Valid UNIX ports range from 0 to 65535";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        for (LintContext.StageView sv : ctx.stages()) {
            for (ResolvedInstruction ri : sv.instructions()) {
                if (ri.resolved() instanceof Expose e && ctx.known(ri)) {
                    for (String p : e.ports()) {
                        String number = p.replaceAll("(?i)/(tcp|udp|sctp)$", "");
                        for (String part : number.split("-", -1)) {
                            if (part.matches("[0-9]+") && (part.length() > 5 || Integer.parseInt(part) > 65535)) {
                                findings.report(ri.original(), "EXPOSE " + p + ": ports range from 0 to 65535");
                            }
                        }
                    }
                }
            }
        }
    }
}
