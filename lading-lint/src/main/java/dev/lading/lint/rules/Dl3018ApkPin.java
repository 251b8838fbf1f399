package dev.lading.lint.rules;

import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;
import dev.lading.lint.shell.Word;

/** hadolint DL3018: pin apk packages (package=version). */
public final class Dl3018ApkPin implements Rule {
    private static final java.util.regex.Pattern VERSION_CONSTRAINT = java.util.regex.Pattern.compile(".*[=~<>].*");

    @Override
    public String id() {
        return "DL3018";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "Pin versions in apk add. Instead of `apk add <package>` use `apk add <package>=<version>`";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        for (RunCommands.At at : RunCommands.apkAdds(ctx)) {
            for (Word pkg : at.command().operandsAfterSubcommand(RunCommands.APK_VALUE_OPTIONS)) {
                String v = pkg.value();
                // apk also pins with ~ and >/<; a .apk file is a specific file already
                if (!pkg.resolved() || VERSION_CONSTRAINT.matcher(v).matches() || v.endsWith(".apk") || v.contains("/")) {
                    continue;
                }
                findings.report(ctx.rangeOf(at.run(), at.command()), "apk package '" + v + "' is not pinned: write " + v + "=<version>");
            }
        }
    }
}
