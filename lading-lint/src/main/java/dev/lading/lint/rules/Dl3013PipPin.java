package dev.lading.lint.rules;

import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;
import dev.lading.lint.shell.Word;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * hadolint DL3013: {@code pip install pkg} installs whatever is newest today. A version specifier, a local
 * path or archive, a versioned VCS URL, or packages from a requirements/constraints file count as pinned.
 */
public final class Dl3013PipPin implements Rule {
    /** pip install options that take the next word as their value (so it is not a package). */
    static final Set<String> VALUE_OPTIONS = Set.of("-r", "--requirement", "-c", "--constraint", "-e", "--editable",
            "-i", "--index-url", "--extra-index-url", "-f", "--find-links", "-t", "--target", "--prefix", "--root",
            "--src", "--platform", "--python-version", "--implementation", "--abi", "--upgrade-strategy",
            "--progress-bar", "--trusted-host", "--cert", "--client-cert", "--cache-dir", "--log", "--proxy",
            "--retries", "--timeout", "--exists-action", "--no-binary", "--only-binary", "--global-option",
            "--install-option", "--config-settings", "-C", "--python", "--report", "--root-user-action");

    private static final List<String> VERSION_SYMBOLS = List.of("==", ">=", "<=", "~=", "!=", ">", "<", "===", " @ ", "@");

    @Override
    public String id() {
        return "DL3013";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "Pin versions in pip. Instead of `pip install <package>` use `pip install <package>==<version>`";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        for (RunCommands.At at : RunCommands.commands(ctx)) {
            Optional<List<Word>> args = RunCommands.pipArgs(at.command());
            if (args.isEmpty()) {
                continue;
            }
            for (Word pkg : packages(args.get())) {
                if (pkg.resolved() && !pinnedOrLocal(pkg.value())) {
                    findings.report(ctx.rangeOf(at.run(), at.command()), "pip package '" + pkg.value() + "' is not pinned: write " + pkg.value()
                            + "==<version> (or install from a requirements file with hashes)");
                }
            }
        }
    }

    /** The package operands of {@code install …}; empty when the sub-command is something else. */
    static List<Word> packages(List<Word> args) {
        int i = 0;
        while (i < args.size() && args.get(i).isFlag()) {
            i++; // global options before the sub-command (pip --disable-pip-version-check install …)
        }
        if (i >= args.size() || !args.get(i).resolved() || !args.get(i).value().equals("install")) {
            return List.of();
        }
        List<Word> out = new java.util.ArrayList<>();
        for (int j = i + 1; j < args.size(); j++) {
            Word w = args.get(j);
            if (w.resolved() && w.isFlag()) {
                if (VALUE_OPTIONS.contains(w.value())) {
                    j++;
                }
                continue;
            }
            out.add(w);
        }
        return out;
    }

    static boolean pinnedOrLocal(String v) {
        for (String s : VERSION_SYMBOLS) {
            if (v.contains(s)) {
                return true;
            }
        }
        return v.startsWith(".") || v.startsWith("/") || v.startsWith("~") || v.contains("://") || v.endsWith(".whl")
                || v.endsWith(".tar.gz") || v.endsWith(".zip") || v.startsWith("git+");
    }
}
