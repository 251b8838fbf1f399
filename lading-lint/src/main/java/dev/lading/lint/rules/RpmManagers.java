package dev.lading.lint.rules;

import dev.lading.dockerfile.Run;
import dev.lading.lint.LintContext;
import dev.lading.lint.shell.SimpleCommand;
import java.util.List;

/** What the yum, dnf and zypper rules share: which commands install and what cleans their caches. */
final class RpmManagers {
    private RpmManagers() {
    }

    static final String[] YUM = {"yum"};
    static final String[] DNF = {"dnf", "microdnf"};
    static final String[] ZYPPER = {"zypper"};

    /** {@code yum/dnf install|groupinstall|localinstall …}. */
    static List<RunCommands.At> installs(LintContext ctx, String... names) {
        return RunCommands.commands(ctx, names).stream()
                .filter(a -> a.command().hasSubcommand("install", "groupinstall", "localinstall")).toList();
    }

    /** zypper's commands that ask for confirmation. */
    static List<RunCommands.At> zypperChanges(LintContext ctx) {
        return RunCommands.commands(ctx, ZYPPER).stream().filter(a -> a.command().hasSubcommand("install", "in",
                "remove", "rm", "source-install", "si", "patch")).toList();
    }

    static boolean assumesYes(SimpleCommand c) {
        return c.hasFlag("-y", "--assumeyes");
    }

    /** {@code NAME clean all} (or {@code clean} followed by anything for zypper) in the RUN. */
    static boolean cleans(LintContext ctx, Run run, String... names) {
        return ctx.script(run).commands(names).stream().anyMatch(c -> c.hasSubcommand("clean", "cc"));
    }
}
