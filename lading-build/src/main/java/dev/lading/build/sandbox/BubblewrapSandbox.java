package dev.lading.build.sandbox;

import dev.lading.build.snapshot.OverlaySnapshotter;
import dev.lading.build.IdMapping;
import dev.lading.build.Sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A RUN through bubblewrap: {@code bwrap} pivots into the root with new pid, ipc, uts (and net for
 * {@link Network#NONE}, loopback up) namespaces, a fresh /proc, a minimal /dev, the host's resolv.conf and hosts
 * read-only (default network), the RUN's mounts, exactly the RUN's environment, and dies with lading
 * ({@code --die-with-parent}). bwrap always adds {@code PWD} (the workdir) to the environment, and always sets
 * no_new_privs, so setuid programs (su, sudo) gain nothing in a RUN; there is no option to stop either.
 *
 * <p>Ids: as root ({@link IdMode#IDENTITY}) a root RUN gets no user namespace and Docker's default capabilities
 * (without CAP_MKNOD: there is no device cgroup here); a RUN as another uid is started through
 * {@code setpriv --reuid U --regid G --groups ...} and bwrap maps that uid and gid to themselves in a user namespace,
 * so files it creates have exactly those owners on disk. Its root and mounts are mounted beforehand by a root
 * shell in a private mount namespace and handed to bwrap as an open directory ({@code --bind-fd}), because the
 * user may not be able to reach lading's directories. Limit: inside, the supplementary groups other than the gid
 * show as 65534 (only the gid is mapped), though the kernel still checks access with the real ones.
 * Rootless, bubblewrap cannot use newuidmap, so it is always {@link IdMode#SINGLE}: the RUN's uid and gid are
 * mapped to the own ones ({@code --uid U --gid G}), files it creates are owned by the own uid (container 0 in the
 * layer), and chown to other ids fails.
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
    /** Docker's default capabilities for a root RUN, without MKNOD (no device cgroup guards the devices here). */
    static final List<String> ROOT_CAPABILITIES = List.of("CAP_AUDIT_WRITE", "CAP_CHOWN", "CAP_DAC_OVERRIDE",
            "CAP_FOWNER", "CAP_FSETID", "CAP_KILL", "CAP_NET_BIND_SERVICE", "CAP_NET_RAW", "CAP_SETFCAP", "CAP_SETGID",
            "CAP_SETPCAP", "CAP_SETUID", "CAP_SYS_CHROOT");
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
        if (spec.root() instanceof Root.Overlay && !supportsOverlay()) {
            throw new IOException("the bubblewrap sandbox mounts an overlay root only when lading runs as root: "
                    + "use a directory root (copy-diff snapshots) or LADING_SANDBOX=unshare");
        }
        boolean asUser = host.root() && (spec.uid() != 0 || spec.gid() != 0);
        Path unshare = spec.root() instanceof Root.Overlay || asUser ? Layout.requireTool("unshare", "util-linux", name()) : null;
        Path setpriv = asUser ? Layout.requireTool("setpriv", "util-linux", name()) : null;
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
            if (asUser) {
                // bwrap 0.8 turns --bind-fd back into a path and opens that as the RUN's user, so the mount point
                // must be reachable by anyone: /tmp is, lading's temp dir (under a home) need not be.
                mountPoint = Files.createTempDirectory(Path.of("/tmp"), "lading-root-");
                Files.setPosixFilePermissions(mountPoint, PosixFilePermissions.fromString("rwxr-xr-x"));
                command.addAll(premountedAsUser(spec, environment, layout, view, points, bwrap, unshare, setpriv, status,
                        mountPoint));
                return finish(SandboxProcess.run(command, UnshareSandbox.hostEnvironment(), spec.output()), status);
            }
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
            return finish(SandboxProcess.run(command, UnshareSandbox.hostEnvironment(), spec.output()), status);
        } finally {
            Files.deleteIfExists(status);
            if (mountPoint != null) {
                Files.deleteIfExists(mountPoint);
            }
        }
    }

    private static RunResult finish(SandboxProcess.Outcome out, Path status) throws IOException {
        Matcher m = EXIT_CODE.matcher(Files.readString(status, StandardCharsets.UTF_8));
        if (!m.find()) {
            // bwrap writes exit-code only for a command it started: anything else is a setup failure.
            throw new IOException("bubblewrap did not start the sandbox (" + UnshareSandbox.lastLine(out.tail())
                    + "); run 'lading doctor' to see what this host supports");
        }
        return new RunResult(Integer.parseInt(m.group(1)), out.tail());
    }

    /**
     * The command line for a non-root RUN while lading is root. A root shell in a private mount namespace mounts
     * the root (overlay or bind) on the staging directory, the host files and the RUN's mounts below it, opens it
     * as fd 4; then setpriv becomes the RUN's user and bwrap binds fd 4 as / in a user namespace that maps that
     * uid and gid to themselves.
     */
    private List<String> premountedAsUser(RunSpec spec, List<String[]> environment, Layout layout, Path view,
                                          MountPoints points, Path bwrap, Path unshare, Path setpriv, Path status,
                                          Path staging) throws IOException {
        List<String> c = new ArrayList<>(List.of(unshare.toString(), "--mount", "--propagation", "private", "--",
                "/bin/sh", "-c", Layout.MOUNT_SCRIPT, "lading-bwrap"));
        if (spec.root() instanceof Root.Overlay o) {
            c.addAll(List.of("overlay", overlayOptions(o, points.scaffoldDir().orElseThrow()), staging.toString()));
        } else {
            c.addAll(List.of("bind", view.toString(), staging.toString(), "rw"));
        }
        for (String f : layout.hostEtcFiles()) {
            c.addAll(List.of("bind", f, UnshareSandbox.inRoot(staging, f), "ro"));
        }
        for (Mount m : spec.mounts()) {
            switch (m) {
                case Mount.Bind b -> c.addAll(List.of("bind", b.source().toString(), UnshareSandbox.inRoot(staging, b.target()),
                        b.readOnly() ? "ro" : "rw"));
                case Mount.Tmpfs t -> c.addAll(List.of("tmpfs", UnshareSandbox.inRoot(staging, t.target()),
                        (t.sizeBytes() > 0 ? "size=" + t.sizeBytes() + "," : "") + "mode=1777"));
            }
        }
        c.addAll(List.of("statusfd", status.toString(), "rootfd", staging.toString(), "exec"));
        c.addAll(List.of(setpriv.toString(), "--reuid", Long.toString(spec.uid()), "--regid", Long.toString(spec.gid())));
        if (spec.groups().isEmpty()) {
            c.add("--clear-groups");
        } else {
            c.addAll(List.of("--groups", spec.groups().stream().map(String::valueOf).collect(Collectors.joining(","))));
        }
        c.add("--");
        c.addAll(List.of(bwrap.toString(), "--die-with-parent", "--unshare-pid", "--unshare-ipc", "--unshare-uts",
                "--unshare-cgroup-try", "--unshare-user", "--uid", Long.toString(spec.uid()), "--gid", Long.toString(spec.gid())));
        if (spec.network() == Network.NONE) {
            c.add("--unshare-net");
        }
        c.addAll(List.of("--bind-fd", "4", "/", "--proc", "/proc", "--dev", "/dev"));
        c.addAll(processArguments(spec, environment));
        return c;
    }

    private static List<String> processArguments(RunSpec spec, List<String[]> environment) {
        List<String> c = new ArrayList<>(List.of("--hostname", Layout.hostname(spec), "--chdir", spec.workdir(), "--clearenv"));
        for (String[] kv : environment) {
            c.addAll(List.of("--setenv", kv[0], kv[1]));
        }
        c.addAll(List.of("--json-status-fd", "3", "--"));
        c.addAll(spec.argv());
        return c;
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
                // Root in the RUN may chown and chmod inside its own user namespace, as in Docker.
                c.addAll(List.of("--cap-add", "ALL"));
            }
        } else {
            c.addAll(List.of("--cap-drop", "ALL"));
            for (String cap : ROOT_CAPABILITIES) {
                c.addAll(List.of("--cap-add", cap));
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
        c.addAll(processArguments(spec, environment));
        return c;
    }

    private static String overlayOptions(Root.Overlay o, Path scaffold) throws IOException {
        for (Path p : List.of(o.lower(), o.upper(), o.work(), scaffold)) {
            String s = p.toString();
            if (s.contains(",") || s.contains(":") || s.contains("\\")) {
                throw new IOException("cannot mount an overlay on " + s + ": the path contains ',', ':' or '\\'");
            }
        }
        // userxattr also as root: the snapshotter reads opaque directories from user.overlay.* xattrs.
        return "lowerdir=" + o.lower() + ":" + scaffold + ",upperdir=" + o.upper() + ",workdir=" + o.work()
                + "," + OverlaySnapshotter.MOUNT_OPTIONS;
    }

    @Override
    public String toString() {
        return "bubblewrap sandbox (" + mode() + ")";
    }
}
