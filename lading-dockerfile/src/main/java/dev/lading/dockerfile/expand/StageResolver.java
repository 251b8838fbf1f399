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

/**
 * Resolves a Dockerfile's variables as BuildKit's dockerfile2llb does before building.
 *
 * <ul>
 *   <li>The global scope holds the platform ARGs and the ARGs before the first FROM (a {@code --build-arg}
 *       overrides a default); only FROM lines (image and {@code --platform}) see it.</li>
 *   <li>Inside a stage, an ARG is visible from its declaration on. {@code ARG NAME} without a default takes
 *       the build arg, else the global ARG's value, else the platform ARG of that name; with a default, the
 *       build arg wins over the default.</li>
 *   <li>ENV values override ARGs of the same name. ENV is inherited when a stage builds FROM an earlier
 *       stage; ARGs are not.</li>
 *   <li>An instruction is expanded with the scope as it was before it: {@code ENV A=1 B=$A} gives B the
 *       previous A. Several names on one ARG line are declared one after the other.</li>
 *   <li>Expanded: ADD, COPY, ENV, EXPOSE (split into words), FROM, LABEL, STOPSIGNAL, USER, VOLUME, WORKDIR,
 *       ARG, RUN {@code --mount} values, COPY {@code --from/--chown/--chmod}, ADD {@code --chown/--chmod/--checksum},
 *       and ADD/COPY heredoc bodies whose delimiter is unquoted. Not expanded: RUN, CMD, ENTRYPOINT,
 *       HEALTHCHECK, SHELL, MAINTAINER, ONBUILD (the shell or the child build does that).</li>
 * </ul>
 */
public final class StageResolver {
    private StageResolver() {
    }

    public static ResolvedDockerfile resolve(Dockerfile dockerfile, BuildArgs buildArgs) throws DockerfileParseException {
        return new Session(dockerfile, buildArgs).resolve();
    }

    private static final class Session {
        private final Dockerfile dockerfile;
        private final BuildArgs buildArgs;
        private final ShellLexer lexer;
        private final ShellLexer heredocLexer;
        private final Set<String> allUnresolved = new LinkedHashSet<>();

        Session(Dockerfile dockerfile, BuildArgs buildArgs) {
            this.dockerfile = dockerfile;
            this.buildArgs = buildArgs;
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

            Expander(Map<String, String> scope, Instruction at) {
                this.scope = scope;
                this.at = at;
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
                unresolved.addAll(r.unmatched());
                return r;
            }

            ResolvedInstruction done(Instruction resolved) {
                allUnresolved.addAll(unresolved);
                return new ResolvedInstruction(at, resolved, used, unresolved);
            }
        }

        ResolvedDockerfile resolve() throws DockerfileParseException {
            Map<String, String> global = new LinkedHashMap<>(buildArgs.platformArgs());
            Map<String, String> globalDeclared = new HashMap<>();
            List<ResolvedInstruction> globalArgs = new ArrayList<>();
            for (Arg arg : dockerfile.globalArgs()) {
                Expander x = new Expander(global, arg);
                List<ArgDeclaration> decls = new ArrayList<>();
                for (ArgDeclaration d : arg.declarations()) {
                    // each name on the line sees the ones before it, as BuildKit's meta-arg loop does
                    Expander one = new Expander(global, arg);
                    Optional<String> value = buildArgs.value(d.name());
                    Optional<String> expandedDefault = one.word(d.defaultValue());
                    x.used.addAll(one.used);
                    x.unresolved.addAll(one.unresolved);
                    if (value.isEmpty()) {
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
            Map<String, Map<String, String>> envByStageName = new HashMap<>();
            for (Stage stage : dockerfile.stages()) {
                ResolvedStage rs = resolveStage(stage, global, envByStageName, stages);
                stages.add(rs);
                stage.name().ifPresent(n -> envByStageName.put(n, rs.env()));
            }
            return new ResolvedDockerfile(global, globalArgs, stages, allUnresolved);
        }

        private ResolvedStage resolveStage(Stage stage, Map<String, String> global,
                                           Map<String, Map<String, String>> envByStageName,
                                           List<ResolvedStage> earlier) throws DockerfileParseException {
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

            Map<String, String> env = new LinkedHashMap<>();
            Map<String, String> parentEnv = envByStageName.get(image.toLowerCase(Locale.ROOT));
            if (parentEnv == null && image.matches("[0-9]{1,9}") && Integer.parseInt(image) < earlier.size()) {
                parentEnv = earlier.get(Integer.parseInt(image)).env();
            }
            if (parentEnv != null) {
                env.putAll(parentEnv);
            }
            Map<String, String> args = new LinkedHashMap<>();
            Set<String> unresolved = new LinkedHashSet<>(resolvedFrom.unresolved());
            List<ResolvedInstruction> out = new ArrayList<>();
            for (Instruction ins : stage.instructions()) {
                ResolvedInstruction r = resolveInstruction(ins, env, args, global);
                unresolved.addAll(r.unresolved());
                out.add(r);
            }
            return new ResolvedStage(stage, resolvedFrom, out, env, args, unresolved);
        }

        private static Map<String, String> scope(Map<String, String> env, Map<String, String> args) {
            Map<String, String> scope = new HashMap<>(args);
            scope.putAll(env);
            return scope;
        }

        private ResolvedInstruction resolveInstruction(Instruction ins, Map<String, String> env, Map<String, String> args,
                                                       Map<String, String> global) throws DockerfileParseException {
            Expander x = new Expander(scope(env, args), ins);
            return switch (ins) {
                case Env e -> {
                    List<KeyValue> pairs = pairs(x, e.pairs());
                    pairs.forEach(kv -> env.put(kv.key(), kv.value()));
                    yield x.done(new Env(e.source(), pairs));
                }
                case Label l -> x.done(new Label(l.source(), pairs(x, l.pairs())));
                case Arg a -> {
                    List<ArgDeclaration> decls = new ArrayList<>();
                    for (ArgDeclaration d : a.declarations()) {
                        Expander one = new Expander(scope(env, args), a);
                        String name = one.word(d.name());
                        Optional<String> def = one.word(d.defaultValue());
                        x.used.addAll(one.used);
                        x.unresolved.addAll(one.unresolved);
                        Optional<String> value = buildArgs.value(name);
                        if (value.isEmpty()) {
                            value = def;
                        }
                        if (value.isEmpty() && global.containsKey(name)) {
                            value = Optional.of(global.get(name));
                        }
                        decls.add(new ArgDeclaration(name, def));
                        if (value.isPresent()) {
                            args.put(name, value.get());
                        } else {
                            args.remove(name);
                        }
                    }
                    yield x.done(new Arg(a.source(), decls));
                }
                case Add a -> x.done(new Add(a.source(), x.words(a.sources()), x.word(a.destination()),
                        heredocs(x, a.heredocs()), a.json(), x.word(a.chown()), x.word(a.chmod()), a.link(),
                        x.words(a.excludes()), x.word(a.checksum()), a.keepGitDir(), a.unpack()));
                case Copy c -> x.done(new Copy(c.source(), x.words(c.sources()), x.word(c.destination()),
                        heredocs(x, c.heredocs()), c.json(), x.word(c.from()), x.word(c.chown()), x.word(c.chmod()),
                        c.link(), c.parents(), x.words(c.excludes())));
                case Expose e -> {
                    List<String> ports = new ArrayList<>();
                    for (String p : e.ports()) {
                        ports.addAll(x.split(p));
                    }
                    yield x.done(new Expose(e.source(), ports));
                }
                case StopSignal s -> x.done(new StopSignal(s.source(), x.word(s.signal())));
                case User u -> x.done(new User(u.source(), x.word(u.user())));
                case Workdir w -> x.done(new Workdir(w.source(), x.word(w.path())));
                case Volume v -> x.done(new Volume(v.source(), x.words(v.paths()), v.json()));
                case Run r -> x.done(new Run(r.source(), r.command(), mounts(x, r.mounts()), r.network(), r.security(),
                        r.heredocs()));
                case From f -> x.done(f);
                case Cmd c -> x.done(c);
                case Entrypoint e -> x.done(e);
                case Healthcheck h -> x.done(h);
                case Shell s -> x.done(s);
                case Maintainer m -> x.done(m);
                case Onbuild o -> x.done(o);
            };
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
