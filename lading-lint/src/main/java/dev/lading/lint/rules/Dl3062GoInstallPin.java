package dev.lading.lint.rules;

import dev.lading.lint.shell.Word;
import java.util.Set;
import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Profiles;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;

/**
 * hadolint DL3062: {@code go install} of a remote package names its version ({@code pkg@v1.2.3}); without
 * one, go installs whatever the module in the current directory requires, or fails outside a module. Local
 * packages ({@code .}, {@code ./cmd/x}, absolute paths) are built from the source and are not judged.
 */
public final class Dl3062GoInstallPin implements Rule {
    @Override
    public String id() {
        return "DL3062";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "Pin versions in go install. Instead of `go install <package>` use `go install <package>@<version>`";
    }

    @Override
    public String since() {
        return Profiles.P2026_12;
    }

    /** go build flags that take the next word as their value. */
    private static final Set<String> VALUE_OPTIONS = Set.of("-ldflags", "-gcflags", "-asmflags", "-gccgoflags",
            "-tags", "-mod", "-modfile", "-o", "-p", "-pkgdir", "-overlay", "-toolexec", "-buildmode", "-compiler",
            "-installsuffix", "-coverpkg", "-covermode", "-pgo", "-C");

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        for (RunCommands.At at : RunCommands.commands(ctx, "go")) {
            if (!at.command().hasSubcommand("install")) {
                continue;
            }
            for (Word pkg : at.command().operandsAfterSubcommand(VALUE_OPTIONS)) {
                String v = pkg.value();
                if (!pkg.resolved() || v.contains("@") || v.startsWith(".") || v.startsWith("/")) {
                    continue;
                }
                findings.report(ctx.rangeOf(at.run(), at.command()), "go install " + v + " is not pinned: write " + v + "@<version>");
            }
        }
    }
}
