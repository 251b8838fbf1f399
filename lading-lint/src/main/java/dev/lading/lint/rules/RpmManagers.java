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
        return RunCommands.commands(ctx, c -> c.hasSubcommand("install", "groupinstall", "localinstall"), names);
    }

    /** zypper's commands that ask for confirmation. */
    static List<RunCommands.At> zypperChanges(LintContext ctx) {
        return RunCommands.commands(ctx, c -> c.hasSubcommand("install", "in", "remove", "rm", "source-install", "si",
                "patch"), ZYPPER);
    }

    /** yum/dnf options that take the next word as their value. */
    static final java.util.Set<String> VALUE_OPTIONS = java.util.Set.of("-c", "--config", "-d", "--debuglevel", "-e",
            "--errorlevel", "--installroot", "-x", "--exclude", "--enablerepo", "--disablerepo", "--releasever",
            "--setopt", "-R", "--randomwait", "--repo", "--repoid", "--forcearch");

    /** zypper options (global or of install) that take the next word as their value. */
    static final java.util.Set<String> ZYPPER_VALUE_OPTIONS = java.util.Set.of("-t", "--type", "-r", "--repo", "--from",
            "-R", "--root", "-c", "--config", "-D", "--reposd-dir", "-C", "--cache-dir", "--raw-cache-dir",
            "--solv-cache-dir", "--pkg-cache-dir");

    /** The package operands of a yum/dnf/zypper install, resolved ones only. */
    static List<String> packages(SimpleCommand c, java.util.Set<String> valueOptions) {
        return c.operandsAfterSubcommand(valueOptions).stream().filter(w -> w.resolved()).map(w -> w.value()).toList();
    }

    static boolean assumesYes(SimpleCommand c) {
        return c.hasFlag("-y", "--assumeyes");
    }

    /** {@code NAME clean all} (or {@code clean} followed by anything for zypper) in the RUN. */
    static boolean cleans(LintContext ctx, Run run, String... names) {
        return ctx.script(run).commands(names).stream().anyMatch(c -> c.hasSubcommand("clean", "cc"));
    }
}
