package dev.lading.lint.rules;

import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;

/** hadolint DL3047: wget's default progress bar floods build logs with one line per chunk. */
public final class Dl3047WgetProgress implements Rule {
    @Override
    public String id() {
        return "DL3047";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.INFO;
    }

    @Override
    public String description() {
        return "Avoid use of wget without progress bar. Use `wget --progress=dot:giga <url>`";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        for (RunCommands.At at : RunCommands.commands(ctx, "wget")) {
            if (!at.command().hasFlag("--progress", "-q", "--quiet", "-nv", "--no-verbose", "-o", "--output-file",
                    "-a", "--append-output") && !quietCluster(at.command())) {
                findings.report(ctx.rangeOf(at.run(), at.command()), "wget without a progress setting fills the build log: add "
                        + "--progress=dot:giga, or -q / -nv");
            }
        }
    }

    /** wget's short options that take a value: in a cluster such as {@code -qO-} the rest is that value. */
    private static final String VALUE_LETTERS = "OoaPtTwebiBUQlARDXIY";

    /** True for a cluster of short options that makes wget quiet or log to a file, e.g. {@code -qO-}. */
    static boolean quietCluster(dev.lading.lint.shell.SimpleCommand c) {
        for (dev.lading.lint.shell.Word w : c.args()) {
            String v = w.value();
            if (!w.resolved() || !v.startsWith("-") || v.startsWith("--") || v.equals("-nv")) {
                continue;
            }
            for (int i = 1; i < v.length(); i++) {
                char ch = v.charAt(i);
                if (ch == 'q' || ch == 'o' || ch == 'a') {
                    return true;
                }
                if (VALUE_LETTERS.indexOf(ch) >= 0) {
                    break;
                }
            }
        }
        return false;
    }
}
