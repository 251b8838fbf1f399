package dev.lading.build;

import dev.lading.dockerfile.Add;
import dev.lading.dockerfile.Arg;
import dev.lading.dockerfile.Cmd;
import dev.lading.dockerfile.CommandForm;
import dev.lading.dockerfile.Copy;
import dev.lading.dockerfile.Dockerfile;
import dev.lading.dockerfile.DockerfileParseException;
import dev.lading.dockerfile.DockerfileParser;
import dev.lading.dockerfile.Entrypoint;
import dev.lading.dockerfile.Env;
import dev.lading.dockerfile.Expose;
import dev.lading.dockerfile.From;
import dev.lading.dockerfile.Healthcheck;
import dev.lading.dockerfile.Instruction;
import dev.lading.dockerfile.KeyValue;
import dev.lading.dockerfile.Label;
import dev.lading.dockerfile.Maintainer;
import dev.lading.dockerfile.Onbuild;
import dev.lading.dockerfile.Run;
import dev.lading.dockerfile.Shell;
import dev.lading.dockerfile.StopSignal;
import dev.lading.dockerfile.User;
import dev.lading.dockerfile.Volume;
import dev.lading.dockerfile.Workdir;
import dev.lading.dockerfile.expand.BuildArgs;
import dev.lading.dockerfile.expand.ResolvedInstruction;
import dev.lading.dockerfile.expand.StageResolver;
import dev.lading.dockerfile.ignore.DockerIgnore;
import dev.lading.oci.Descriptor;
import dev.lading.oci.Digest;
import dev.lading.oci.ImageConfig;
import dev.lading.oci.Manifest;
import dev.lading.oci.MediaType;
import dev.lading.oci.Platform;
import dev.lading.oci.layer.EntryType;
import dev.lading.oci.layer.LayerCompression;
import dev.lading.oci.layer.LayerEntry;
import dev.lading.oci.layer.LayerResult;
import dev.lading.oci.layer.LayerWriter;
import dev.lading.oci.layer.Owner;
import dev.lading.oci.layout.OciLayout;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Executes a Dockerfile: plans it, resolves base images, runs each stage's instructions and commits the
 * target stage's image to a layout. COPY and ADD layers are built straight from their source files, without
 * a root filesystem on disk; RUN gets one ({@link WorkingRoot}) at the stage's first RUN that is not cached,
 * runs in the {@link Sandbox} and becomes a layer through the {@link dev.lading.build.snapshot.Snapshotter}.
 *
 * <p>One builder runs one build. Its stages run on threads of their own; what they share (base images, path
 * indexes, extracted trees, counters) is synchronized here.
 */
public final class Builder {

    static final String HISTORY_COMMENT = "buildkit.dockerfile.v0";
    static final String LABEL_CREATED = "org.opencontainers.image.created";
    static final String LABEL_BASE_NAME = "org.opencontainers.image.base.name";
    static final String LABEL_BASE_DIGEST = "org.opencontainers.image.base.digest";

    final OciLayout blobs;
    final BuildOptions options;
    private final String created;
    /** A FROM image as resolved for one platform (FROM --platform can ask for another than the build's). */
    private record BaseKey(String image, Platform platform) {
    }

    private final Map<BaseKey, BaseImage> baseImages = new HashMap<>();
    private final Map<Integer, State> stages = new ConcurrentHashMap<>();
    private final Map<List<Descriptor>, TreeMap<String, StageFilesystem.Node>> pathIndexes = new HashMap<>();
    /** Set by the first stage that fails, so stages running beside it stop. */
    private volatile boolean failed;
    private final List<Path> tempDirs = new ArrayList<>();
    /** The build cache's file pool, shared by this build's working roots; made at the first RUN that needs a root. */
    private dev.lading.oci.layer.FilePool filePool;
    private final RunSteps runSteps = new RunSteps(this);
    private final AtomicInteger layersBuilt = new AtomicInteger();
    private final AtomicInteger layersCached = new AtomicInteger();
    private String fileName = "Dockerfile";

    /** {@code blobs} is where base layers are copied and new layers, configs and the manifest are written. */
    private boolean cleanupInBackground;

    public Builder(OciLayout blobs, BuildOptions options) {
        this.blobs = blobs;
        this.options = options;
        this.created = Instant.ofEpochSecond(options.sourceDateEpoch()).toString();
    }

    /**
     * Temp trees (working root filesystems) are removed by a detached process after the build instead of
     * before {@link #build} returns: for a command that exits right after. Library callers get them deleted
     * synchronously unless they ask for this.
     */
    public Builder cleanupInBackground() {
        this.cleanupInBackground = true;
        return this;
    }

    /** The state of a stage while it builds; what a later FROM or COPY --from of it sees. */
    static final class State {
        ImageConfig config;
        List<Descriptor> layers = new ArrayList<>();
        boolean cmdSet;
        Optional<BaseImage> base = Optional.empty();
        String cacheChain;
        /** The stage's ARGs with their values, in declaration order: RUN sees them as environment variables. */
        Map<String, String> args = new LinkedHashMap<>();
        /** The root filesystem on disk, once a RUN needed it. */
        WorkingRoot root;
        /** Whether a RUN comes later in the stage: then a layer written now is also applied to {@link #root}. */
        boolean runAhead;
        /** The stage's name for progress lines. */
        String name;
    }

    /** Plans the Dockerfile (with its base images' ENV known) and builds the target stage. */
    public BuildResult build(Dockerfile dockerfile, BuildArgs args) throws IOException, DockerfileParseException {
        fileName = dockerfile.fileName();
        BuildPlan first = Planner.plan(dockerfile, args);
        // the context directories the COPYs will walk are listed meanwhile: base images and cached steps come first
        List<String> sources = contextSources(first);
        if (!sources.isEmpty() && options.context() != null) {
            prefetch = ContextPrefetch.start(options.context(), options.ignore(), sources);
        }
        try {
            for (PlannedStage s : first.stages()) {
                if (s.baseStage().isEmpty()) {
                    From f = (From) s.stage().from().resolved();
                    baseImage(f.image(), stagePlatform(f));
                }
            }
            Dockerfile withTriggers = withOnbuildTriggers(dockerfile, first);
            // the planner asks by name: the build's platform first, else the one platform the image was resolved for
            BuildPlan plan = Planner.plan(withTriggers, args, image -> Optional.ofNullable(baseImages.get(new BaseKey(image, options.platform())))
                    .or(() -> baseImages.entrySet().stream().filter(e -> e.getKey().image().equals(image)).map(Map.Entry::getValue).findFirst())
                    .map(b -> envMap(b.config().config().env())));
            return build(plan);
        } finally {
            // also when a base image or the plan fails: the listing thread stops, and a later build lists afresh
            if (prefetch != null) {
                prefetch.stop();
                prefetch = null;
            }
        }
    }

    /**
     * The Dockerfile with each base image's ONBUILD triggers inserted right after the FROM that names the image,
     * as BuildKit runs them: first in the stage, expanded like the stage's own instructions. The triggers are
     * parsed as if written on the FROM's line, so an error in one points there.
     */
    private Dockerfile withOnbuildTriggers(Dockerfile dockerfile, BuildPlan first) throws DockerfileParseException {
        List<dev.lading.dockerfile.Stage> stages = new ArrayList<>();
        boolean changed = false;
        for (PlannedStage s : first.stages()) {
            dev.lading.dockerfile.Stage stage = dockerfile.stages().get(s.index());
            List<String> triggers = List.of();
            if (s.baseStage().isEmpty()) {
                From f = (From) s.stage().from().resolved();
                BaseImage base = baseImages.get(new BaseKey(f.image(), stagePlatform(f)));
                if (base != null && base.config().config() != null && base.config().config().onBuild() != null) {
                    triggers = base.config().config().onBuild();
                }
            } else {
                triggers = OnbuildTriggers.ofStage(dockerfile.stages().get(s.baseStage().get()));
            }
            if (triggers.isEmpty()) {
                stages.add(stage);
                continue;
            }
            int line = stage.from().source().range().start().line();
            StringBuilder text = new StringBuilder("FROM scratch\n");
            text.append("\n".repeat(Math.max(0, line - 2)));
            for (String t : triggers) {
                text.append(t).append('\n');
            }
            List<Instruction> added = DockerfileParser.parse(dockerfile.fileName(), text.toString()).stages().get(0).instructions();
            List<Instruction> all = new ArrayList<>(added);
            all.addAll(stage.instructions());
            stages.add(new dev.lading.dockerfile.Stage(stage.index(), stage.from(), all));
            changed = true;
        }
        if (!changed) {
            return dockerfile;
        }
        for (dev.lading.dockerfile.Stage stage : dockerfile.stages()) {
            if (stages.stream().noneMatch(x -> x.index() == stage.index())) {
                stages.add(stage);
            }
        }
        stages.sort(java.util.Comparator.comparingInt(dev.lading.dockerfile.Stage::index));
        return new Dockerfile(dockerfile.fileName(), dockerfile.directives(), dockerfile.escape(), dockerfile.instructions(),
                dockerfile.globalArgs(), stages, dockerfile.comments(), dockerfile.warnings());
    }

    /**
     * Builds a plan's stages and commits the target's image. Each stage starts as soon as the stages it needs
     * are built, so independent stages build at the same time; the first failure stops the others at their
     * next instruction.
     */
    public BuildResult build(BuildPlan plan) throws IOException {
        fileName = plan.dockerfile().fileName();
        dockerfile = plan.dockerfile();
        this.plan = plan;
        try {
            Map<Integer, CompletableFuture<State>> futures = new HashMap<>();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (PlannedStage s : plan.stages()) {
                    CompletableFuture<?>[] deps = s.dependsOn().stream().map(futures::get).toArray(CompletableFuture[]::new);
                    futures.put(s.index(), CompletableFuture.allOf(deps).thenApplyAsync(ignored -> {
                        try {
                            State st = runStage(s);
                            stages.put(s.index(), st);
                            return st;
                        } catch (IOException e) {
                            failed = true;
                            throw new UncheckedIOException(e);
                        } catch (RuntimeException e) {
                            failed = true;
                            throw e;
                        }
                    }, pool));
                }
                try {
                    CompletableFuture.allOf(futures.values().toArray(CompletableFuture[]::new)).join();
                } catch (CompletionException e) {
                    throw firstFailure(futures, e);
                }
            }
            BuildResult result = commit(stages.get(plan.target().index()));
            options.cache().save();
            return result;
        } finally {
            synchronized (tempDirs) {
                if (filePool != null) {
                    // before the roots are deleted: their unchanged extracted files wait there for the next build
                    filePool.giveBack();
                }
                for (Path dir : tempDirs) {
                    TempTrees.dispose(dir, cleanupInBackground);
                }
                tempDirs.clear();
            }
        }
    }

    /**
     * The error to report: the first stage in Dockerfile order that failed for a reason of its own (not because
     * another stage failed and stopped it).
     */
    private static IOException firstFailure(Map<Integer, CompletableFuture<State>> futures, CompletionException fallback) {
        Throwable chosen = null;
        for (var f : new TreeMap<>(futures).values()) {
            if (f.isCompletedExceptionally()) {
                Throwable t = f.handle((v, e) -> e).join();
                while (t instanceof CompletionException && t.getCause() != null) {
                    t = t.getCause();
                }
                if (!(t instanceof StoppedException) && chosen == null) {
                    chosen = t;
                }
            }
        }
        Throwable t = chosen != null ? chosen : fallback.getCause();
        if (t instanceof UncheckedIOException u) {
            return u.getCause();
        }
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error err) {
            throw err;
        }
        return new IOException(t);
    }

    /** A stage stopped because another one failed: never the error the user sees. */
    private static final class StoppedException extends RuntimeException {
        StoppedException() {
            super("stopped: another stage failed", null, false, false);
        }
    }

    private Optional<BaseImage> baseImage(String image) throws IOException {
        return baseImage(image, options.platform());
    }

    private Optional<BaseImage> baseImage(String image, Platform platform) throws IOException {
        synchronized (baseImages) {
            return resolveBase(image, platform);
        }
    }

    private Optional<BaseImage> resolveBase(String image, Platform platform) throws IOException {
        if (image.equalsIgnoreCase("scratch")) {
            return Optional.empty();
        }
        boolean other = !platform.equals(options.platform());
        BaseKey key = new BaseKey(image, platform);
        BaseImage b = baseImages.get(key);
        if (b == null) {
            options.progress().accept("resolve " + image + (other ? " for " + platform : ""));
            b = options.baseImages().resolve(image, platform, blobs);
            baseImages.put(key, b);
        }
        return Optional.of(b);
    }

    /** FROM --platform=...: that platform for the stage's base (after ARG expansion), else the build's. */
    private Platform stagePlatform(From from) {
        if (from.platform().isEmpty() || from.platform().get().isBlank()) {
            return options.platform();
        }
        try {
            return Platform.parse(from.platform().get());
        } catch (RuntimeException e) {
            throw new BuildException(BuildException.where(fileName, from) + ": --platform=" + from.platform().get()
                    + " is not a platform (expected os/arch[/variant])");
        }
    }

    private State runStage(PlannedStage planned) throws IOException {
        From from = (From) planned.stage().from().resolved();
        State st = new State();
        st.name = planned.displayName();
        if (planned.baseStage().isPresent()) {
            State parent = stages.get(planned.baseStage().get());
            // The parent's own ONBUILD triggers ran as this stage's first instructions; a grandchild never sees them.
            st.config = OnbuildTriggers.cleared(parent.config);
            st.layers.addAll(parent.layers);
            st.base = parent.base;
            st.cacheChain = parent.cacheChain;
        } else {
            Platform platform = stagePlatform(from);
            Optional<BaseImage> base = baseImage(from.image(), platform);
            st.base = base;
            if (base.isPresent()) {
                ImageConfig bc = base.get().config();
                // The base's ONBUILD triggers ran as this stage's first instructions; they are not inherited.
                st.config = bc.config() != null && bc.config().onBuild() != null
                        ? bc.withConfig(bc.config().withOnBuild(null)) : bc;
                if (bc.config().env() == null || bc.config().env().stream().noneMatch(e -> e.startsWith("PATH="))) {
                    st.config = st.config.withConfig(st.config.config().withEnvVar("PATH", StageResolver.DEFAULT_PATH));
                }
                st.layers.addAll(base.get().layers());
                st.cacheChain = "image " + base.get().digest();
            } else {
                var p = platform;
                st.config = new ImageConfig(created, null, p.architecture(), p.os(), null, null, p.variant(),
                        ImageConfig.Config.EMPTY.withEnv(List.of("PATH=" + StageResolver.DEFAULT_PATH)),
                        new ImageConfig.RootFs("layers", List.of()), List.of());
                st.cacheChain = "scratch " + p;
            }
        }
        int step = 0;
        List<ResolvedInstruction> instructions = planned.stage().instructions();
        int lastRun = -1;
        for (int i = 0; i < instructions.size(); i++) {
            if (instructions.get(i).resolved() instanceof Run) {
                lastRun = i;
            }
        }
        for (ResolvedInstruction ri : instructions) {
            if (failed) {
                throw new StoppedException();
            }
            st.runAhead = step < lastRun;
            step++;
            options.progress().accept("[" + planned.displayName() + " " + step + "/" + instructions.size() + "] "
                    + UrlRedaction.redact(ri.original().source().original()));
            long started = System.nanoTime();
            try {
                execute(st, ri.resolved());
                long ms = (System.nanoTime() - started) / 1_000_000;
                if (ms >= 100) {
                    // as BuildKit's plain progress says how long a step took (short ones stay quiet)
                    // tenths of a second, rounded half up as %.1f would (String.format's first use costs ~20 ms)
                    long tenths = (ms + 50) / 100;
                    options.progress().accept("  [" + planned.displayName() + " " + step + "/" + instructions.size() + "] DONE "
                            + tenths / 10 + "." + tenths % 10 + "s");
                }
            } catch (BuildException e) {
                if (e.getMessage().startsWith(fileName + ":")) {
                    throw e;
                }
                throw new BuildException(BuildException.where(fileName, ri.original()) + ": " + e.getMessage(), e);
            }
        }
        return st;
    }

    private void execute(State st, Instruction ins) throws IOException {
        ImageConfig.Config c = st.config.config();
        switch (ins) {
            case Env env -> {
                for (KeyValue kv : env.pairs()) {
                    c = c.withEnvVar(kv.key(), kv.value());
                }
                metadata(st, c, "ENV " + pairs(env.pairs()));
            }
            case Label label -> {
                Map<String, String> labels = new TreeMap<>(c.labels() == null ? Map.of() : c.labels());
                label.pairs().forEach(kv -> labels.put(kv.key(), kv.value()));
                metadata(st, c.withLabels(labels), "LABEL " + pairs(label.pairs()));
            }
            case User user -> metadata(st, c.withUser(user.user()), "USER " + user.user());
            case Workdir wd -> workdir(st, wd);
            case Expose expose -> {
                TreeSet<String> ports = new TreeSet<>();
                for (String p : expose.ports()) {
                    ports.addAll(portSpecs(p));
                }
                Map<String, Object> all = new TreeMap<>(c.exposedPorts() == null ? Map.of() : c.exposedPorts());
                ports.forEach(p -> all.put(p, Map.of()));
                metadata(st, c.withExposedPorts(all), "EXPOSE " + GoText.set(ports));
            }
            case Volume volume -> {
                Map<String, Object> all = new TreeMap<>(c.volumes() == null ? Map.of() : c.volumes());
                for (String v : volume.paths()) {
                    if (v.isBlank()) {
                        throw new BuildException("VOLUME specified can not be an empty string");
                    }
                    all.put(v, Map.of());
                }
                metadata(st, c.withVolumes(all), "VOLUME " + GoText.list(volume.paths()));
            }
            case Entrypoint ep -> {
                List<String> args = command(st, ep.command());
                ImageConfig.Config next = c.withEntrypoint(args);
                if (!st.cmdSet) {
                    // A base image's CMD was written for its ENTRYPOINT, not for this one.
                    next = next.withCmd(null);
                }
                metadata(st, next, "ENTRYPOINT " + GoText.quoteList(args == null ? List.of() : args));
            }
            case Cmd cmd -> {
                List<String> args = command(st, cmd.command());
                st.cmdSet = true;
                // BuildKit sets ArgsEscaped on every CMD, for Docker's Windows compatibility.
                ImageConfig.Config withCmd = c.withCmd(args);
                withCmd = new ImageConfig.Config(withCmd.user(), withCmd.exposedPorts(), withCmd.env(), withCmd.entrypoint(),
                        withCmd.cmd(), withCmd.volumes(), withCmd.workingDir(), withCmd.labels(), withCmd.stopSignal(), true,
                        withCmd.healthcheck(), withCmd.onBuild(), withCmd.shell());
                metadata(st, withCmd, "CMD " + GoText.quoteList(args == null ? List.of() : args));
            }
            case Healthcheck hc -> healthcheck(st, hc);
            case Shell shell -> metadata(st, c.withShell(shell.shell()), "SHELL " + GoText.list(shell.shell()));
            case StopSignal sig -> metadata(st, c.withStopSignal(sig.signal()), "STOPSIGNAL " + sig.signal());
            case Maintainer m -> {
                st.config = new ImageConfig(st.config.created(), m.name(), st.config.architecture(), st.config.os(),
                        st.config.osVersion(), st.config.osFeatures(), st.config.variant(), st.config.config(),
                        st.config.rootfs(), st.config.history());
                metadata(st, st.config.config(), "MAINTAINER " + m.name());
            }
            case Onbuild ob -> {
                List<String> triggers = new ArrayList<>(c.onBuild() == null ? List.of() : c.onBuild());
                triggers.add(ob.expression());
                // BuildKit records ONBUILD in the config only: no history entry.
                st.config = st.config.withConfig(c.withOnBuild(triggers));
                st.cacheChain = chain(st.cacheChain, "ONBUILD " + ob.expression());
            }
            case Arg arg -> {
                for (var d : arg.declarations()) {
                    argValue(d).ifPresent(v -> st.args.put(d.name(), v));
                }
                metadata(st, c, "ARG " + String.join(" ", arg.declarations().stream().map(this::argText).toList()));
            }
            case Copy copy -> copy(st, copy);
            case Add add -> add(st, add);
            case Run run -> runSteps.run(st, run);            case From from -> throw new BuildException("unexpected FROM inside a stage");
        }
    }

    /** NAME=value as BuildKit records it: the --build-arg, else the expanded default, else the global ARG's value. */
    private String argText(dev.lading.dockerfile.ArgDeclaration d) {
        return d.name() + argValue(d).map(v -> "=" + v).orElse("");
    }

    /** A --build-arg, else the declared default, else (no default) the global ARG of the same name. */
    private Optional<String> argValue(dev.lading.dockerfile.ArgDeclaration d) {
        Optional<String> value = plan.args().value(d.name()).or(d::defaultValue);
        if (value.isEmpty() && d.defaultValue().isEmpty()) {
            value = Optional.ofNullable(plan.resolved().globalScope().get(d.name()));
        }
        return value;
    }

    private static String pairs(List<KeyValue> kvs) {
        return String.join(" ", kvs.stream().map(kv -> kv.key() + "=" + kv.value()).toList());
    }

    private void metadata(State st, ImageConfig.Config config, String createdBy) {
        st.config = st.config.withConfig(config).withHistory(
                new ImageConfig.History(created, createdBy, null, HISTORY_COMMENT, true));
        st.cacheChain = chain(st.cacheChain, createdBy);
    }

    /** Exec form as written; shell form wrapped in the stage's SHELL (default /bin/sh -c). Empty: cleared. */
    private static List<String> command(State st, Optional<CommandForm> form) {
        if (form.isEmpty()) {
            return null;
        }
        return switch (form.get()) {
            case CommandForm.ExecForm exec -> List.copyOf(exec.args());
            case CommandForm.ShellForm sh -> {
                List<String> out = new ArrayList<>(shell(st));
                out.add(sh.command());
                yield out;
            }
        };
    }

    static List<String> shell(State st) {
        List<String> s = st.config.config().shell();
        return s == null || s.isEmpty() ? List.of("/bin/sh", "-c") : s;
    }

    private void healthcheck(State st, Healthcheck hc) {
        ImageConfig.Healthcheck h;
        if (hc.isNone()) {
            h = new ImageConfig.Healthcheck(List.of("NONE"), null, null, null, null, null);
        } else {
            List<String> test = new ArrayList<>();
            switch (hc.command().get()) {
                case CommandForm.ExecForm exec -> {
                    test.add("CMD");
                    test.addAll(exec.args());
                }
                case CommandForm.ShellForm sh -> {
                    test.add("CMD-SHELL");
                    test.add(sh.command());
                }
            }
            h = new ImageConfig.Healthcheck(test, hc.interval().map(GoText::parseDuration).orElse(null),
                    hc.timeout().map(GoText::parseDuration).orElse(null),
                    hc.startPeriod().map(GoText::parseDuration).orElse(null),
                    hc.startInterval().map(GoText::parseDuration).orElse(null), hc.retries().orElse(null));
        }
        // BuildKit prints the Go struct with %q: &{["CMD-SHELL" "…"] "30s" "0s" "0s" "0s" '\x03'}
        String text = "&{" + GoText.quoteList(h.test()) + " " + GoText.quote(GoText.duration(nz(h.interval())))
                + " " + GoText.quote(GoText.duration(nz(h.timeout()))) + " " + GoText.quote(GoText.duration(nz(h.startPeriod())))
                + " " + GoText.quote(GoText.duration(nz(h.startInterval()))) + " "
                + GoText.quoteRune(h.retries() == null ? 0 : h.retries()) + "}";
        metadata(st, st.config.config().withHealthcheck(h), "HEALTHCHECK " + text);
    }

    private static long nz(Long v) {
        return v == null ? 0 : v;
    }

    /** Docker's port specs: "80" → 80/tcp, "53/udp", ranges "8000-8002/tcp" → each port. */
    static List<String> portSpecs(String spec) {
        String proto = "tcp";
        String ports = spec;
        int slash = spec.indexOf('/');
        if (slash >= 0) {
            proto = spec.substring(slash + 1).toLowerCase(Locale.ROOT);
            ports = spec.substring(0, slash);
        }
        if (!proto.equals("tcp") && !proto.equals("udp") && !proto.equals("sctp")) {
            throw new BuildException("invalid proto '" + proto + "' in EXPOSE " + spec);
        }
        int colon = ports.lastIndexOf(':');
        if (colon >= 0) {
            throw new BuildException("EXPOSE takes container ports only, not '" + spec + "'");
        }
        String[] range = ports.split("-", 2);
        try {
            int lo = Integer.parseInt(range[0]);
            int hi = range.length == 2 ? Integer.parseInt(range[1]) : lo;
            if (lo < 0 || hi > 65535 || hi < lo) {
                throw new NumberFormatException();
            }
            List<String> out = new ArrayList<>();
            for (int p = lo; p <= hi; p++) {
                out.add(p + "/" + proto);
            }
            return out;
        } catch (NumberFormatException e) {
            throw new BuildException("invalid port '" + spec + "' in EXPOSE");
        }
    }

    // ---- filesystem instructions -------------------------------------------------------------------------

    String absolute(State st, String path) {
        if (path.startsWith("/")) {
            return "/" + CopySources.clean(path);
        }
        String wd = st.config.config().workingDir();
        return "/" + CopySources.join(CopySources.clean(wd == null ? "/" : wd), CopySources.clean(path));
    }

    private void workdir(State st, Workdir wd) throws IOException {
        String dir = absolute(st, wd.path());
        ImageConfig.Config c = st.config.config().withWorkingDir(dir);
        String createdBy = "WORKDIR " + dir;
        String layerPath = CopySources.clean(dir);
        List<LayerEntry> entries = new ArrayList<>();
        if (!layerPath.isEmpty()) {
            // BuildKit's mkdir -p runs as the stage's USER: the directories it creates belong to that user.
            String user = st.config.config().user();
            Owner owner = user == null || user.isEmpty() ? Owner.ROOT : chown(st, Optional.of(user)).orElseThrow();
            String p = "";
            for (String part : layerPath.split("/")) {
                p = CopySources.join(p, part);
                if (pathKind(st, p) == BuildCache.PathKind.MISSING) {
                    entries.add(LayerEntry.directory(p, 0755).withOwner(owner));
                }
            }
        }
        st.config = st.config.withConfig(c);
        if (entries.isEmpty()) {
            // An existing directory: BuildKit's mkdir changes nothing, and an empty diff is no layer.
            st.config = st.config.withHistory(new ImageConfig.History(created, createdBy, null, HISTORY_COMMENT, true));
            st.cacheChain = chain(st.cacheChain, createdBy);
            return;
        }
        addLayer(st, entries, createdBy, createdBy);
    }

    private void copy(State st, Copy copy) throws IOException {
        CopySources.Tree tree = copy.from().isPresent() ? fromTree(copy.from().get()) : contextTree();
        List<String> words = new ArrayList<>();
        List<CopySources.Inline> inline = new ArrayList<>();
        // The source words of here-documents come in the order of the bodies (expansion removed their quotes).
        int next = 0;
        for (String w : copy.sources()) {
            if (next < copy.heredocs().size() && w.matches("[0-9]*<<.+")) {
                var doc = copy.heredocs().get(next++);
                inline.add(new CopySources.Inline(doc.name(), doc.content().getBytes(StandardCharsets.UTF_8)));
            } else {
                words.add(w);
            }
        }
        CopySources.Spec spec = new CopySources.Spec(words, destination(st, copy.destination()),
                chown(st, copy.chown()), ChmodSpec.parse(copy.chmod()), inline, excludes(copy.excludes()));
        // Missing parent directories are added only when the layer is written (addLayer): they follow from the
        // stage's layers, which the cache chain already names, and finding them means reading those layers.
        List<LayerEntry> entries = copy.parents() ? ParentsPaths.entries(tree, spec, ALL_EXIST)
                : CopySources.entries(tree, spec, ALL_EXIST);
        // BuildKit lists the files first, then each here-document as <<NAME.
        String sources = String.join("", words.stream().map(w -> w + " ").toList())
                + String.join("", inline.stream().map(i -> "<<" + i.name() + " ").toList());
        addLayer(st, entries, "COPY " + (copy.parents() ? "--parents " : "") + flags(copy.chown(), copy.chmod()) + sources
                + copy.destination());
    }

    private void add(State st, Add add) throws IOException {
        if (!add.heredocs().isEmpty()) {
            throw new BuildException("ADD with a heredoc is not supported yet");
        }
        if (!add.excludes().isEmpty()) {
            throw new BuildException("ADD --exclude is not supported yet");
        }
        if (add.sources().stream().anyMatch(GitSources::isGit)) {
            addGit(st, add);
            return;
        }
        boolean anyUrl = false;
        for (String s : add.sources()) {
            anyUrl |= RemoteSources.isUrl(s);
        }
        if (add.checksum().isPresent() && (!anyUrl || add.sources().size() != 1)) {
            throw new BuildException("ADD --checksum works with exactly one URL source");
        }
        String dest = destination(st, add.destination());
        if (add.sources().size() > 1 && !dest.endsWith("/")) {
            throw new BuildException("when adding more than one source file, the destination must be a directory and end with a '/'");
        }
        Optional<Owner> owner = chown(st, add.chown());
        Optional<ChmodSpec> mode = ChmodSpec.parse(add.chmod());
        CopySources.Tree context = contextTree();
        TreeMap<String, LayerEntry> merged = new TreeMap<>();
        for (String source : add.sources()) {
            if (RemoteSources.isUrl(source)) {
                // A download: never unpacked, 0600 unless --chmod, named after the URL's last path segment.
                Path file = RemoteSources.download(source, add.checksum(), tempDir(), options.progress());
                String target = dest.endsWith("/") ? CopySources.join(CopySources.clean(dest), RemoteSources.fileName(source)) : CopySources.clean(dest);
                long size = Files.size(file);
                merged.put(target, LayerEntry.file(target, mode.map(m -> m.apply(0600, false)).orElse(0600), size, () -> Files.newInputStream(file))
                        .withOwner(owner.orElse(Owner.ROOT)));
                continue;
            }
            String clean = CopySources.clean(source);
            Path p = context.root().resolve(clean);
            boolean unpack = add.unpack().orElse(true) && !clean.isEmpty() && Files.isRegularFile(p)
                    && !context.ignore().matches(clean, false) && isTar(p);
            List<LayerEntry> entries;
            if (unpack) {
                // A local archive is unpacked into the destination directory, keeping the archive's owners.
                Path dir = tempDir();
                StageFilesystem.Extracted x;
                try (InputStream in = Files.newInputStream(p)) {
                    x = extractArchive(in, dir);
                }
                String into = dest.endsWith("/") ? dest : dest + "/";
                entries = CopySources.entries(new CopySources.Tree(dir, DockerIgnore.none(), owners(x), "archive " + source),
                        new CopySources.Spec(List.of("."), into, owner, mode), ALL_EXIST);
            } else {
                entries = CopySources.entries(context, new CopySources.Spec(List.of(source), dest, owner, mode), ALL_EXIST);
            }
            entries.forEach(e -> merged.put(e.path(), e));
        }
        // Parents the stage lacks (of a download too) are added when the layer is written, as for COPY.
        addLayer(st, List.copyOf(merged.values()),
                // no credentials of a URL in the history (part of the image) or the cache key
                "ADD " + add.checksum().map(c -> "--checksum=" + c + " ").orElse("") + flags(add.chown(), add.chmod())
                        + UrlRedaction.redact(String.join(" ", add.sources())) + " " + add.destination());
    }

    /**
     * ADD of a git repository: its tree (without .git unless --keep-git-dir) goes into the destination directory.
     * The cache key is the commit the ref resolves to now, so an unchanged remote costs one ls-remote.
     */
    private void addGit(State st, Add add) throws IOException {
        if (add.sources().size() != 1) {
            throw new BuildException("ADD of a git repository takes the repository as its only source");
        }
        GitSources.GitRef ref = GitSources.parse(add.sources().get(0));
        String commit = GitSources.resolve(ref, options.progress());
        GitSources.verify(ref, commit, add.checksum());
        String dest = destination(st, add.destination());
        String into = dest.endsWith("/") ? dest : dest + "/";
        Optional<Owner> owner = chown(st, add.chown());
        Optional<ChmodSpec> mode = ChmodSpec.parse(add.chmod());
        // The URL is shown without credentials: history is part of the image.
        String createdBy = "ADD " + add.checksum().map(c -> "--checksum=" + c + " ").orElse("") + flags(add.chown(), add.chmod())
                + ref.display() + " " + add.destination();
        String key = chain(st.cacheChain, createdBy + "\ngit commit " + commit + " keep-git-dir " + add.keepGitDir()
                + " owner " + owner.map(Owner::toString).orElse("-"));
        String history = createdBy + " # buildkit";
        if (cachedLayer(st, key, history)) {
            return;
        }
        Path root = GitSources.checkout(ref, commit, add.keepGitDir(), tempDir(), options.progress());
        List<LayerEntry> entries = CopySources.entries(new CopySources.Tree(root, DockerIgnore.none(), p -> Owner.ROOT,
                "git repository " + ref.display()), new CopySources.Spec(List.of("."), into, owner, mode), existingDirectories(st));
        writeLayer(st, key, entries, history);
    }

    /** Which paths are directories in the stage now: a COPY leaves those out of its layer. */
    private java.util.function.Predicate<String> existingDirectories(State st) throws IOException {
        Map<String, StageFilesystem.Node> paths = paths(st);
        return p -> {
            StageFilesystem.Node n = paths.get(p);
            return n != null && n.directory();
        };
    }

    private static StageFilesystem.Extracted extractArchive(InputStream in, Path dir) throws IOException {
        var extractor = new dev.lading.oci.layer.LayerExtractor(dev.lading.oci.layer.ExtractOptions.defaults()
                .withOwnership(dev.lading.oci.layer.ExtractOptions.OwnershipMode.RECORD));
        var report = extractor.apply(in, dir);
        Map<String, Owner> ids = new HashMap<>();
        report.ownership().forEach((path, o) -> ids.put(path, new Owner(o.uid(), o.gid())));
        return new StageFilesystem.Extracted(dir, ids);
    }

    private static boolean isTar(Path p) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(p));
             InputStream plain = LayerCompression.decompress(raw)) {
            byte[] header = plain.readNBytes(512);
            return header.length == 512 && TarArchiveInputStream.matches(header, header.length);
        } catch (IOException | RuntimeException e) {
            return false; // not an archive Docker would unpack: copied as a file
        }
    }

    /** --exclude patterns as .dockerignore rules (BuildKit matches them the same way, per source). */
    private static DockerIgnore excludes(List<String> patterns) {
        if (patterns.isEmpty()) {
            return DockerIgnore.none();
        }
        try {
            return DockerIgnore.parse("--exclude", String.join("\n", patterns));
        } catch (dev.lading.dockerfile.ignore.DockerIgnoreException e) {
            throw new BuildException("--exclude: " + e.getMessage());
        }
    }

    private static String flags(Optional<String> chown, Optional<String> chmod) {
        return chown.map(v -> "--chown=" + v + " ").orElse("") + chmod.map(v -> "--chmod=" + v + " ").orElse("");
    }

    /**
     * The destination made absolute against WORKDIR, with a trailing '/' when it names a directory: written
     * with one, or "." , or a directory that already exists in the stage (Docker copies into it then).
     */
    private String destination(State st, String dest) throws IOException {
        String abs = absolute(st, dest);
        boolean dir = dest.endsWith("/") || dest.endsWith("/.") || dest.equals(".") || abs.equals("/");
        if (!dir) {
            dir = pathKind(st, CopySources.clean(abs)) == BuildCache.PathKind.DIRECTORY;
        }
        return dir && !abs.endsWith("/") ? abs + "/" : abs;
    }

    CopySources.Tree contextTree() {
        return new CopySources.Tree(options.context(), options.ignore(), path -> Owner.ROOT, "the build context", prefetch);
    }

    /**
     * The context paths (clean, relative) the plan's COPY and ADD instructions name literally: what
     * {@link ContextPrefetch} lists ahead. A guess, never a decision: a path with wildcards is left out, and one that
     * a base image's ENV later changes is only listed for nothing.
     */
    static List<String> contextSources(BuildPlan plan) {
        java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
        for (PlannedStage s : plan.stages()) {
            for (ResolvedInstruction ri : s.stage().instructions()) {
                List<String> words;
                if (ri.resolved() instanceof Copy c && c.from().isEmpty()) {
                    words = c.heredocs().isEmpty() ? c.sources() : List.of();
                } else if (ri.resolved() instanceof Add a) {
                    words = a.heredocs().isEmpty() ? a.sources().stream().filter(w -> !RemoteSources.isUrl(w)).toList() : List.of();
                } else {
                    continue;
                }
                for (String w : words) {
                    if (!CopySources.hasWildcard(w)) {
                        out.add(CopySources.clean(w));
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    /** COPY --from: an earlier stage's filesystem, or an image's, extracted once per build. */
    CopySources.Tree fromTree(String name) throws IOException {
        synchronized (pathIndexes) {
            return extractedTree(name);
        }
    }

    private CopySources.Tree extractedTree(String name) throws IOException {
        Optional<Integer> stage = Planner.stageByNameOrIndex(dockerfile, name, Integer.MAX_VALUE);
        List<Descriptor> layers;
        String description;
        if (stage.isPresent()) {
            State s = stages.get(stage.get());
            if (s == null) {
                throw new BuildException("COPY --from=" + name + ": that stage is not built before this one");
            }
            layers = s.layers;
            description = "stage " + name;
        } else {
            Optional<BaseImage> image = baseImage(name);
            if (image.isEmpty()) {
                throw new BuildException("COPY --from=scratch: scratch has no files");
            }
            layers = image.get().layers();
            description = "image " + name;
        }
        StageFilesystem.Extracted x = extracted.get(layers);
        if (x == null) {
            x = StageFilesystem.extract(blobs, layers, tempDir());
            extracted.put(List.copyOf(layers), x);
        }
        return new CopySources.Tree(x.root(), DockerIgnore.none(), owners(x), description);
    }

    private final Map<List<Descriptor>, StageFilesystem.Extracted> extracted = new HashMap<>();
    private Dockerfile dockerfile;
    private BuildPlan plan;

    private static java.util.function.Function<String, Owner> owners(StageFilesystem.Extracted x) {
        return path -> {
            try {
                return x.owner(path);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    /**
     * What {@code path} (canonical, no leading slash) is in the stage: remembered by the build cache under the
     * stage's layer digests, so a rebuild does not read the stage's layers (its whole base) to ask again.
     */
    private BuildCache.PathKind pathKind(State st, String path) throws IOException {
        List<Descriptor> layers = List.copyOf(st.layers);
        Optional<BuildCache.PathKind> known = options.cache().pathKind(layers, path);
        if (known.isPresent()) {
            return known.get();
        }
        StageFilesystem.Node node = paths(st).get(path);
        BuildCache.PathKind kind = node == null ? BuildCache.PathKind.MISSING
                : node.directory() ? BuildCache.PathKind.DIRECTORY : BuildCache.PathKind.OTHER;
        options.cache().rememberPathKind(layers, path, kind);
        return kind;
    }

    /**
     * The stage's path index, built from the longest list of its layers already indexed: each COPY adds one
     * layer, so a stage's layers are read once per build, not once per instruction.
     */
    private Map<String, StageFilesystem.Node> paths(State st) throws IOException {
        synchronized (pathIndexes) {
            return pathIndex(st);
        }
    }

    private Map<String, StageFilesystem.Node> pathIndex(State st) throws IOException {
        List<Descriptor> layers = List.copyOf(st.layers);
        int known = layers.size();
        while (known > 0 && !pathIndexes.containsKey(layers.subList(0, known))) {
            known--;
        }
        TreeMap<String, StageFilesystem.Node> index = known == 0 ? new TreeMap<>() : pathIndexes.get(layers.subList(0, known));
        for (int i = known; i < layers.size(); i++) {
            index = StageFilesystem.apply(index, blobs, layers.get(i));
            pathIndexes.put(List.copyOf(layers.subList(0, i + 1)), index);
        }
        return index;
    }

    /** --chown=USER[:GROUP]: numbers as they are, names through the stage's /etc/passwd and /etc/group. */
    private Optional<Owner> chown(State st, Optional<String> chown) throws IOException {
        if (chown.isEmpty()) {
            return Optional.empty();
        }
        String v = chown.get();
        String[] parts = v.split(":", 2);
        if (parts[0].isEmpty() || (parts.length == 2 && parts[1].isEmpty())) {
            throw new BuildException("--chown=" + v + ": expected USER[:GROUP]");
        }
        long uid = id(st, parts[0], "etc/passwd", "user");
        // Docker: a user without a group uses the same number as the GID.
        long gid = parts.length == 2 ? id(st, parts[1], "etc/group", "group") : uid;
        return Optional.of(new Owner(uid, gid));
    }

    private long id(State st, String name, String file, String what) throws IOException {
        if (name.matches("[0-9]{1,10}")) {
            long id = Long.parseLong(name);
            if (id > Owner.MAX_ID) {
                throw new BuildException(what + " id " + name + " is out of range");
            }
            return id;
        }
        // remembered by the build cache under the stage's layer digests: a rebuild does not read the whole base again
        List<Descriptor> layers = List.copyOf(st.layers);
        Optional<Long> known = options.cache().id(layers, file, name);
        if (known.isPresent()) {
            return known.get();
        }
        StageFilesystem.Node node = paths(st).get(file);
        Optional<byte[]> content = node == null ? Optional.empty() : node.content();
        if (content.isEmpty()) {
            throw new BuildException("unable to find " + what + " " + name + ": the stage has no /" + file);
        }
        for (String line : new String(content.get(), StandardCharsets.UTF_8).split("\n")) {
            String[] f = line.split(":", -1);
            if (f.length >= 3 && f[0].equals(name) && f[2].matches("[0-9]{1,10}")) {
                long id = Long.parseLong(f[2]);
                options.cache().rememberId(layers, file, name, id);
                return id;
            }
        }
        throw new BuildException("unable to find " + what + " " + name + " in /" + file + " of the stage");
    }

    /** Writes (or takes from the cache) the layer of {@code entries} and records it in the stage. */
    private void addLayer(State st, List<LayerEntry> entries, String createdBy) throws IOException {
        // COPY and ADD carry BuildKit's marker; WORKDIR's history is its bare text.
        addLayer(st, entries, createdBy, createdBy + " # buildkit");
    }

    private void addLayer(State st, List<LayerEntry> entries, String createdBy, String history) throws IOException {
        String key = chain(st.cacheChain, createdBy + "\n" + entriesDigest(entries, options.cache().hashes()));
        if (!cachedLayer(st, key, history)) {
            List<LayerEntry> complete = withMissingParents(st, entries);
            if (st.runAhead) {
                // the RUN will need the stage on disk, this layer included: apply it while it is written
                writeLayerIntoRoot(st, key, complete, history);
            } else {
                writeLayer(st, key, complete, history);
            }
        }
    }

    /** The context's COPY sources being listed ahead of their walk (null: none). */
    private volatile ContextPrefetch prefetch;

    /** For sources whose parents are added later, by {@link #withMissingParents}. */
    private static final java.util.function.Predicate<String> ALL_EXIST = p -> true;

    /**
     * {@code entries} plus the parent directories neither they nor the stage have, as Docker creates them
     * (0755, root). The stage's files are only looked at when some parent is not among the entries.
     */
    private List<LayerEntry> withMissingParents(State st, List<LayerEntry> entries) throws IOException {
        TreeMap<String, LayerEntry> out = new TreeMap<>();
        entries.forEach(e -> out.put(e.path(), e));
        boolean complete = true;
        for (String path : out.keySet()) {
            for (int i = path.indexOf('/'); i > 0 && complete; i = path.indexOf('/', i + 1)) {
                complete = out.containsKey(path.substring(0, i));
            }
        }
        if (complete) {
            return entries;
        }
        CopySources.addMissingParents(out, existingDirectories(st));
        return List.copyOf(out.values());
    }

    /** Adds the cached layer of {@code key} to the stage, if the cache has it and its blob is still here. */
    boolean cachedLayer(State st, String key, String history) throws IOException {
        Optional<BuildCache.Entry> hit = options.cache().lookup(key, blobs);
        if (hit.isEmpty()) {
            return false;
        }
        layersCached.incrementAndGet();
        options.progress().accept("  CACHED " + hit.get().layer().digest().shortHex());
        recordLayer(st, key, hit.get().layer(), hit.get().diffId(), history);
        return true;
    }

    /** Writes the layer of {@code entries}, caches it under {@code key} and adds it to the stage. */
    void writeLayer(State st, String key, List<LayerEntry> entries, String history) throws IOException {
        writeLayer(st, key, entries, history, null);
    }

    /**
     * {@link #writeLayer}, and the layer goes into the stage's root filesystem as it is written (made and caught
     * up first), so that the next RUN does not extract it again. If that extraction fails, the root is dropped
     * and the RUN makes a new one from the layers, as without this.
     */
    private void writeLayerIntoRoot(State st, String key, List<LayerEntry> entries, String history) throws IOException {
        WorkingRoot root = workingRoot(st);
        boolean applied = false;
        try (WorkingRoot.Feed feed = root.feed()) {
            writeLayer(st, key, entries, history, feed.tar());
            applied = feed.finish(st.layers.size());
        } finally {
            if (!applied) {
                st.root = null; // partly extracted, or not at all: no longer the stage's layers
            }
        }
    }

    private void writeLayer(State st, String key, List<LayerEntry> entries, String history, OutputStream tarCopy) throws IOException {
        Descriptor layer;
        Digest diffId;
        {
            Path tmp = blobs.newTempFile();
            LayerResult result;
            try (OutputStream out = Files.newOutputStream(tmp)) {
                result = new LayerWriter(LayerWriter.Options.of(options.compression())
                        .withSourceDateEpoch(options.sourceDateEpoch())).write(entries, out, tarCopy);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(tmp);
                throw e;
            }
            blobs.adoptVerifiedTempFile(tmp, result.descriptor());
            layer = result.descriptor();
            diffId = result.diffId();
            options.cache().put(key, new BuildCache.Entry(layer, diffId));
            layersBuilt.incrementAndGet();
        }
        recordLayer(st, key, layer, diffId, history);
    }

    /**
     * The stage's root filesystem on disk, made at its first need and brought up to date with the stage's layers.
     */
    WorkingRoot workingRoot(State st) throws IOException {
        if (st.root == null) {
            // Not the temp dir itself: that is 0700, and a RUN as a non-root USER must be able to enter "/".
            Path dir = Files.createDirectory(tempDir().resolve("rootfs"));
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            st.root = new WorkingRoot(dir, filePool());
        }
        st.root.catchUp(blobs, st.layers);
        return st.root;
    }

    private void recordLayer(State st, String key, Descriptor layer, Digest diffId, String history) {
        st.layers.add(layer);
        st.config = st.config.withLayer(diffId, new ImageConfig.History(created, history, null, HISTORY_COMMENT, null));
        st.cacheChain = key;
    }

    /** What a layer holds, as one digest: every entry's metadata and its content's digest. */
    static String entriesDigest(List<LayerEntry> entries) throws IOException {
        return entriesDigest(entries, ContentHashes.none());
    }

    /**
     * What a layer holds, as one digest: every entry's metadata and its content's sha256. Files of the build
     * context are hashed through {@code hashes}, which reads only those whose lstat changed since last time.
     */
    static String entriesDigest(List<LayerEntry> entries, ContentHashes hashes) throws IOException {
        MessageDigest md = Digest.newMessageDigest(Digest.SHA256);
        List<LayerEntry> sorted = new ArrayList<>(entries);
        sorted.sort((a, b) -> a.path().compareTo(b.path()));
        byte[] buf = new byte[1 << 16];
        for (LayerEntry e : sorted) {
            md.update((e.path() + "\0" + e.type() + "\0" + Integer.toOctalString(e.mode()) + "\0" + e.uid() + ":" + e.gid()
                    + "\0" + e.linkTarget() + "\0" + e.size() + "\0").getBytes(StandardCharsets.UTF_8));
            if (e.type() == EntryType.FILE && e.size() > 0) {
                if (e.content() instanceof FileContent f) {
                    hashes.update(md, f.path(), f.stat(), buf);
                } else {
                    MessageDigest content = Digest.newMessageDigest(Digest.SHA256);
                    try (InputStream in = e.content().open()) {
                        for (int n; (n = in.read(buf)) > 0; ) {
                            content.update(buf, 0, n);
                        }
                    }
                    md.update(Digest.fromMessageDigest(Digest.SHA256, content).hex().getBytes(StandardCharsets.US_ASCII));
                }
            }
        }
        return Digest.fromMessageDigest(Digest.SHA256, md).toString();
    }

    static String chain(String parent, String step) {
        return Digest.sha256((parent + "\n" + step).getBytes(StandardCharsets.UTF_8)).toString();
    }

    // ---- commit ------------------------------------------------------------------------------------------

    private BuildResult commit(State st) throws IOException {
        ImageConfig.Config c = st.config.config();
        Map<String, String> labels = new TreeMap<>(c.labels() == null ? Map.of() : c.labels());
        labels.putIfAbsent(LABEL_CREATED, created);
        options.defaultLabels().forEach(labels::putIfAbsent);
        if (st.base.isPresent()) {
            labels.putIfAbsent(LABEL_BASE_NAME, st.base.get().name());
            labels.putIfAbsent(LABEL_BASE_DIGEST, st.base.get().digest().toString());
        }
        labels.putAll(options.labels());
        ImageConfig config = st.config.withConfig(c.withLabels(labels)).withCreated(created);
        Descriptor configDesc = blobs.writeBlob(MediaType.OCI_CONFIG, config.toJson());
        List<Descriptor> layers = st.layers.stream().map(Builder::ociLayer).toList();
        byte[] manifest = Manifest.oci(configDesc, layers, null).toJson();
        Descriptor manifestDesc = blobs.writeBlob(MediaType.OCI_MANIFEST, manifest).withPlatform(config.platform());
        return new BuildResult(manifestDesc, config, layersBuilt.get(), layersCached.get());
    }

    /** Docker layer media types name the same bytes as OCI's; an OCI manifest should use OCI's names. */
    private static Descriptor ociLayer(Descriptor d) {
        return MediaType.DOCKER_LAYER_GZIP.equals(d.mediaType()) ? d.withMediaType(MediaType.OCI_LAYER_GZIP) : d;
    }

    // ---- helpers -----------------------------------------------------------------------------------------

    private static Map<String, String> envMap(List<String> env) {
        Map<String, String> m = new TreeMap<>();
        if (env != null) {
            for (String e : env) {
                int eq = e.indexOf('=');
                m.put(eq < 0 ? e : e.substring(0, eq), eq < 0 ? "" : e.substring(eq + 1));
            }
        }
        return m;
    }

    /** The pool working roots take extracted files from (null without a build cache). */
    dev.lading.oci.layer.FilePool filePool() {
        synchronized (tempDirs) {
            if (filePool == null && options.cache().filePool().isPresent()) {
                filePool = new dev.lading.oci.layer.FilePool(options.cache().filePool().get());
            }
            return filePool;
        }
    }

    Path tempDir() throws IOException {
        Path dir = Files.createTempDirectory("lading-build-");
        synchronized (tempDirs) {
            tempDirs.add(dir);
        }
        return dir;
    }
}
