package dev.lading.lint.rules;

import dev.lading.dockerfile.Instruction;
import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;

/**
 * LD008: in shell form the process is {@code /bin/sh -c …}: the shell is PID 1, the program never gets
 * SIGTERM, and {@code docker stop} waits for the kill timeout.
 */
public final class Ld008ExecForm implements Rule {
    @Override
    public java.util.Set<String> twins() {
        return java.util.Set.of("DL3025");
    }

    @Override
    public String id() {
        return "LD008";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "CMD and ENTRYPOINT use exec (JSON) form";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        for (Instruction i : ShellFormCommands.of(ctx)) {
            findings.report(i, i.kind().keyword() + " in shell form runs under /bin/sh -c and does not receive signals: "
                    + "write it as JSON, e.g. " + i.kind().keyword() + " [\"executable\", \"arg\"]");
        }
    }
}
