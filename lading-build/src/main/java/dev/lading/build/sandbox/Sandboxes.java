package dev.lading.build.sandbox;

import dev.lading.build.snapshot.OverlaySnapshotter;
import dev.lading.build.Sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Finds which sandboxes work on this host by trying them (a namespaced {@code true}, an overlay mount), and picks
 * one. Probing starts a few processes, so {@link #probe()} caches its answer for the life of the process.
 *
 * <p>Default choice: the first of bubblewrap, unshare, crun, runc that gives the RUN real ids for every USER
 * (identity as root, a subordinate range rootless); failing that, the first that runs at all. As root that is
 * bubblewrap (it pivots into the root; unshare only chroots; the OCI runtimes pivot too, but start slower per RUN,
 * as measured); rootless with /etc/subuid it is unshare (bubblewrap cannot use newuidmap); rootless without it,
 * bubblewrap. crun and runc are used when {@value #ENV} names them, or when the others do not work.
 */
public final class Sandboxes {

    /** The environment variable (and option value) that names a sandbox: "bubblewrap", "unshare", "crun" or "runc". */
    public static final String ENV = "LADING_SANDBOX";
    public static final List<String> NAMES = List.of("bubblewrap", "unshare", "crun", "runc");
    private static final long TRIAL_SECONDS = 10;

    /** What one sandbox can do here. {@code problem} and {@code overlayProblem} say why not, with what to install. */
    public record Probe(String name, String debianPackages, boolean available, String version, String problem,
                        String notes, boolean overlay, String overlayProblem, IdMode idMode, String idMapping, boolean realIdsForEveryUser) {
    }

    /** User namespace settings of the kernel, as /proc/sys shows them. */
    public record UserNamespaces(long maxUserNamespaces, boolean unprivilegedAllowed, String detail) {
    }

    private static volatile Sandboxes cached;

    /** The OCI runtimes, probed only when asked about (doctor, {@value #ENV}, or nothing before them works). */
    private static final List<String> OCI_RUNTIMES = List.of("crun", "runc");

    private final HostIds host;
    private final Path tempDir;
    /** bubblewrap and unshare, probed at once. */
    private final List<Probe> probes;
    private final UserNamespaces userNamespaces;
    /** Guarded by itself. */
    private final Map<String, Probe> ociProbes = new java.util.HashMap<>();

    private Sandboxes(HostIds host, Path tempDir, List<Probe> probes, UserNamespaces userNamespaces) {
        this.host = host;
        this.tempDir = tempDir;
        this.probes = List.copyOf(probes);
        this.userNamespaces = userNamespaces;
    }

    /** This host, probed once per process (the per-process cache is the only static state here). */
    public static Sandboxes probe() {
        Sandboxes s = cached;
        if (s == null) {
            synchronized (Sandboxes.class) {
                s = cached;
                if (s == null) {
                    s = probe(HostIds.current(), Path.of(System.getProperty("java.io.tmpdir")));
                    cached = s;
                }
            }
        }
        return s;
    }

    /**
     * Probes now, uncached; sandboxes made from the result put their temporary files in {@code tempDir}. The OCI
     * runtimes are probed when first asked about: a build whose RUNs go to bubblewrap does not pay for trying
     * two container runtimes.
     */
    public static Sandboxes probe(HostIds host, Path tempDir) {
        return new Sandboxes(host, tempDir, List.of(probeBubblewrap(host, tempDir), probeUnshare(host, tempDir)),
                readUserNamespaces());
    }

    /** The preference from {@value #ENV}, if set and not blank. */
    public static Optional<String> preference(Map<String, String> env) {
        return Optional.ofNullable(env.get(ENV)).map(String::strip).filter(s -> !s.isEmpty());
    }

    public HostIds host() {
        return host;
    }

    /** Every sandbox, in the order of {@link #NAMES}. */
    public List<Probe> probes() {
        List<Probe> all = new ArrayList<>(probes);
        OCI_RUNTIMES.forEach(r -> all.add(ociProbe(r)));
        return all;
    }

    /** Whether the OCI runtimes have been tried yet (for tests). */
    boolean runtimesProbed() {
        synchronized (ociProbes) {
            return !ociProbes.isEmpty();
        }
    }

    private Probe ociProbe(String runtime) {
        synchronized (ociProbes) {
            return ociProbes.computeIfAbsent(runtime, r -> probeOciRuntime(r, host, tempDir));
        }
    }

    public UserNamespaces userNamespaces() {
        return userNamespaces;
    }

    public Optional<Probe> probe(String name) {
        if (OCI_RUNTIMES.contains(name)) {
            return Optional.of(ociProbe(name));
        }
        return probes.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /**
     * The probe of the sandbox {@link #choose} would pick, or empty when none works.
     *
     * @throws IllegalArgumentException for a preference that names no sandbox
     */
    public Optional<Probe> chosen(Optional<String> preferred) {
        if (preferred.isPresent()) {
            String name = preferred.get().toLowerCase(Locale.ROOT);
            Probe p = probe(name).orElseThrow(() -> new IllegalArgumentException(
                    ENV + " must be one of " + String.join(", ", NAMES) + ", not '" + preferred.get() + "'"));
            return p.available() ? Optional.of(p) : Optional.empty();
        }
        // bubblewrap and unshare come first in NAMES: when one of them gives real ids, no runtime need be tried
        Optional<Probe> first = probes.stream().filter(p -> p.available() && p.realIdsForEveryUser()).findFirst();
        if (first.isPresent()) {
            return first;
        }
        List<Probe> all = probes();
        return all.stream().filter(p -> p.available() && p.realIdsForEveryUser()).findFirst()
                .or(() -> all.stream().filter(Probe::available).findFirst());
    }

    /**
     * The sandbox to run RUN instructions in.
     *
     * @param preferred a sandbox name ("bubblewrap", "unshare", "crun", "runc"), usually {@link #preference} of the environment
     * @throws IOException naming what is missing and the Debian package to install when no (or not the preferred)
     *                     sandbox works
     */
    public Sandbox choose(Optional<String> preferred) throws IOException {
        Optional<Probe> p = chosen(preferred);
        if (p.isPresent()) {
            return create(p.get());
        }
        if (preferred.isPresent()) {
            Probe wanted = probe(preferred.get().toLowerCase(Locale.ROOT)).orElseThrow();
            throw new IOException("the " + wanted.name() + " sandbox (" + ENV + "=" + preferred.get() + ") does not work here: "
                    + wanted.problem());
        }
        StringBuilder why = new StringBuilder("no sandbox for RUN works on this host:");
        for (Probe probe : probes()) {
            why.append(' ').append(probe.name()).append(": ").append(probe.problem()).append(';');
        }
        why.append(" run 'lading doctor' for details");
        throw new IOException(why.toString());
    }

    private Sandbox create(Probe p) {
        return switch (p.name()) {
            case "bubblewrap" -> new BubblewrapSandbox(host, tempDir);
            case "unshare" -> new UnshareSandbox(host, p.idMode(), tempDir);
            case "crun", "runc" -> new OciRuntimeSandbox(p.name(), host, p.idMode(), tempDir);
            default -> throw new IllegalStateException(p.name());
        };
    }

    static Probe probeBubblewrap(HostIds host, Path tempDir) {
        // as root, overlay roots and non-root USERs also go through util-linux (unshare, setpriv)
        String pkg = host.root() ? "bubblewrap, util-linux" : "bubblewrap";
        Optional<Path> bwrap = Layout.tool("bwrap");
        IdMode mode = host.root() ? IdMode.IDENTITY : IdMode.SINGLE;
        // As root a non-root RUN goes through setpriv and unshare (util-linux); rootless bwrap maps one id only.
        boolean everyUser = host.root() && Layout.tool("setpriv").isPresent() && Layout.tool("unshare").isPresent();
        if (bwrap.isEmpty()) {
            return new Probe("bubblewrap", pkg, false, "", "bwrap is not installed: apt-get install bubblewrap", "",
                    false, "bubblewrap is not installed", mode, mode.describe(host), everyUser);
        }
        String version = firstLine(trial(List.of(bwrap.get().toString(), "--version")).output());
        List<String> cmd = new ArrayList<>(List.of(bwrap.get().toString(), "--die-with-parent", "--unshare-pid",
                "--unshare-ipc", "--unshare-uts", "--unshare-net"));
        if (!host.root()) {
            cmd.add("--unshare-user");
        }
        cmd.addAll(List.of("--ro-bind", "/", "/", "--proc", "/proc", "--dev", "/dev", "/bin/true"));
        Trial t = trial(cmd);
        if (t.exitCode() != 0) {
            return new Probe("bubblewrap", pkg, false, version, "bwrap cannot create namespaces here ("
                    + firstLine(t.output()) + ")" + userNamespaceHint(host), "", false, "bubblewrap does not work",
                    mode, mode.describe(host), everyUser);
        }
        String overlayProblem = "";
        boolean overlay = false;
        if (!host.root()) {
            overlayProblem = "lading mounts the overlay for bubblewrap (0.8 has no --overlay) only as root; "
                    + "rootless builds with bubblewrap use copy-diff snapshots";
        } else {
            Optional<String> problem = tryOverlay(host, tempDir, List.of("--mount", "--propagation", "private"));
            overlay = problem.isEmpty();
            overlayProblem = problem.orElse("");
        }
        String notes = host.root()
                ? (everyUser ? "a RUN as a non-root USER sees its supplementary groups other than its gid as 65534"
                : "a RUN as a non-root USER needs setpriv and unshare: apt-get install util-linux")
                : "rootless it maps one id: a RUN as another USER creates files owned by root in the layer";
        return new Probe("bubblewrap", pkg, true, version, "", notes, overlay, overlayProblem,
                mode, mode.describe(host), everyUser);
    }

    static Probe probeUnshare(HostIds host, Path tempDir) {
        String pkg = "util-linux" + (host.root() ? "" : ", uidmap");
        List<String> missing = new ArrayList<>();
        // rootless, only hostname(1) may set the hostname (sethostname(2)); /proc/sys is the host root's
        for (String tool : host.root() ? List.of("unshare", "setpriv", "env") : List.of("unshare", "setpriv", "env", "hostname")) {
            if (Layout.tool(tool).isEmpty()) {
                missing.add(tool);
            }
        }
        IdMode mode = IdMode.forHost(host, Layout.tool("newuidmap").isPresent() && Layout.tool("newgidmap").isPresent());
        if (!missing.isEmpty()) {
            return new Probe("unshare", pkg, false, "", String.join(", ", missing) + " not installed: apt-get install "
                    + (missing.contains("env") ? "coreutils " : "") + (missing.contains("hostname") ? "hostname " : "")
                    + "util-linux", "", false,
                    "unshare is not installed", mode, mode.describe(host), false);
        }
        String version = firstLine(trial(List.of(Layout.tool("unshare").orElseThrow().toString(), "--version")).output());
        String note = Layout.tool("ip").isEmpty() ? "RUN --network=none needs 'ip' to bring loopback up: apt-get install iproute2" : "";
        Trial t = trial(unshareCommand(host, mode, "mount -t proc proc /proc"));
        if (t.exitCode() != 0 && mode == IdMode.SUBORDINATE) {
            note = join(note, "the subordinate id mapping failed (" + firstLine(t.output()) + "), so only one id is mapped");
            mode = IdMode.SINGLE;
            t = trial(unshareCommand(host, mode, "mount -t proc proc /proc"));
        }
        if (t.exitCode() != 0) {
            return new Probe("unshare", pkg, false, version, "unshare cannot create namespaces here ("
                    + firstLine(t.output()) + ")" + userNamespaceHint(host), note, false, "unshare does not work",
                    mode, mode.describe(host), false);
        }
        List<String> nsArgs = new ArrayList<>(List.of("--mount", "--propagation", "private"));
        nsArgs.addAll(UnshareSandbox.userNamespace(host, mode));
        Optional<String> overlayProblem = tryOverlay(host, tempDir, nsArgs);
        note = join(note, "enters the root with chroot(2), not pivot_root(2)");
        return new Probe("unshare", pkg, true, version, "", note, overlayProblem.isEmpty(), overlayProblem.orElse(""),
                mode, mode.describe(host), mode != IdMode.SINGLE);
    }

    /**
     * An OCI runtime: installed, util-linux there to start it, and a container running /bin/true on a small
     * read-only root with the host's /usr, /bin and /lib bound in, through the same command line a RUN uses (so the rootless user namespace, the pid
     * namespace and, where needed, the hybrid cgroup workaround are all tried).
     */
    static Probe probeOciRuntime(String runtime, HostIds host, Path tempDir) {
        String pkg = runtime + ", util-linux" + (host.root() ? "" : ", uidmap");
        IdMode mode = IdMode.forHost(host, Layout.tool("newuidmap").isPresent() && Layout.tool("newgidmap").isPresent());
        List<String> missing = new ArrayList<>();
        for (String tool : List.of(runtime, "unshare", "setpriv")) {
            if (Layout.tool(tool).isEmpty()) {
                missing.add(tool);
            }
        }
        if (!missing.isEmpty()) {
            return new Probe(runtime, pkg, false, "", String.join(", ", missing) + " not installed: apt-get install "
                    + (missing.contains(runtime) ? runtime + " " : "") + "util-linux", "", false,
                    runtime + " is not installed", mode, mode.describe(host), false);
        }
        String version = firstLine(trial(List.of(Layout.tool(runtime).orElseThrow().toString(), "--version")).output());
        String note = "";
        Trial t = ociTrial(runtime, host, mode, tempDir);
        if (t.exitCode() != 0 && mode == IdMode.SUBORDINATE) {
            note = "the subordinate id mapping failed (" + firstLine(t.output()) + "), so only one id is mapped";
            mode = IdMode.SINGLE;
            t = ociTrial(runtime, host, mode, tempDir);
        }
        if (t.exitCode() != 0) {
            return new Probe(runtime, pkg, false, version, runtime + " cannot run a container here (" + firstLine(t.output())
                    + ")" + userNamespaceHint(host), note, false, runtime + " does not work", mode, mode.describe(host), false);
        }
        if (new OciRuntimeSandbox(runtime, host, mode, tempDir).masksUnifiedCgroup()) {
            note = join(note, "cgroup v1/v2 hybrid host: " + runtime + " runs with an empty tmpfs over "
                    + CgroupMounts.UNIFIED + " in a private mount namespace");
        }
        note = join(note, runtime.equals("crun") ? "no cgroup limits (--cgroup-manager=disabled)"
                : host.root() ? "no cgroup limits (an empty cgroup per RUN, removed after it)" : "no cgroup limits");
        List<String> nsArgs = new ArrayList<>(List.of("--mount", "--propagation", "private"));
        nsArgs.addAll(UnshareSandbox.userNamespace(host, mode));
        Optional<String> overlayProblem = tryOverlay(host, tempDir, nsArgs);
        if (runtime.equals("runc") && mode == IdMode.SINGLE) {
            note = join(note, "runc needs the container's root mapped, so with one id a RUN as another USER fails");
        }
        return new Probe(runtime, pkg, true, version, "", note, overlayProblem.isEmpty(), overlayProblem.orElse(""),
                mode, mode.describe(host), mode != IdMode.SINGLE);
    }

    private static Trial ociTrial(String runtime, HostIds host, IdMode mode, Path tempDir) {
        Path work = null;
        OciRuntimeSandbox sandbox = new OciRuntimeSandbox(runtime, host, mode, tempDir);
        try {
            work = Files.createTempDirectory(tempDir, "lading-oci-probe-");
            return trial(sandbox.probeCommand(work));
        } catch (IOException e) {
            return new Trial(-1, "cannot try " + runtime + ": " + e.getMessage());
        } finally {
            if (work != null) {
                sandbox.afterProbe(work);
                try {
                    MountPoints.deleteTree(work);
                } catch (IOException e) {
                    // a probe directory left in the temp dir is harmless
                }
            }
        }
    }

    private static List<String> unshareCommand(HostIds host, IdMode mode, String script) {
        List<String> cmd = new ArrayList<>(List.of(Layout.tool("unshare").orElseThrow().toString(), "--mount",
                "--propagation", "private", "--pid", "--fork", "--kill-child", "--ipc", "--uts", "--net"));
        cmd.addAll(UnshareSandbox.userNamespace(host, mode));
        cmd.addAll(List.of("--", "/bin/sh", "-c", script));
        return cmd;
    }

    /** Mounts a throwaway overlay in new namespaces; empty when it worked, else why not. */
    private static Optional<String> tryOverlay(HostIds host, Path tempDir, List<String> unshareArgs) {
        Optional<Path> unshare = Layout.tool("unshare");
        if (unshare.isEmpty()) {
            return Optional.of("mounting the overlay needs unshare: apt-get install util-linux");
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory(tempDir, "lading-overlay-probe-");
            for (String d : List.of("lower", "upper", "work", "merged")) {
                Files.createDirectory(dir.resolve(d));
            }
            String options = "lowerdir=" + dir.resolve("lower") + ",upperdir=" + dir.resolve("upper") + ",workdir="
                    + dir.resolve("work") + "," + OverlaySnapshotter.MOUNT_OPTIONS;
            List<String> cmd = new ArrayList<>(List.of(unshare.get().toString()));
            cmd.addAll(unshareArgs);
            cmd.addAll(List.of("--", "/bin/sh", "-c", "mount -t overlay -o \"$1\" overlay \"$2\" && touch \"$2/x\"",
                    "probe", options, dir.resolve("merged").toString()));
            Trial t = trial(cmd);
            if (t.exitCode() != 0) {
                return Optional.of("mounting an overlay failed (" + firstLine(t.output()) + ")"
                        + (host.root() ? "" : "; rootless overlay needs a kernel >= 5.11 (userxattr)")
                        + "; builds use copy-diff snapshots");
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("cannot try an overlay mount: " + e.getMessage());
        } finally {
            if (dir != null) {
                try {
                    MountPoints.deleteTree(dir);
                } catch (IOException e) {
                    // a probe directory left in the temp dir is harmless
                }
            }
        }
    }

    /** The kernel's user namespace settings, read now. */
    public static UserNamespaces readUserNamespaces() {
        long max = readLong("/proc/sys/user/max_user_namespaces").orElse(-1L);
        List<String> notes = new ArrayList<>();
        boolean allowed = max != 0;
        // Debian's switch (older kernels) and Ubuntu's AppArmor restriction (24.04+).
        Optional<Long> debian = readLong("/proc/sys/kernel/unprivileged_userns_clone");
        if (debian.isPresent() && debian.get() == 0) {
            allowed = false;
            notes.add("kernel.unprivileged_userns_clone=0");
        }
        Optional<Long> apparmor = readLong("/proc/sys/kernel/apparmor_restrict_unprivileged_userns");
        if (apparmor.isPresent() && apparmor.get() == 1) {
            notes.add("AppArmor restricts unprivileged user namespaces (kernel.apparmor_restrict_unprivileged_userns=1)");
        }
        if (max == 0) {
            notes.add("user.max_user_namespaces=0");
        }
        return new UserNamespaces(max, allowed, String.join("; ", notes));
    }

    private static String userNamespaceHint(HostIds host) {
        if (host.root()) {
            return "";
        }
        UserNamespaces u = readUserNamespaces();
        return u.unprivilegedAllowed() && u.detail().isEmpty() ? ""
                : "; unprivileged user namespaces are restricted here (" + u.detail() + ")";
    }

    private static Optional<Long> readLong(String file) {
        try {
            // Not Files.readString: procfs reports size 0 and readString came back with a truncated "9" for
            // "96367" on JDK 25; a line reader reads to the end.
            List<String> lines = Files.readAllLines(Path.of(file));
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    record Trial(int exitCode, String output) {
    }

    /** Runs a probe command with a time limit; a command that cannot start or hangs is a failed trial. */
    static Trial trial(List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(UnshareSandbox.hostEnvironment());
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        try {
            Process p = pb.start();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> {
                try (InputStream in = p.getInputStream()) {
                    return new String(in.readNBytes(16 * 1024), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    return e.getMessage();
                }
            });
            if (!p.waitFor(TRIAL_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Trial(-1, command.get(0) + " did not finish within " + TRIAL_SECONDS + "s");
            }
            return new Trial(p.exitValue(), out.get(TRIAL_SECONDS, TimeUnit.SECONDS));
        } catch (IOException e) {
            return new Trial(-1, "cannot start " + command.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Trial(-1, "interrupted");
        } catch (Exception e) {
            return new Trial(-1, e.toString());
        }
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return t.isEmpty() ? "no output" : nl < 0 ? t : t.substring(0, nl);
    }

    private static String join(String a, String b) {
        return a.isEmpty() ? b : a + "; " + b;
    }
}
