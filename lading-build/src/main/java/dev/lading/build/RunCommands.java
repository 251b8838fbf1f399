package dev.lading.build;

import dev.lading.dockerfile.CommandForm;
import dev.lading.dockerfile.Heredoc;
import dev.lading.dockerfile.Run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The parts of RUN that are pure functions of the instruction and the stage: argv, env, history text, user. */
final class RunCommands {

    /** Where BuildKit mounts a here-document that starts with "#!" so it runs as its own script. */
    static final String HEREDOC_SCRIPT_DIR = "/dev/pipes/";

    private RunCommands() {
    }

    /** A here-document to be mounted as an executable file, and the argv that runs it. */
    record Script(String name, byte[] content) {
    }

    /** What a RUN executes: its argv (SHELL applied to the shell form) and, for a "#!" heredoc, the script file. */
    record Command(List<String> argv, Optional<Script> script) {
    }

    /**
     * BuildKit's RUN: exec form as written; shell form wrapped in SHELL. A shell-form RUN that is one heredoc
     * runs the heredoc's body as the script (or, starting with "#!", as an executable file mounted at
     * /dev/pipes/NAME); any other heredoc use is handed to the shell whole: the command line, then each body
     * followed by its delimiter.
     */
    static Command command(Run run, List<String> shell) {
        return switch (run.command()) {
            case CommandForm.ExecForm exec -> {
                if (!run.heredocs().isEmpty()) {
                    throw new BuildException("a RUN with a here-document must use the shell form");
                }
                if (exec.args().isEmpty()) {
                    throw new BuildException("RUN has an empty command");
                }
                yield new Command(List.copyOf(exec.args()), Optional.empty());
            }
            case CommandForm.ShellForm sh -> {
                String line = sh.command();
                Optional<Script> script = Optional.empty();
                if (!run.heredocs().isEmpty()) {
                    List<Heredoc> docs = run.heredocs();
                    if (docs.size() == 1 && line.strip().equals(docs.get(0).word())) {
                        Heredoc doc = docs.get(0);
                        String body = doc.content();
                        if (body.startsWith("#!")) {
                            script = Optional.of(new Script(doc.name(), body.getBytes(StandardCharsets.UTF_8)));
                            line = HEREDOC_SCRIPT_DIR + doc.name();
                        } else {
                            line = body;
                        }
                    } else {
                        StringBuilder full = new StringBuilder(line);
                        for (Heredoc doc : docs) {
                            full.append('\n').append(doc.rawContent()).append(doc.name());
                        }
                        line = full.toString();
                    }
                }
                if (line.isBlank()) {
                    throw new BuildException("RUN has an empty command");
                }
                List<String> argv = new ArrayList<>(shell);
                argv.add(line);
                yield new Command(argv, script);
            }
        };
    }

    /**
     * The environment of a RUN: the stage's ENV, then its ARGs that ENV does not set (ARG values reach RUN
     * as environment variables; ENV of the same name wins).
     */
    static List<String> environment(List<String> configEnv, Map<String, String> args) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String e : configEnv == null ? List.<String>of() : configEnv) {
            int eq = e.indexOf('=');
            env.put(eq < 0 ? e : e.substring(0, eq), eq < 0 ? "" : e.substring(eq + 1));
        }
        args.forEach(env::putIfAbsent);
        List<String> out = new ArrayList<>();
        env.forEach((k, v) -> out.add(k + "=" + v));
        return out;
    }

    /**
     * The history text BuildKit records: "RUN |N K=V ... argv" when the stage has ARGs (their values as RUN
     * saw them), else "RUN argv".
     */
    static String createdBy(List<String> argv, Map<String, String> args, List<String> env) {
        Map<String, String> envMap = new LinkedHashMap<>();
        for (String e : env) {
            int eq = e.indexOf('=');
            envMap.put(eq < 0 ? e : e.substring(0, eq), eq < 0 ? "" : e.substring(eq + 1));
        }
        List<String> parts = new ArrayList<>();
        if (!args.isEmpty()) {
            parts.add("|" + args.size());
            args.forEach((k, v) -> parts.add(k + "=" + envMap.getOrDefault(k, v)));
        }
        parts.addAll(argv);
        return "RUN " + String.join(" ", parts);
    }

    /** The ids a RUN runs with, and the home directory for HOME when ENV does not set it. */
    record ExecUser(long uid, long gid, List<Long> groups, String home) {
        ExecUser {
            groups = List.copyOf(groups);
        }
    }

    /**
     * Resolves USER as runc does for a container: "" is root; a name or number, optionally ":group", through
     * the root filesystem's /etc/passwd and /etc/group. A numeric user missing from /etc/passwd runs with
     * gid 0; supplementary groups are the /etc/group entries that list the user by name.
     */
    static ExecUser user(String user, Path rootfs) throws IOException {
        String spec = user == null || user.isEmpty() ? "0" : user;
        String[] parts = spec.split(":", 2);
        List<String[]> passwd = table(rootfs, "etc/passwd");
        List<String[]> group = table(rootfs, "etc/group");
        String[] entry = null;
        for (String[] f : passwd) {
            if (f.length >= 4 && (f[0].equals(parts[0]) || (isId(parts[0]) && f[2].equals(parts[0])))) {
                entry = f;
                break;
            }
        }
        long uid;
        if (isId(parts[0])) {
            uid = Long.parseLong(parts[0]);
        } else if (entry != null && isId(entry[2])) {
            uid = Long.parseLong(entry[2]);
        } else {
            throw new BuildException("unable to find user " + parts[0] + ": no matching entries in passwd file");
        }
        long gid = entry != null && isId(entry[3]) ? Long.parseLong(entry[3]) : 0;
        if (parts.length == 2) {
            if (isId(parts[1])) {
                gid = Long.parseLong(parts[1]);
            } else {
                gid = group.stream().filter(f -> f.length >= 3 && f[0].equals(parts[1]) && isId(f[2]))
                        .map(f -> Long.parseLong(f[2])).findFirst()
                        .orElseThrow(() -> new BuildException("unable to find group " + parts[1] + ": no matching entries in group file"));
            }
        }
        List<Long> groups = new ArrayList<>();
        if (entry != null && parts.length == 1) {
            String name = entry[0];
            for (String[] f : group) {
                if (f.length >= 4 && isId(f[2]) && List.of(f[3].split(",")).contains(name)) {
                    long g = Long.parseLong(f[2]);
                    if (g != gid && !groups.contains(g)) {
                        groups.add(g);
                    }
                }
            }
        }
        String home = entry != null && entry.length >= 6 && !entry[5].isEmpty() ? entry[5] : "/";
        return new ExecUser(uid, gid, groups, home);
    }

    private static boolean isId(String s) {
        return s.matches("[0-9]{1,10}") && Long.parseLong(s) <= 0xFFFFFFFEL;
    }

    /** A colon-separated file of the root filesystem; absent (or a symlink, which could point outside) is empty. */
    private static List<String[]> table(Path rootfs, String file) throws IOException {
        Path p = rootfs.resolve(file);
        if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(rootfs.resolve("etc"))) {
            return List.of();
        }
        List<String[]> rows = new ArrayList<>();
        for (String line : new String(Files.readAllBytes(p), StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                rows.add(line.split(":", -1));
            }
        }
        return rows;
    }
}
