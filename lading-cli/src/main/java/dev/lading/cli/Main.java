package dev.lading.cli;

import dev.lading.oci.OciException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code lading} command. */
@Command(name = "lading",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {"Lint, build, inspect, scan, sign and push container images: daemonless and rootless.",
                ""},
        footer = {"",
                "Image references:",
                "  docker://HOST/REPO:TAG          an image in a registry",
                "  REPO:TAG                        the store if it has it, else the registry",
                "  store:REPO:TAG                  the local store ($LADING_HOME/store)",
                "  oci:DIR[:NAME]                  an OCI image layout directory",
                "  oci-archive:FILE[:NAME]         a tar of an OCI image layout",
                "  docker-archive:FILE[:REPO:TAG]  a docker save / docker load tarball",
                "Exit codes: 0 success, 1 findings at or above the threshold,",
                "2 usage error, 3 runtime failure. 'lading COMMAND --help' has examples."})
public final class Main implements Runnable {

    /**
     * Every command by name, in the order help lists them. Only the command being run is turned into a picocli spec:
     * building all of them (annotation reflection, proxies, a class file version the JVM's class cache cannot
     * keep) was a good part of every start. The names are written out rather than read from each class's
     * {@code @Command}, so a start parses the annotations of the command it runs only (MainTest checks they agree).
     */
    static final Map<String, Class<?>> COMMANDS = commands(
            "lint", LintCommand.class, "build", BuildCommand.class, "inspect", InspectCommand.class,
            "sbom", SbomCommand.class, "scan", ScanCommand.class, "db", DbCommand.class, "copy", CopyCommand.class,
            "tag", TagCommand.class, "import", ImportCommand.class, "unpack", UnpackCommand.class,
            "images", ImagesCommand.class, "gc", GcCommand.class, "login", LoginCommand.class,
            "logout", LogoutCommand.class, "dockerfile", DockerfileCommand.class, "__warmup", WarmupCommand.class,
            "doctor", DoctorCommand.class, "help", CommandLine.HelpCommand.class);

    private static Map<String, Class<?>> commands(Object... nameThenClass) {
        Map<String, Class<?>> out = new LinkedHashMap<>();
        for (int i = 0; i < nameThenClass.length; i += 2) {
            out.put((String) nameThenClass[i], (Class<?>) nameThenClass[i + 1]);
        }
        return Collections.unmodifiableMap(out);
    }

    public static void main(String[] args) {
        // The JDK's HTTP client reads responses in 16 KiB buffers by default, each handed from its selector thread
        // to the reading thread; 256 KiB buffers move a layer download in a sixteenth of the hand-offs. Only for the
        // lading process (set before any HTTP class loads), and only when the user has not chosen a size.
        if (System.getProperty("jdk.httpclient.bufsize") == null) {
            System.setProperty("jdk.httpclient.bufsize", Integer.toString(256 * 1024));
        }
        // lading has no Groovy: without this, picocli looks for groovy.lang.Closure, and a class that is not there
        // is looked for in every jar of the class path, each opened for it
        if (System.getProperty("picocli.disable.closures") == null) {
            System.setProperty("picocli.disable.closures", "true");
        }
        boolean lint = args.length > 0 && args[0].equals("lint");
        // lint's group ends by halting (see below); its warm-up must not load the exit logger into lint's class cache
        boolean lintGroup = lint || args.length > 0 && args[0].equals("dockerfile")
                || args.length > 1 && args[0].equals("__warmup") && args[1].startsWith("lint");
        if (!lintGroup) {
            prepareExit();
        }
        if (args.length > 0 && HASHING_COMMANDS.contains(args[0])) {
            warmUpDigest();
        }
        int code = lint ? lint(args) : run(args);
        if (lintGroup && !flightRecording()) {
            // lint and dockerfile register no shutdown hooks and leave nothing open but standard output: halting
            // skips System.exit's lookup of a logger for "java.lang.Runtime", which loads java.util.logging and
            // searches every jar for a logging back end (~35 ms of CPU, measured). The JVM still writes a class
            // cache it was asked to record (the lint groups' warm-ups) when it halts.
            System.out.flush();
            System.err.flush();
            Runtime.getRuntime().halt(code);
        }
        System.exit(code);
    }

    /**
     * Whether this JVM was started with a flight recording (on its command line or in JAVA_TOOL_OPTIONS /
     * JDK_JAVA_OPTIONS): JFR writes it from a shutdown hook, which halting would skip.
     */
    static boolean flightRecording() {
        for (String v : new String[]{System.getenv("JAVA_TOOL_OPTIONS"), System.getenv("JDK_JAVA_OPTIONS")}) {
            if (v != null && v.contains("FlightRecord")) {
                return true;
            }
        }
        String[] jvmArgs = ProcessHandle.current().info().arguments().orElse(new String[0]);
        for (String a : jvmArgs) {
            if (a.contains("FlightRecord")) {
                return true;
            }
            if (a.equals("-jar") || a.equals(Main.class.getName())) {
                break; // the JVM's options end here; what follows is lading's own command line
            }
        }
        return false;
    }

    /**
     * System.exit asks for the logger "java.lang.Runtime" (to log the exit when asked to), and the first logger
     * of a process looks for a logging back end with a service lookup that opens every jar of the class path: ~20
     * ms at the end of every command, measured. Done on a spare core while the command runs, it is ready by then.
     */
    private static void prepareExit() {
        Thread t = new Thread(() -> System.getLogger("java.lang.Runtime"), "lading-exit-logger");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Commands whose time goes into SHA-256 over layers from their first moments: worth having the JIT's fast
     * SHA-256 ready early. Not build: it hashes nothing before its first COPY, by when the JIT has caught up by
     * itself, and a rebuild that hashes nothing paid for the warm-up on its busiest core (no-op rebuild, 16
     * interleaved runs: 0.50 -> 0.48 s; one file changed unchanged).
     */
    private static final java.util.Set<String> HASHING_COMMANDS = java.util.Set.of("copy", "scan", "sbom", "import", "unpack", "tag");

    /** SHA-256 made ready on a spare core while the command line is still being parsed: see {@link dev.lading.oci.Digest#prepareSha256}. */
    private static void warmUpDigest() {
        Thread t = new Thread(dev.lading.oci.Digest::prepareSha256, "lading-digest-warmup");
        t.setDaemon(true);
        t.start();
    }

    /** The top-level command with every subcommand: for help, usage and suggestions. */
    static CommandLine full() {
        CommandLine cl = new CommandLine(new Main());
        COMMANDS.forEach(cl::addSubcommand);
        return cl;
    }

    public static int run(String... args) {
        String word = null;
        for (String a : args) {
            if (!a.startsWith("-")) {
                word = a;
                break;
            }
        }
        CommandLine cl;
        if (word != null && COMMANDS.containsKey(word) && !word.equals("help")) {
            cl = new CommandLine(new Main());
            cl.addSubcommand(word, COMMANDS.get(word));
        } else if (word == null && args.length == 1 && (args[0].equals("-V") || args[0].equals("--version"))) {
            cl = new CommandLine(new Main());
        } else {
            cl = full();
        }
        cl.setOut(Stdout.install());
        cl.setExecutionExceptionHandler(Main::handle);
        cl.setParameterExceptionHandler((ex, a) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("lading: " + ex.getMessage());
            err.println("Run '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            return CliException.USAGE;
        });
        return cl.execute(args);
    }

    /**
     * {@code lading lint ...}: its directory walk started at once on a spare core, and a common command line run
     * without picocli ({@link LintCommand#quick}); the warm-up runs lint the same way.
     */
    static int lint(String... args) {
        List<String> rest = java.util.Arrays.asList(args).subList(1, args.length);
        WalkAhead.start(rest);
        Optional<LintCommand> quick = LintCommand.quick(rest);
        return quick.isPresent() ? quick.get().runQuickly() : run(args);
    }

    private static int handle(Exception ex, CommandLine cl, CommandLine.ParseResult parseResult) {
        return failure(ex, cl.getCommandName(), cl.getErr());
    }

    /** Turns failures into one clear line on stderr and the exit code DESIGN.md promises; stack traces only with LADING_DEBUG. */
    static int failure(Exception ex, String command, PrintWriter err) {
        int code;
        String message;
        if (ex instanceof CliException c) {
            code = c.exitCode();
            message = c.getMessage();
        } else if (ex instanceof OciException) {
            code = CliException.RUNTIME;
            message = ex.getMessage();
        } else if (ex instanceof NoSuchFileException n) {
            code = CliException.RUNTIME;
            message = n.getReason() != null ? n.getFile() + ": " + n.getReason() : "no such file: " + n.getFile();
        } else if (ex instanceof AccessDeniedException a) {
            code = CliException.RUNTIME;
            message = "permission denied: " + a.getFile();
        } else if (ex instanceof IOException) {
            code = CliException.RUNTIME;
            message = ex.getMessage() != null ? ex.getMessage() : ex.toString();
        } else if (ex instanceof IllegalArgumentException) {
            code = CliException.USAGE;
            message = ex.getMessage();
        } else {
            code = CliException.RUNTIME;
            message = "internal error: " + ex;
        }
        err.println("lading " + command + ": " + message);
        if (System.getenv("LADING_DEBUG") != null) {
            ex.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    @Override
    public void run() {
        full().usage(System.out);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[]{"lading " + (v == null ? "dev" : v)};
        }
    }
}
