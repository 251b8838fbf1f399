package dev.lading.build.sandbox;

import dev.lading.build.IdMapping;
import dev.lading.build.Sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A RUN through bubblewrap: {@code bwrap} pivots into the root with new pid, ipc, uts (and net for
 * {@link Network#NONE}, loopback up) namespaces, a fresh /proc, a minimal /dev, the host's resolv.conf and hosts
 * read-only (default network), the RUN's mounts, exactly the RUN's environment, and dies with lading
 * ({@code --die-with-parent}). bwrap always adds {@code PWD} (the workdir) to the environment; there is no
 * option to stop it.
 *
 * <p>Ids: as root there is no user namespace ({@link IdMode#IDENTITY}); bubblewrap then cannot change to another
 * uid (its {@code --uid} needs a user namespace, which would map the RUN's uid to host root and give wrong owners
 * on disk), so a RUN with a non-zero uid or gid fails with an IOException that names the unshare sandbox, which
 * can; the supplementary groups are lading's own. Rootless, bubblewrap cannot use newuidmap, so it is always
 * {@link IdMode#SINGLE}: the RUN's uid and gid are mapped to the own ones ({@code --uid U --gid G}), files it
 * creates are owned by the own uid (container 0 in the layer), and chown to other ids fails.
 *
 * <p>Overlay roots are mounted by util-linux {@code unshare --mount} in a private mount namespace before bwrap
 * starts (bubblewrap 0.8 has no {@code --overlay}), which needs root: rootless, use a directory root.
 */
public final class BubblewrapSandbox implements Sandbox {

    /** fd 3 carries bwrap's JSON status to a file, and an overlay root is mounted before bwrap starts. */
    private static final String WRAPPER_SCRIPT = """
            set -eu
            exec 3>"$1"
            if [ -n "$2" ]; then mount -t overlay -o "$2" overlay "$3"; fi
            shift 3
            exec "$@"
            """;
    private static final Pattern EXIT_CODE = Pattern.compile("\"exit-code\"\\s*:\\s*(-?\\d+)");

    private final HostIds host;
    private final Path tempDir;

    public BubblewrapSandbox(HostIds host, Path tempDir) {
        this.host = host;
        this.tempDir = tempDir;
    }

    @Override
    public String name() {
        return "bubblewrap";
    }

    IdMode mode() {
        return host.root() ? IdMode.IDENTITY : IdMode.SINGLE;
    }

    @Override
    public IdMapping idMapping() {
        return mode().mapping(host);
    }

    /** Whether {@link #run} can take an overlay root on this host. */
    public boolean supportsOverlay() {
        return host.root();
    }

    @Override
    public RunResult run(RunSpec spec) throws IOException {
        Path bwrap = Layout.requireTool("bwrap", "bubblewrap", name());
        if (host.root() && (spec.uid() != 0 || spec.gid() != 0)) {
            throw new IOException("the bubblewrap sandbox cannot run as uid " + spec.uid() + " gid " + spec.gid()
                    + " while lading runs as root (bwrap --uid needs a user namespace, which would make the files "
                    + "root-owned on disk): use LADING_SANDBOX=unshare");
        }
        if (spec.root() instanceof Root.Overlay && !supportsOverlay()) {
            throw new IOException("the bubblewrap sandbox mounts an overlay root only when lading runs as root: "
                    + "use a directory root (copy-diff snapshots) or LADING_SANDBOX=unshare");
        }
        Path unshare = spec.root() instanceof Root.Overlay ? Layout.requireTool("unshare", "util-linux", name()) : null;
        List<String[]> environment = Layout.environment(spec.env());
        Path view = switch (spec.root()) {
            case Root.Directory d -> d.dir();
            case Root.Overlay o -> o.lower();
        };
        Layout layout = Layout.of(spec, view);
        Path status = Files.createTempFile(tempDir, "lading-bwrap-", ".json");
        Path mountPoint = null;
        try (MountPoints points = switch (spec.root()) {
            case Root.Directory d -> MountPoints.inDirectory(d.dir(), layout.targets());
            case Root.Overlay o -> MountPoints.scaffold(o.lower(), layout.targets(), tempDir);
        }) {
            List<String> command = new ArrayList<>();
            String overlayOptions = "";
            Path root = view;
            if (spec.root() instanceof Root.Overlay o) {
                mountPoint = Files.createTempDirectory(tempDir, "lading-root-");
                root = mountPoint;
                overlayOptions = overlayOptions(o, points.scaffoldDir().orElseThrow());
                command.addAll(List.of(unshare.toString(), "--mount", "--propagation", "private", "--"));
            }
            command.addAll(List.of("/bin/sh", "-c", WRAPPER_SCRIPT, "lading-bwrap", status.toString(), overlayOptions,
                    mountPoint == null ? "" : mountPoint.toString()));
            command.addAll(bwrapArguments(bwrap, spec, environment, layout, root));

            SandboxProcess.Outcome out = SandboxProcess.run(command, UnshareSandbox.hostEnvironment(), spec.output());
            Matcher m = EXIT_CODE.matcher(Files.readString(status, StandardCharsets.UTF_8));
            if (!m.find()) {
                // bwrap writes exit-code only for a command it started: anything else is a setup failure.
                throw new IOException("bubblewrap did not start the sandbox (" + UnshareSandbox.lastLine(out.tail())
                        + "); run 'lading doctor' to see what this host supports");
            }
            return new RunResult(Integer.parseInt(m.group(1)), out.tail());
        } finally {
            Files.deleteIfExists(status);
            if (mountPoint != null) {
                Files.deleteIfExists(mountPoint);
            }
        }
    }

    private List<String> bwrapArguments(Path bwrap, RunSpec spec, List<String[]> environment, Layout layout, Path root) {
        List<String> c = new ArrayList<>(List.of(bwrap.toString(), "--die-with-parent", "--unshare-pid", "--unshare-ipc",
                "--unshare-uts", "--unshare-cgroup-try"));
        if (spec.network() == Network.NONE) {
            c.add("--unshare-net");
        }
        if (!host.root()) {
            c.addAll(List.of("--unshare-user", "--uid", Long.toString(spec.uid()), "--gid", Long.toString(spec.gid())));
            if (spec.uid() == 0) {
                // Root in the RUN may chown, chmod and bind inside its own namespace, as in Docker.
                c.addAll(List.of("--cap-add", "ALL"));
            }
        }
        c.addAll(List.of("--bind", root.toString(), "/", "--proc", "/proc", "--dev", "/dev"));
        for (String f : layout.hostEtcFiles()) {
            c.addAll(List.of("--ro-bind", f, f));
        }
        for (Mount m : spec.mounts()) {
            switch (m) {
                case Mount.Bind b -> c.addAll(List.of(b.readOnly() ? "--ro-bind" : "--bind", b.source().toString(), b.target()));
                case Mount.Tmpfs t -> {
                    c.addAll(List.of("--perms", "1777"));
                    if (t.sizeBytes() > 0) {
                        c.addAll(List.of("--size", Long.toString(t.sizeBytes())));
                    }
                    c.addAll(List.of("--tmpfs", t.target()));
                }
            }
        }
        c.addAll(List.of("--hostname", Layout.hostname(spec), "--chdir", spec.workdir(), "--clearenv"));
        for (String[] kv : environment) {
            c.addAll(List.of("--setenv", kv[0], kv[1]));
        }
        c.addAll(List.of("--json-status-fd", "3", "--"));
        c.addAll(spec.argv());
        return c;
    }

    private static String overlayOptions(Root.Overlay o, Path scaffold) throws IOException {
        for (Path p : List.of(o.lower(), o.upper(), o.work(), scaffold)) {
            String s = p.toString();
            if (s.contains(",") || s.contains(":") || s.contains("\\")) {
                throw new IOException("cannot mount an overlay on " + s + ": the path contains ',', ':' or '\\'");
            }
        }
        return "lowerdir=" + o.lower() + ":" + scaffold + ",upperdir=" + o.upper() + ",workdir=" + o.work();
    }

    @Override
    public String toString() {
        return "bubblewrap sandbox (" + mode() + ")";
    }
}
