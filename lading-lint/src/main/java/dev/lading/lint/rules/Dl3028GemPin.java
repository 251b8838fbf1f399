package dev.lading.lint.rules;

import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;
import dev.lading.lint.shell.Word;
import java.util.Set;

/** hadolint DL3028: {@code gem install x} installs whatever is newest today; pin with {@code x:version} or -v. */
public final class Dl3028GemPin implements Rule {
    private static final Set<String> VALUE_OPTIONS = Set.of("-i", "--install-dir", "-n", "--bindir", "-s", "--source",
            "-p", "--http-proxy", "-P", "--trust-policy", "--platform", "-g", "--file", "--build-root", "--document");

    @Override
    public String id() {
        return "DL3028";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "Pin versions in gem install. Instead of `gem install <gem>` use `gem install <gem>:<version>`";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        for (RunCommands.At at : RunCommands.commands(ctx, "gem")) {
            if (!at.command().hasSubcommand("install", "i") || at.command().hasFlag("-v", "--version")) {
                continue;
            }
            for (Word w : at.command().operandsAfterSubcommand(VALUE_OPTIONS)) {
                String v = w.value();
                if (w.resolved() && !v.contains(":") && !v.endsWith(".gem") && !v.startsWith(".") && !v.startsWith("/")) {
                    findings.report(ctx.rangeOf(at.run(), at.command()), "gem '" + v + "' is not pinned: write gem install " + v + ":<version>");
                }
            }
        }
    }
}
