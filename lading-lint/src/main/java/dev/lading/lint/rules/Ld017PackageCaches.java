package dev.lading.lint.rules;

import dev.lading.dockerfile.Mount;
import dev.lading.dockerfile.Run;
import dev.lading.lint.FindingSink;
import dev.lading.lint.LintContext;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;
import dev.lading.lint.shell.SimpleCommand;
import dev.lading.lint.shell.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * LD017: a package manager's download cache either lives in a {@code RUN --mount=type=cache} (kept between
 * builds, never in the layer) or is cleaned in the same RUN. Covers apt, npm, pip, uv, cargo, go, maven and
 * gradle; one finding per RUN naming every manager whose cache stays. Stages whose layers no image ships
 * ({@link LintContext#shipped}) are not judged.
 */
public final class Ld017PackageCaches implements Rule {

    /**
     * One package manager: which commands fill its cache, which cache-mount targets hold it (matched as a
     * substring of the target), and what cleans it in the same RUN.
     */
    private record Manager(String name, BiPredicate<LintContext, SimpleCommand> fills, List<String> mountTokens,
                           BiPredicate<LintContext, Run> cleans, String advice) {
    }

    private static final List<Manager> MANAGERS = List.of(
            new Manager("apt", (ctx, c) -> c.is("apt-get", "apt") && c.hasSubcommand("install", "upgrade", "dist-upgrade"),
                    List.of("/var/cache/apt", "/var/lib/apt"),
                    (ctx, r) -> RunCommands.isAptClean(ctx, r) || runs(ctx, r, "apt-get", "clean")
                            || RunCommands.removes(ctx, r, "/var/cache/apt"),
                    "RUN --mount=type=cache,target=/var/cache/apt --mount=type=cache,target=/var/lib/apt …, or end with "
                            + "'&& rm -rf /var/lib/apt/lists/*'"),
            new Manager("npm", (ctx, c) -> c.is("npm") && c.hasSubcommand("install", "i", "ci", "add"),
                    List.of("npm"),
                    (ctx, r) -> runs(ctx, r, "npm", "cache") || removesPath(ctx, r, ".npm"),
                    "RUN --mount=type=cache,target=/root/.npm …, or add '&& npm cache clean --force'"),
            new Manager("pip", (ctx, c) -> RunCommands.pipArgs(c).map(a -> a.stream().filter(w -> !w.isFlag())
                    .findFirst().map(w -> w.value().equals("install")).orElse(false)).orElse(false)
                    && !c.hasFlag("--no-cache-dir")
                    && c.assignments().stream().noneMatch(a -> a.value().startsWith("PIP_NO_CACHE_DIR=")),
                    List.of("pip", "/.cache"),
                    (ctx, r) -> removesPath(ctx, r, ".cache/pip") || envSet(ctx, r, "PIP_NO_CACHE_DIR")
                            || runsAny(ctx, r, "pip", "cache"),
                    "RUN --mount=type=cache,target=/root/.cache/pip …, or pip install --no-cache-dir"),
            new Manager("uv", (ctx, c) -> c.is("uv") && (c.hasSubcommand("sync", "pip", "add", "tool") )
                    && !c.hasFlag("--no-cache", "-n") && c.assignments().stream().noneMatch(a -> a.value().startsWith("UV_NO_CACHE=")),
                    List.of("uv", "/.cache"),
                    (ctx, r) -> runs(ctx, r, "uv", "cache") || removesPath(ctx, r, ".cache/uv") || envSet(ctx, r, "UV_NO_CACHE"),
                    "RUN --mount=type=cache,target=/root/.cache/uv …, or uv … --no-cache"),
            new Manager("cargo", (ctx, c) -> c.is("cargo") && c.hasSubcommand("build", "install", "fetch", "test", "run"),
                    List.of("cargo"),
                    (ctx, r) -> removesPath(ctx, r, "cargo/registry"),
                    "RUN --mount=type=cache,target=/usr/local/cargo/registry …"),
            new Manager("go", (ctx, c) -> c.is("go") && c.hasSubcommand("build", "install", "get", "test", "mod"),
                    List.of("go-build", "/go/pkg/mod", "/pkg/mod", "/.cache/go"),
                    (ctx, r) -> runs(ctx, r, "go", "clean"),
                    "RUN --mount=type=cache,target=/root/.cache/go-build --mount=type=cache,target=/go/pkg/mod …"),
            new Manager("maven", (ctx, c) -> c.is("mvn", "mvnw"),
                    List.of(".m2"),
                    (ctx, r) -> removesPath(ctx, r, ".m2"),
                    "RUN --mount=type=cache,target=/root/.m2 …"),
            new Manager("gradle", (ctx, c) -> c.is("gradle", "gradlew"),
                    List.of(".gradle"),
                    (ctx, r) -> removesPath(ctx, r, ".gradle"),
                    "RUN --mount=type=cache,target=/root/.gradle …"));

    @Override
    public Set<String> twins() {
        return Set.of("LD007", "LD022");
    }

    @Override
    public String id() {
        return "LD017";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String description() {
        return "Package-manager caches use RUN --mount=type=cache or are cleaned in the same RUN";
    }

    @Override
    public void check(LintContext ctx, FindingSink findings) {
        for (LintContext.StageView sv : ctx.stages()) {
            // a cache left in a build stage that is only copied from never reaches an image
            if (ctx.shipped(sv)) {
                check(ctx, sv, findings);
            }
        }
    }

    private static void check(LintContext ctx, LintContext.StageView sv, FindingSink findings) {
        for (Run r : sv.runs()) {
            List<String> names = new ArrayList<>();
            List<String> advice = new ArrayList<>();
            for (Manager m : MANAGERS) {
                if (fills(ctx, r, m) && !cacheMount(r, m.mountTokens()) && !m.cleans().test(ctx, r)) {
                    names.add(m.name());
                    advice.add(m.advice());
                }
            }
            if (!names.isEmpty()) {
                findings.report(r, String.join(", ", names) + " cache" + (names.size() > 1 ? "s stay" : " stays")
                        + " in the layer: " + String.join("; ", advice));
            }
        }
    }

    /** True when some fully known command of the RUN fills the manager's cache (a loop: asked per RUN and manager). */
    private static boolean fills(LintContext ctx, Run r, Manager m) {
        for (SimpleCommand c : ctx.script(r).commands()) {
            if (m.fills().test(ctx, c) && !c.hasUnresolved()) {
                return true;
            }
        }
        return false;
    }

    private static boolean cacheMount(Run r, List<String> tokens) {
        for (Mount m : r.mounts()) {
            if (m.type().equals(Mount.CACHE) && m.target().isPresent()) {
                for (String t : tokens) {
                    if (m.target().get().contains(t)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean runs(LintContext ctx, Run r, String command, String sub) {
        return ctx.script(r).commands(command).stream().anyMatch(c -> c.hasSubcommand(sub));
    }

    private static boolean runsAny(LintContext ctx, Run r, String command, String sub) {
        return ctx.script(r).commands().stream().anyMatch(c -> RunCommands.pipArgs(c)
                .map(a -> a.stream().anyMatch(w -> w.value().equals(sub))).orElse(false));
    }

    private static boolean removesPath(LintContext ctx, Run r, String part) {
        for (SimpleCommand rm : ctx.script(r).commands("rm")) {
            for (Word w : rm.args()) {
                if (w.value().contains(part)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean envSet(LintContext ctx, Run r, String name) {
        LintContext.StageView s = ctx.stageOf(r);
        return s != null && s.resolved().env().containsKey(name);
    }
}
