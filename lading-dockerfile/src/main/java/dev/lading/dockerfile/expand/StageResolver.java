package dev.lading.dockerfile.expand;

import dev.lading.dockerfile.Add;
import dev.lading.dockerfile.Arg;
import dev.lading.dockerfile.ArgDeclaration;
import dev.lading.dockerfile.Cmd;
import dev.lading.dockerfile.Copy;
import dev.lading.dockerfile.Dockerfile;
import dev.lading.dockerfile.DockerfileParseException;
import dev.lading.dockerfile.Entrypoint;
import dev.lading.dockerfile.Env;
import dev.lading.dockerfile.Expose;
import dev.lading.dockerfile.From;
import dev.lading.dockerfile.Healthcheck;
import dev.lading.dockerfile.Heredoc;
import dev.lading.dockerfile.Instruction;
import dev.lading.dockerfile.KeyValue;
import dev.lading.dockerfile.Label;
import dev.lading.dockerfile.Maintainer;
import dev.lading.dockerfile.Mount;
import dev.lading.dockerfile.MountParser;
import dev.lading.dockerfile.Onbuild;
import dev.lading.dockerfile.Run;
import dev.lading.dockerfile.Shell;
import dev.lading.dockerfile.Stage;
import dev.lading.dockerfile.StopSignal;
import dev.lading.dockerfile.User;
import dev.lading.dockerfile.Volume;
import dev.lading.dockerfile.Workdir;
import dev.lading.dockerfile.shell.ProcessResult;
import dev.lading.dockerfile.shell.ShellLexer;
import dev.lading.dockerfile.shell.ShellSyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Resolves a Dockerfile's variables as BuildKit's dockerfile2llb does before building.
 *
 * <ul>
 *   <li>The global scope holds the platform ARGs and the ARGs before the first FROM (a {@code --build-arg}
 *       overrides a default); only FROM lines (image and {@code --platform}) see it.</li>
 *   <li>Inside a stage there is one environment, as in BuildKit's LLB state: it starts with the base
 *       image's ENV (plus a default PATH when the image has none), ENV sets a value, and so does an ARG that
 *       has a value. Whichever came last wins, so an ENV overrides an earlier ARG of the same name (and a
 *       later ARG with a default overrides an ENV, exactly as BuildKit behaves).</li>
 *   <li>{@code ARG NAME} takes the build arg if given, else its default (expanded), else the global ARG's
 *       value (the global scope includes the platform ARGs); with none of these it declares the name
 *       without setting it.</li>
 *   <li>A stage built FROM an earlier stage starts from that stage's final environment (ARG values
 *       included, as BuildKit reuses the state) with the earlier stage's image ENV applied on top.</li>
 *   <li>Instructions other than ARG are expanded with the environment as it was before them:
 *       {@code ENV A=1 B=$A} gives B the previous A. The names on one ARG line are handled one after the
 *       other, so {@code ARG A=1 B=$A} gives B the value 1. ARG names themselves are not expanded.</li>
 *   <li>Expanded: ADD, COPY, ENV, EXPOSE (split into words), FROM, LABEL, STOPSIGNAL, USER, VOLUME, WORKDIR,
 *       ARG defaults, RUN {@code --mount} values, COPY {@code --from/--chown/--chmod}, ADD
 *       {@code --chown/--chmod/--checksum}, and ADD/COPY heredoc bodies whose delimiter is unquoted. Not
 *       expanded: RUN, CMD, ENTRYPOINT, HEALTHCHECK, SHELL, MAINTAINER, ONBUILD.</li>
 *   <li>Unresolved names are the ones looked up and not found, minus the names the stage declared with ARG
 *       (BuildKit's UndefinedVar rule reports the same set).</li>
 * </ul>
 */
public final class StageResolver {
    /** A FROM naming an earlier stage by index. */
    private static final java.util.regex.Pattern STAGE_INDEX = java.util.regex.Pattern.compile("[0-9]{1,9}");

    private StageResolver() {
    }

    /** BuildKit's default PATH, which it adds to an image configuration that has none. */
    public static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    public static final String DEFAULT_WINDOWS_PATH = "c:\\Windows\\System32;c:\\Windows";

    /** BuildKit never puts these ARGs in the environment. */
    private static final Set<String> NON_ENV_ARGS = Set.of("BUILDKIT_SBOM_SCAN_CONTEXT", "BUILDKIT_SBOM_SCAN_STAGE");

    /** Resolves with base images whose configuration is unknown (their ENV other than PATH is not known). */
    public static ResolvedDockerfile resolve(Dockerfile dockerfile, BuildArgs buildArgs) throws DockerfileParseException {
        return resolve(dockerfile, buildArgs, image -> Optional.empty());
    }

    /**
     * Resolves with the base images' ENV when known: {@code baseImageEnv} maps a resolved FROM image
     * reference to its configuration's environment (empty when unknown).
     */
    public static ResolvedDockerfile resolve(Dockerfile dockerfile, BuildArgs buildArgs,
                                             Function<String, Optional<Map<String, String>>> baseImageEnv)
            throws DockerfileParseException {
        return new Session(dockerfile, buildArgs, baseImageEnv).resolve();
    }

    private static final class Session {
        private final Dockerfile dockerfile;
        private final BuildArgs buildArgs;
        private final ShellLexer lexer;
        private final ShellLexer heredocLexer;
        private final Function<String, Optional<Map<String, String>>> baseImageEnv;
        private final Set<String> allUnresolved = new LinkedHashSet<>();

        Session(Dockerfile dockerfile, BuildArgs buildArgs, Function<String, Optional<Map<String, String>>> baseImageEnv) {
            this.dockerfile = dockerfile;
            this.buildArgs = buildArgs;
            this.baseImageEnv = baseImageEnv;
            this.lexer = ShellLexer.withEscape(dockerfile.escape());
            // BuildKit expands heredoc bodies with '\' and without treating quotes specially
            this.heredocLexer = ShellLexer.withEscape('\\').skipProcessQuotes(true);
        }

        /** Accumulates what one instruction looked up. */
        private final class Expander {
            final Map<String, String> scope;
            final Instruction at;
            final Set<String> used = new LinkedHashSet<>();
            final Set<String> unresolved = new LinkedHashSet<>();
            final Set<String> declared;

            Expander(Map<String, String> scope, Instruction at) {
                this(scope, at, Set.of());
            }

            Expander(Map<String, String> scope, Instruction at, Set<String> declared) {
                this.scope = scope;
                this.at = at;
                this.declared = declared;
            }

            String word(String w) throws DockerfileParseException {
                return record(run(lexer, w)).result();
            }

            Optional<String> word(Optional<String> w) throws DockerfileParseException {
                return w.isPresent() ? Optional.of(word(w.get())) : w;
            }

            List<String> words(List<String> ws) throws DockerfileParseException {
                List<String> out = new ArrayList<>();
                for (String w : ws) {
                    out.add(word(w));
                }
                return out;
            }

            List<String> split(String w) throws DockerfileParseException {
                return record(run(lexer, w)).words();
            }

            String heredoc(String body) throws DockerfileParseException {
                return record(run(heredocLexer, body)).result();
            }

            private ProcessResult run(ShellLexer l, String w) throws DockerfileParseException {
                try {
                    return l.process(w, scope);
                } catch (ShellSyntaxException e) {
                    throw new DockerfileParseException(dockerfile.fileName(), at.range().start(), e.getMessage(),
                            "check the ${…} syntax, or define the variable with ARG/ENV or --build-arg");
                }
            }

            private ProcessResult record(ProcessResult r) {
                used.addAll(r.matched());
                for (String name : r.unmatched()) {
                    if (!declared.contains(name)) {
                        unresolved.add(name);
                    }
                }
                return r;
            }

            ResolvedInstruction done(Instruction resolved) {
                allUnresolved.addAll(unresolved);
                return new ResolvedInstruction(at, resolved, used, unresolved);
            }
        }

        /** TARGETSTAGE: the --target, else the last stage's name, else "default". */
        private String targetStage() {
            return buildArgs.target().orElseGet(() -> dockerfile.finalStage().flatMap(Stage::name).orElse("default"));
        }

        ResolvedDockerfile resolve() throws DockerfileParseException {
            Map<String, String> global = new LinkedHashMap<>(buildArgs.automaticArgs(targetStage()));
            Map<String, String> globalDeclared = new HashMap<>();
            List<ResolvedInstruction> globalArgs = new ArrayList<>();
            for (Arg arg : dockerfile.globalArgs()) {
                Expander x = new Expander(global, arg);
                List<ArgDeclaration> decls = new ArrayList<>();
                for (ArgDeclaration d : arg.declarations()) {
                    // each name on the line sees the ones before it, as BuildKit's meta-arg loop does
                    Optional<String> value = buildArgs.value(d.name());
                    Optional<String> expandedDefault = d.defaultValue();
                    if (value.isEmpty()) {
                        // BuildKit expands the default only when no build arg replaces it
                        Expander one = new Expander(Map.copyOf(global), arg);
                        expandedDefault = one.word(d.defaultValue());
                        x.used.addAll(one.used);
                        x.unresolved.addAll(one.unresolved);
                        value = expandedDefault;
                    }
                    decls.add(new ArgDeclaration(d.name(), expandedDefault));
                    if (value.isPresent()) {
                        global.put(d.name(), value.get());
                        globalDeclared.put(d.name(), value.get());
                    } else {
                        global.remove(d.name());
                        globalDeclared.remove(d.name());
                    }
                }
                globalArgs.add(x.done(new Arg(arg.source(), decls)));
            }
            List<ResolvedStage> stages = new ArrayList<>();
            List<StageState> finals = new ArrayList<>();
            Map<String, StageState> byName = new HashMap<>();
            for (Stage stage : dockerfile.stages()) {
                StageState end = new StageState();
                ResolvedStage rs = resolveStage(stage, global, byName, finals, end);
                stages.add(rs);
                finals.add(end);
                stage.name().ifPresent(n -> byName.put(n, end));
            }
            return new ResolvedDockerfile(global, globalArgs, stages, allUnresolved);
        }

        /** BuildKit's per-stage state: the LLB environment, the image config ENV and the declared ARGs. */
        private static final class StageState {
            final Map<String, String> scope = new LinkedHashMap<>();
            final Map<String, String> imageEnv = new LinkedHashMap<>();
            final Map<String, String> args = new LinkedHashMap<>();
            final Set<String> declared = new LinkedHashSet<>();
        }

        private ResolvedStage resolveStage(Stage stage, Map<String, String> global, Map<String, StageState> byName,
                                           List<StageState> earlier, StageState st) throws DockerfileParseException {
            From from = stage.from();
            Expander fx = new Expander(global, from);
            String image = fx.word(from.image());
            if (image.isEmpty()) {
                throw new DockerfileParseException(dockerfile.fileName(), from.range().start(),
                        "base name (" + from.image() + ") should not be blank",
                        "give the ARG used in FROM a default or pass it with --build-arg");
            }
            Optional<String> platform = fx.word(from.platform());
            ResolvedInstruction resolvedFrom = fx.done(new From(from.source(), image, from.name(), platform));

            StageState parent = byName.get(image.toLowerCase(Locale.ROOT));
            if (parent == null && STAGE_INDEX.matcher(image).matches() && Integer.parseInt(image) < earlier.size()) {
                parent = earlier.get(Integer.parseInt(image));
            }
            if (parent != null) {
                // BuildKit starts from the parent's state: its environment and its declared ARGs
                st.scope.putAll(parent.scope);
                st.imageEnv.putAll(parent.imageEnv);
                st.args.putAll(parent.args);
                st.declared.addAll(parent.declared);
            } else if (!image.equals("scratch")) {
                baseImageEnv.apply(image).ifPresent(st.imageEnv::putAll);
            }
            if (!st.imageEnv.containsKey("PATH")) {
                st.imageEnv.put("PATH", buildArgs.targetPlatform().startsWith("windows/") ? DEFAULT_WINDOWS_PATH : DEFAULT_PATH);
            }
            st.scope.putAll(st.imageEnv);

            Set<String> unresolved = new LinkedHashSet<>(resolvedFrom.unresolved());
            List<ResolvedInstruction> out = new ArrayList<>();
            for (Instruction ins : stage.instructions()) {
                ResolvedInstruction r = resolveInstruction(ins, st, global);
                unresolved.addAll(r.unresolved());
                out.add(r);
            }
            return new ResolvedStage(stage, resolvedFrom, out, st.imageEnv, st.args, unresolved);
        }

        private ResolvedInstruction resolveInstruction(Instruction ins, StageState st, Map<String, String> global)
                throws DockerfileParseException {
            // the live scope, not a copy per instruction: ENV and ARG change it only after their words are expanded
            Expander x = new Expander(st.scope, ins, st.declared);
            // if/else rather than a pattern switch: a switch's class is made at run time, in every process
            if (ins instanceof Env e) {
                List<KeyValue> pairs = pairs(x, e.pairs());
                for (KeyValue kv : pairs) {
                    st.scope.put(kv.key(), kv.value());
                    st.imageEnv.put(kv.key(), kv.value());
                }
                return x.done(new Env(e.source(), pairs));
            }
            if (ins instanceof Label l) {
                return x.done(new Label(l.source(), pairs(x, l.pairs())));
            }
            if (ins instanceof Arg a) {
                List<ArgDeclaration> decls = new ArrayList<>();
                for (ArgDeclaration d : a.declarations()) {
                    String name = d.name();
                    Optional<String> value = buildArgs.value(name);
                    Optional<String> def = d.defaultValue();
                    if (def.isPresent() && value.isEmpty()) {
                        // each name on the line sees the ones before it; a build arg replaces the default unexpanded
                        Expander one = new Expander(st.scope, a, st.declared);
                        def = one.word(def);
                        x.used.addAll(one.used);
                        x.unresolved.addAll(one.unresolved);
                    }
                    if (value.isEmpty()) {
                        value = def;
                    }
                    if (value.isEmpty() && d.defaultValue().isEmpty() && global.containsKey(name)) {
                        value = Optional.of(global.get(name));
                    }
                    decls.add(new ArgDeclaration(name, def));
                    st.declared.add(name);
                    if (value.isPresent()) {
                        st.args.put(name, value.get());
                        if (!NON_ENV_ARGS.contains(name)) {
                            st.scope.put(name, value.get());
                        }
                    }
                }
                return x.done(new Arg(a.source(), decls));
            }
            if (ins instanceof Add ad) {
                // --exclude patterns are never expanded
                return x.done(new Add(ad.source(), x.words(ad.sources()), x.word(ad.destination()),
                        heredocs(x, ad.heredocs()), ad.json(), x.word(ad.chown()), x.word(ad.chmod()), ad.link(),
                        ad.excludes(), x.word(ad.checksum()), ad.keepGitDir(), ad.unpack()));
            }
            if (ins instanceof Copy c) {
                checkCopyFrom(c);
                return x.done(new Copy(c.source(), x.words(c.sources()), x.word(c.destination()),
                        heredocs(x, c.heredocs()), c.json(), c.from(), x.word(c.chown()), x.word(c.chmod()),
                        c.link(), c.parents(), c.excludes()));
            }
            if (ins instanceof Expose e) {
                List<String> ports = new ArrayList<>();
                for (String p : e.ports()) {
                    ports.addAll(x.split(p));
                }
                return x.done(new Expose(e.source(), ports));
            }
            if (ins instanceof StopSignal s) {
                return x.done(new StopSignal(s.source(), x.word(s.signal())));
            }
            if (ins instanceof User u) {
                return x.done(new User(u.source(), x.word(u.user())));
            }
            if (ins instanceof Workdir w) {
                return x.done(new Workdir(w.source(), x.word(w.path())));
            }
            if (ins instanceof Volume v) {
                return x.done(new Volume(v.source(), x.words(v.paths()), v.json()));
            }
            if (ins instanceof Run r) {
                return x.done(new Run(r.source(), r.command(), mounts(x, r.mounts()), r.network(), r.security(),
                        r.devices(), r.heredocs()));
            }
            if (ins instanceof From || ins instanceof Cmd || ins instanceof Entrypoint || ins instanceof Healthcheck
                    || ins instanceof Shell || ins instanceof Maintainer || ins instanceof Onbuild) {
                return x.done(ins); // nothing in them is expanded here
            }
            throw new IllegalStateException("no expansion rule for " + ins.kind()); // a new instruction type
        }

        /** BuildKit refuses variables in COPY --from: stage references are resolved before any expansion. */
        private void checkCopyFrom(Copy c) throws DockerfileParseException {
            if (c.from().isPresent()) {
                String from = c.from().get();
                int dollar = from.indexOf('$');
                if (dollar >= 0 && dollar != from.length() - 1) {
                    throw new DockerfileParseException(dockerfile.fileName(), c.flag("from").orElseThrow().range().start(),
                            "variable expansion is not supported for --from, define a new stage with FROM using ARG from global scope as a workaround",
                            "add FROM ${IMAGE} AS src (with a global ARG IMAGE) and use COPY --from=src");
                }
            }
        }

        private static List<KeyValue> pairs(Expander x, List<KeyValue> in) throws DockerfileParseException {
            List<KeyValue> out = new ArrayList<>();
            for (KeyValue kv : in) {
                out.add(new KeyValue(x.word(kv.key()), x.word(kv.value()), kv.legacy()));
            }
            return out;
        }

        private static List<Heredoc> heredocs(Expander x, List<Heredoc> in) throws DockerfileParseException {
            List<Heredoc> out = new ArrayList<>();
            for (Heredoc h : in) {
                String body = h.content();
                if (h.expand()) {
                    body = x.heredoc(body);
                }
                // the resolved body is final: chomping already applied, so it is stored unchomped
                out.add(new Heredoc(h.word(), h.name(), h.fileDescriptor(), h.expand(), false, body, h.range()));
            }
            return out;
        }

        /** Mount values are expanded field by field (after CSV splitting) and validated again, as BuildKit does. */
        private List<Mount> mounts(Expander x, List<Mount> in) throws DockerfileParseException {
            List<Mount> out = new ArrayList<>();
            for (Mount m : in) {
                try {
                    List<String> fields = MountParser.csvRecord(m.spec());
                    List<String> expanded = new ArrayList<>();
                    for (String f : fields) {
                        int eq = f.indexOf('=');
                        String field = eq < 0 ? f : f.substring(0, eq + 1) + x.word(f.substring(eq + 1));
                        expanded.add(field.contains(",") || field.contains("\"")
                                ? "\"" + field.replace("\"", "\"\"") + "\"" : field);
                    }
                    out.add(MountParser.parse(String.join(",", expanded), m.range()));
                } catch (MountParser.MountException e) {
                    throw new DockerfileParseException(dockerfile.fileName(), m.range().start(),
                            "invalid --mount: " + e.getMessage(), e.hint());
                }
            }
            return out;
        }
    }
}
