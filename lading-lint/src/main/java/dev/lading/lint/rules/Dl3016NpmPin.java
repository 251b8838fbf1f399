package dev.lading.lint.rules;

import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;
import dev.lading.lint.shell.Word;
import java.util.Set;

/** hadolint DL3016: pin versions in npm install (package@version). */
public final class Dl3016NpmPin implements Rule {
    private static final Set<String> VALUE_OPTIONS = Set.of("--prefix", "--registry", "--cache", "--userconfig",
            "--tag", "-C", "--workspace", "-w");

    @Override
    public String id() {
        return "DL3016";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "Pin versions in npm. Instead of `npm install <package>` use `npm install <package>@<version>`";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        for (RunCommands.At at : RunCommands.commands(ctx, "npm")) {
            if (!at.command().hasSubcommand("install", "i", "add")) {
                continue;
            }
            for (Word pkg : at.command().operandsAfterSubcommand(VALUE_OPTIONS)) {
                String v = pkg.value();
                if (!pkg.resolved() || pinnedOrNotARegistryPackage(v)) {
                    continue;
                }
                findings.report(ctx.rangeOf(at.run(), at.command()), "npm package '" + v + "' is not pinned: write " + v + "@<version>");
            }
        }
    }

    /** A version after the name (past a scope's leading @), or a path, URL, git or tarball source. */
    static boolean pinnedOrNotARegistryPackage(String v) {
        String name = v.startsWith("@") ? v.substring(1) : v;
        return name.contains("@") || v.startsWith(".") || v.startsWith("/") || v.startsWith("~") || v.contains("://")
                || v.startsWith("git") || v.startsWith("github:") || v.endsWith(".tgz") || v.endsWith(".tar.gz")
                || v.startsWith("file:") || (!v.startsWith("@") && v.contains("/"));
    }
}
