package dev.lading.lint.rules;

import dev.lading.dockerfile.Mount;
import dev.lading.dockerfile.Run;
import dev.lading.lint.LintContext;
import dev.lading.lint.shell.SimpleCommand;
import dev.lading.lint.shell.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What several rules ask of RUN commands: package-manager invocations and cache mounts. */
final class RunCommands {
    private static final java.util.regex.Pattern PIP = java.util.regex.Pattern.compile("pip3?");

    private RunCommands() {
    }

    /** A simple command and the RUN it belongs to. */
    record At(Run run, SimpleCommand command) {
    }

    static List<Run> runs(LintContext ctx) {
        return ctx.runs();
    }

    /** The commands named {@code names}; every command when none are given. */
    static List<At> commands(LintContext ctx, String... names) {
        return commands(ctx, c -> true, names);
    }

    /** The commands named {@code names} (every command when none are given) that {@code keep} keeps. */
    static List<At> commands(LintContext ctx, java.util.function.Predicate<SimpleCommand> keep, String... names) {
        List<At> out = new ArrayList<>();
        for (Run r : runs(ctx)) {
            for (SimpleCommand c : names.length == 0 ? ctx.script(r).commands() : ctx.script(r).commands(names)) {
                if (keep.test(c)) {
                    out.add(new At(r, c));
                }
            }
        }
        return out;
    }

    /** apt-get/apt flags that take the next word as their value. */
    static final Set<String> APT_VALUE_OPTIONS = Set.of("-o", "-c", "-t", "--option", "--config-file",
            "--target-release", "--default-release");

    /** apk flags that take the next word as their value. */
    static final Set<String> APK_VALUE_OPTIONS = Set.of("-t", "--virtual", "-X", "--repository", "-p", "--root",
            "--arch", "--keys-dir", "--repositories-file", "--cache-dir");

    static List<At> aptInstalls(LintContext ctx) {
        return commands(ctx, c -> c.hasSubcommand("install"), "apt-get", "apt");
    }

    static List<At> apkAdds(LintContext ctx) {
        return commands(ctx, c -> c.hasSubcommand("add"), "apk");
    }

    /**
     * The arguments of a pip invocation after {@code pip}: {@code pip …}, {@code pip3 …},
     * {@code python -m pip …}, {@code python3 -m pip …}.
     */
    static Optional<List<Word>> pipArgs(SimpleCommand c) {
        if (c.is("pip", "pip3")) {
            return Optional.of(c.args());
        }
        if (c.is("python", "python3") && c.args().size() >= 2 && c.args().get(0).value().equals("-m")
                && c.args().get(1).resolved() && PIP.matcher(c.args().get(1).value()).matches()) {
            return Optional.of(c.args().subList(2, c.args().size()));
        }
        return Optional.empty();
    }

    /** True when the RUN has a cache mount on one of {@code dirs} or on a directory holding it. */
    static boolean cacheMountUnder(Run run, String... dirs) {
        for (Mount m : run.mounts()) {
            if (m.type().equals(Mount.CACHE) && m.target().isPresent()) {
                String t = Paths.stripTrailingSlashes(m.target().get());
                for (String d : dirs) {
                    if (t.equals(d) || d.startsWith(t + "/")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** True when some {@code rm} in the RUN removes {@code dir}'s contents (or dir itself), e.g. /var/lib/apt/lists/*. */
    static boolean removes(LintContext ctx, Run run, String dir) {
        for (SimpleCommand rm : ctx.script(run).commands("rm")) {
            for (Word w : rm.args()) {
                String v = Paths.stripTrailingSlashes(w.value());
                if (v.equals(dir) || v.equals(dir + "/*") || v.startsWith(dir + "/")) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean isAptClean(LintContext ctx, Run run) {
        return removes(ctx, run, "/var/lib/apt/lists")
                || cacheMountUnder(run, "/var/lib/apt/lists");
    }
}
