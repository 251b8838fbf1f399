package dev.lading.lint.rules;

import dev.lading.dockerfile.Expose;
import dev.lading.dockerfile.expand.ResolvedInstruction;
import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;

/** hadolint DL3011: Valid UNIX ports range from 0 to 65535 */
public final class Dl3011PortRange implements Rule {
    private static final java.util.regex.Pattern PROTOCOL = java.util.regex.Pattern.compile("(?i)/(tcp|udp|sctp)$");
    private static final java.util.regex.Pattern DIGITS = java.util.regex.Pattern.compile("[0-9]+");

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
                        String number = PROTOCOL.matcher(p).replaceAll("");
                        for (String part : number.split("-", -1)) {
                            if (DIGITS.matcher(part).matches() && (part.length() > 5 || Integer.parseInt(part) > 65535)) {
                                findings.report(ri.original(), "EXPOSE " + p + ": ports range from 0 to 65535");
                            }
                        }
                    }
                }
            }
        }
    }
}
