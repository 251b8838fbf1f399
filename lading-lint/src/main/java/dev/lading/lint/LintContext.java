package dev.lading.lint;

import dev.lading.dockerfile.Arg;
import dev.lading.dockerfile.ArgDeclaration;
import dev.lading.dockerfile.CommandForm;
import dev.lading.dockerfile.Dockerfile;
import dev.lading.dockerfile.Env;
import dev.lading.dockerfile.Heredoc;
import dev.lading.dockerfile.Instruction;
import dev.lading.dockerfile.Run;
import dev.lading.dockerfile.Shell;
import dev.lading.dockerfile.expand.ResolvedDockerfile;
import dev.lading.dockerfile.expand.ResolvedInstruction;
import dev.lading.dockerfile.expand.ResolvedStage;
import dev.lading.dockerfile.ignore.DockerIgnore;
import dev.lading.lint.shell.ShellParser;
import dev.lading.lint.shell.ShellScript;
import dev.lading.lint.shell.SimpleCommand;
import dev.lading.dockerfile.SourceRange;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything a rule may look at for one Dockerfile: the syntax tree, the resolved view (ARG and ENV values
 * substituted as BuildKit does), each RUN parsed as shell with the values known at that RUN, the
 * {@code .dockerignore} and the configuration.
 *
 * <p>Rules judge resolved values. Where a value depends on something the Dockerfile cannot tell (a
 * {@code --build-arg} without default, the base image's ENV), it is unresolved and rules stay silent.
 */
public final class LintContext {
    private static final java.util.regex.Pattern PLAIN_WORD = java.util.regex.Pattern.compile("[A-Za-z0-9_./:=+@-]+");
    private static final Set<String> POSIX_SHELLS = Set.of("sh", "bash", "ash", "dash", "zsh", "ksh");

    private final String text;
    /** The source lines, split when a rule first asks where inside an instruction something is. */
    private String[] lines;
    /**
     * {@link #rangeOf}'s patterns by command head, shared by every file and thread: the heads are few ("apt-get
     * install", "pip install"...) and a pattern compiled per file was a regex compile in most files. Bounded all
     * the same, as the heads come from the files linted.
     */
    private static final Map<String, java.util.regex.Pattern> HEAD_PATTERNS = new java.util.concurrent.ConcurrentHashMap<>();
    private final Dockerfile dockerfile;
    private final Optional<Path> path;
    private final ResolvedDockerfile resolved;
    private final Optional<DockerIgnore> dockerIgnore;
    private final LintConfig config;
    private final Set<String> placeholders;
    private final BaseImagePlatforms baseImagePlatforms;
    private final List<StageView> stages;
    private List<Run> runs;
    private boolean[] shipped;
    private final Map<Instruction, ResolvedInstruction> byOriginal = new IdentityHashMap<>();
    private final Map<Run, ShellScript> scripts = new IdentityHashMap<>();
    private final Map<Run, List<String>> shells = new IdentityHashMap<>();

    public LintContext(Dockerfile dockerfile, Optional<Path> path, ResolvedDockerfile resolved,
                       Optional<DockerIgnore> dockerIgnore, LintConfig config) {
        this(dockerfile, path, resolved, dockerIgnore, config, Set.of());
    }

    /**
     * @param placeholders ARG names that were given stand-in values only so that resolution could finish
     *                     (an ARG without default used where BuildKit needs a value); they count as unknown
     */
    public LintContext(Dockerfile dockerfile, Optional<Path> path, ResolvedDockerfile resolved,
                       Optional<DockerIgnore> dockerIgnore, LintConfig config, Set<String> placeholders) {
        this(dockerfile, path, resolved, dockerIgnore, config, placeholders, "");
    }

    /** @param text the Dockerfile's source text, so findings can point inside multi-line instructions */
    public LintContext(Dockerfile dockerfile, Optional<Path> path, ResolvedDockerfile resolved,
                       Optional<DockerIgnore> dockerIgnore, LintConfig config, Set<String> placeholders, String text) {
        this(dockerfile, path, resolved, dockerIgnore, config, placeholders, text, BaseImagePlatforms.UNKNOWN);
    }

    /** @param baseImagePlatforms what a build resolved its base images to; {@link BaseImagePlatforms#UNKNOWN} in plain lint */
    public LintContext(Dockerfile dockerfile, Optional<Path> path, ResolvedDockerfile resolved,
                       Optional<DockerIgnore> dockerIgnore, LintConfig config, Set<String> placeholders, String text,
                       BaseImagePlatforms baseImagePlatforms) {
        this.baseImagePlatforms = baseImagePlatforms;
        this.text = text;
        this.placeholders = Set.copyOf(placeholders);
        this.dockerfile = dockerfile;
        this.path = path;
        this.resolved = resolved;
        this.dockerIgnore = dockerIgnore;
        this.config = config;
        List<StageView> views = new ArrayList<>();
        Map<String, Map<String, String>> finalScopes = new HashMap<>();
        for (int i = 0; i < resolved.stages().size(); i++) {
            ResolvedStage rs = resolved.stages().get(i);
            views.add(new StageView(rs, i == resolved.stages().size() - 1));
            byOriginal.put(rs.from().original(), rs.from());
            rs.instructions().forEach(ri -> byOriginal.put(ri.original(), ri));
            String base = rs.from().resolved() instanceof dev.lading.dockerfile.From f ? f.image().toLowerCase() : "";
            Map<String, String> scope = new HashMap<>(finalScopes.getOrDefault(base, Map.of()));
            List<String> shell = List.of("/bin/sh", "-c");
            for (ResolvedInstruction ri : rs.instructions()) {
                // if/else rather than a pattern switch: a switch's class is made at run time, in every process
                Instruction r = ri.resolved();
                if (r instanceof Env env) {
                    env.pairs().forEach(kv -> set(scope, kv.key(), kv.value(), known(ri)));
                } else if (r instanceof Arg arg) {
                    for (ArgDeclaration d : arg.declarations()) {
                        if (d.defaultValue().isPresent()) {
                            set(scope, d.name(), d.defaultValue().get(), known(ri));
                        } else if (rs.args().containsKey(d.name()) && !placeholders.contains(d.name())) {
                            scope.put(d.name(), rs.args().get(d.name()));
                        }
                    }
                } else if (r instanceof Shell sh) {
                    shell = sh.shell();
                } else if (r instanceof Run run) {
                    shells.put((Run) ri.original(), shell);
                    scripts.put((Run) ri.original(), parse(run, scope, shell));
                }
            }
            rs.stage().name().ifPresent(n -> finalScopes.put(n, scope));
        }
        this.stages = List.copyOf(views);
    }

    private static void set(Map<String, String> scope, String key, String value, boolean known) {
        if (known) {
            scope.put(key, value);
        } else {
            scope.remove(key); // part of it is unknown: say nothing about it
        }
    }

    private static ShellScript parse(Run run, Map<String, String> scope, List<String> shell) {
        String exe = shell.isEmpty() ? "" : shell.get(0).substring(shell.get(0).lastIndexOf('/') + 1);
        if (!POSIX_SHELLS.contains(exe) && run.command() instanceof CommandForm.ShellForm) {
            return new ShellScript(List.of(), false, false, false);
        }
        if (run.command() instanceof CommandForm.ExecForm exec) {
            return ShellParser.parse(
                    exec.args().stream().map(a -> "'" + a.replace("'", "'\\''") + "'").collect(Collectors.joining(" ")),
                    Map.of());
        }
        return ShellParser.parse(scriptText(((CommandForm.ShellForm) run.command()).command(), run.heredocs()), scope);
    }

    /**
     * The text the shell runs. {@code RUN <<EOF} runs the heredoc body as the script, and so does a shell
     * reading it on stdin ({@code RUN bash <<EOF}); any other heredoc is data ({@code cat <<EOF > file}).
     */
    private static String scriptText(String command, List<Heredoc> heredocs) {
        if (heredocs.isEmpty()) {
            return command;
        }
        String stripped = command;
        for (Heredoc h : heredocs) {
            stripped = stripped.replace(h.word(), "");
        }
        String trimmed = stripped.strip();
        String first = trimmed.substring(0, regexSpace(trimmed, 0, true)); // split("\\s+", 2)[0]
        String base = first.substring(first.lastIndexOf('/') + 1);
        if (stripped.isBlank() || (POSIX_SHELLS.contains(base) && !stripped.contains("-c"))) {
            StringBuilder sb = new StringBuilder(stripped.isBlank() ? "" : afterFirstWord(stripped));
            heredocs.forEach(h -> sb.append('\n').append(h.content()));
            return sb.toString();
        }
        return command;
    }

    /** {@code s.replaceFirst("^\\s*\\S+", "")}, without a regex. */
    static String afterFirstWord(String s) {
        int start = regexSpace(s, 0, false);
        if (start == s.length()) {
            return s; // no word: the pattern does not match
        }
        return s.substring(regexSpace(s, start, true));
    }

    /**
     * The first index from {@code from} whose character is (if {@code space}) or is not a regex {@code \\s}
     * (space, tab, newline, vertical tab, form feed, carriage return); the length when there is none.
     */
    private static int regexSpace(String s, int from, boolean space) {
        int i = from;
        while (i < s.length()) {
            char c = s.charAt(i);
            boolean isSpace = c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
            if (isSpace == space) {
                return i;
            }
            i++;
        }
        return i;
    }

    /**
     * True when every variable the instruction used has a value the Dockerfile itself gives. Rules judge
     * only such instructions (or the parts of them that are known).
     */
    public boolean known(ResolvedInstruction ri) {
        if (!ri.unresolved().isEmpty()) {
            return false;
        }
        if (!placeholders.isEmpty()) { // a loop, not a stream: rules ask this of every instruction
            for (String name : ri.used()) {
                if (placeholders.contains(name)) {
                    return false;
                }
            }
        }
        return true;
    }

    public Dockerfile dockerfile() {
        return dockerfile;
    }

    public Optional<Path> path() {
        return path;
    }

    public ResolvedDockerfile resolved() {
        return resolved;
    }

    /** The {@code .dockerignore} that applies, when the Dockerfile was read from disk and one exists. */
    public Optional<DockerIgnore> dockerIgnore() {
        return dockerIgnore;
    }

    public LintConfig config() {
        return config;
    }

    /** The platforms of the base images a build resolved; {@link BaseImagePlatforms#UNKNOWN} when only linting. */
    public BaseImagePlatforms baseImagePlatforms() {
        return baseImagePlatforms;
    }

    public Map<String, Object> options(String ruleId) {
        return config.options(ruleId);
    }

    public List<StageView> stages() {
        return stages;
    }

    /**
     * The stage that holds this RUN (this very instruction, not an equal one), or null. By identity: comparing
     * instructions as values would compare every field of both, for an answer identity already gives.
     */
    public StageView stageOf(Run run) {
        for (StageView s : stages) {
            for (Run r : s.runs()) {
                if (r == run) {
                    return s;
                }
            }
        }
        return null;
    }

    /**
     * False for a stage whose layers no built image can contain: a build stage that later stages only
     * {@code COPY --from} (or mount), which is neither the final stage, nor a stage nothing refers to (a
     * {@code --target} candidate), nor the base ({@code FROM stage}) of one of those. What happens inside such
     * a stage (caches left behind, files written twice) costs build time but ships nothing. When a FROM's
     * base is not known every stage counts as shipped.
     */
    public boolean shipped(StageView stage) {
        if (shipped == null) {
            shipped = shippedStages();
        }
        for (int i = 0; i < stages.size(); i++) {
            if (stages.get(i) == stage) {
                return shipped[i];
            }
        }
        return true;
    }

    private boolean[] shippedStages() {
        int n = stages.size();
        boolean[] out = new boolean[n];
        int[] parent = new int[n];
        boolean[] referenced = new boolean[n];
        Map<String, Integer> byName = new HashMap<>();
        for (int i = 0; i < n; i++) {
            StageView sv = stages.get(i);
            parent[i] = -1;
            if (!known(sv.resolved().from()) || !(sv.resolved().from().resolved() instanceof dev.lading.dockerfile.From f)) {
                java.util.Arrays.fill(out, true); // the base may be any earlier stage
                return out;
            }
            parent[i] = stageRef(f.image(), i, byName);
            if (parent[i] >= 0) {
                referenced[parent[i]] = true;
            }
            for (ResolvedInstruction ri : sv.instructions()) {
                if (!known(ri)) {
                    continue; // an unknown reference may name a stage: that stage then still counts as a target
                }
                List<String> froms = new ArrayList<>();
                if (ri.resolved() instanceof dev.lading.dockerfile.Copy c) {
                    c.from().ifPresent(froms::add);
                } else if (ri.resolved() instanceof Run r) {
                    r.mounts().forEach(m -> m.from().ifPresent(froms::add));
                }
                for (String from : froms) {
                    int ref = stageRef(from, i, byName);
                    if (ref >= 0) {
                        referenced[ref] = true;
                    }
                }
            }
            int index = i;
            sv.stage().name().ifPresent(name -> byName.put(name.toLowerCase(java.util.Locale.ROOT), index));
        }
        for (int i = 0; i < n; i++) {
            if (i == n - 1 || !referenced[i]) {
                for (int s = i; s >= 0 && !out[s]; s = parent[s]) {
                    out[s] = true;
                }
            }
        }
        return out;
    }

    /** The earlier stage {@code ref} names (by name or index), or -1 for an image. */
    private static int stageRef(String ref, int current, Map<String, Integer> earlierByName) {
        Integer named = earlierByName.get(ref.toLowerCase(java.util.Locale.ROOT));
        if (named != null) {
            return named;
        }
        if (!ref.isEmpty() && ref.length() <= 9 && isDigits(ref)) {
            int index = Integer.parseInt(ref);
            return index < current ? index : -1;
        }
        return -1;
    }

    private static boolean isDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** Every RUN of every stage, in order. */
    public List<Run> runs() {
        if (runs == null) {
            List<Run> all = new ArrayList<>();
            stages.forEach(s -> all.addAll(s.runs()));
            runs = List.copyOf(all);
        }
        return runs;
    }

    public Optional<StageView> finalStage() {
        return stages.isEmpty() ? Optional.empty() : Optional.of(stages.get(stages.size() - 1));
    }

    /** The resolved form of an instruction of this Dockerfile (identity lookup). */
    public Optional<ResolvedInstruction> resolved(Instruction original) {
        return Optional.ofNullable(byOriginal.get(original));
    }

    /** The RUN's command parsed as shell with the ARG/ENV values known at that point. */
    public ShellScript script(Run run) {
        ShellScript s = scripts.get(run);
        return s != null ? s : new ShellScript(List.of(), false, false, false);
    }

    /**
     * Where a finding about one command of a RUN belongs: the command's own line when the RUN spans several
     * lines and the command is not on the first, so an editor jumps to it; the whole RUN otherwise.
     *
     * <p>The command is found in the source by its name as a whole word, counting earlier commands of the same
     * name in the RUN; when the name is not written out (it comes from a variable) the RUN is the place.
     */
    public SourceRange rangeOf(Run run, SimpleCommand command) {
        SourceRange whole = run.range();
        if (whole.start().line() == whole.end().line() || text.isEmpty() || !command.name().resolved()) {
            return whole;
        }
        if (lines == null) {
            lines = splitLines(text);
        }
        // the name and, when written out, the first argument: "apt-get install", not every "apt-get" in an echo
        String head = signature(command);
        int nth = 0;
        for (SimpleCommand c : script(run).commands()) {
            if (c == command) {
                break;
            }
            if (c.name().resolved() && signature(c).equals(head)) {
                nth++;
            }
        }
        // one pattern per command head and file: a rule reports a command once per package, flag or argument
        if (HEAD_PATTERNS.size() > 1024) {
            HEAD_PATTERNS.clear();
        }
        java.util.regex.Pattern word = HEAD_PATTERNS.computeIfAbsent(head, h -> {
            StringBuilder re = new StringBuilder("(?<=^|[\\s;&|(`{])");
            String[] words = h.split(" ");
            for (int w = 0; w < words.length; w++) {
                re.append(w > 0 ? "\\s+" : "").append(java.util.regex.Pattern.quote(words[w]));
            }
            return java.util.regex.Pattern.compile(re.append("(?=$|[\\s;&|)])").toString());
        });
        int last = Math.min(whole.end().line(), lines.length);
        for (int l = whole.start().line(); l <= last; l++) {
            String line = lines[l - 1];
            if (l > whole.start().line() && line.stripLeading().startsWith("#")) {
                continue; // a comment line inside the instruction is not part of the script
            }
            int from = l == whole.start().line() ? Math.max(0, whole.start().column() - 1) : 0;
            java.util.regex.Matcher m = word.matcher(line);
            m.region(from, line.length());
            m.useTransparentBounds(true);
            while (m.find()) {
                if (nth-- == 0) {
                    if (l == whole.start().line()) {
                        return whole;
                    }
                    return SourceRange.of(l, m.start() + 1, l, line.stripTrailing().length() + 1);
                }
            }
        }
        return whole;
    }

    /** The lines of {@code text} as {@code \r?\n} splits them, trailing empty lines kept (split with limit -1). */
    static String[] splitLines(String text) {
        List<String> out = new ArrayList<>();
        int from = 0;
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', from)) {
            int end = i > from && text.charAt(i - 1) == '\r' ? i - 1 : i;
            out.add(text.substring(from, end));
            from = i + 1;
        }
        out.add(text.substring(from));
        return out.toArray(new String[0]);
    }

    private static String signature(SimpleCommand c) {
        boolean plainArg = !c.args().isEmpty() && c.args().get(0).resolved()
                && PLAIN_WORD.matcher(c.args().get(0).value()).matches();
        return c.name().value() + (plainArg ? " " + c.args().get(0).value() : "");
    }

    /** The SHELL in force at the RUN ({@code ["/bin/sh","-c"]} unless a SHELL instruction changed it). */
    public List<String> shell(Run run) {
        return shells.getOrDefault(run, List.of("/bin/sh", "-c"));
    }

    /** A stage with its resolved instructions. */
    public record StageView(ResolvedStage resolved, boolean isFinal, List<Run> runs) {
        public StageView(ResolvedStage resolved, boolean isFinal) {
            // many rules ask for the RUNs: listed once
            this(resolved, isFinal, runsOf(resolved.stage()));
        }

        private static List<Run> runsOf(dev.lading.dockerfile.Stage stage) {
            List<Run> runs = new ArrayList<>();
            for (Instruction i : stage.instructions()) {
                if (i instanceof Run r) {
                    runs.add(r);
                }
            }
            return List.copyOf(runs);
        }

        public dev.lading.dockerfile.Stage stage() {
            return resolved.stage();
        }

        public List<ResolvedInstruction> instructions() {
            return resolved.instructions();
        }

        /** The stage's RUN instructions as parsed. */
        @Override
        public List<Run> runs() {
            return runs;
        }
    }
}
