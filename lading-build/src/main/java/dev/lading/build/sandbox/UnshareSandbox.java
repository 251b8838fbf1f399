package dev.lading.build.sandbox;

import dev.lading.build.snapshot.OverlaySnapshotter;
import dev.lading.build.IdMapping;
import dev.lading.build.Sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A RUN through util-linux {@code unshare}: new mount, pid, ipc and uts namespaces (and net for
 * {@link Network#NONE}, with loopback up), a small host {@code /bin/sh} script that does the mounts inside them
 * (overlay root, /proc, a minimal /dev, resolv.conf and hosts, the RUN's mounts), then {@code setpriv} for the
 * gid and supplementary groups and {@code unshare --root --wd --setuid} to enter the root as the RUN's user.
 *
 * <p>Ids: as root ({@link IdMode#IDENTITY}) there is no user namespace, so {@code chown 1000:1000} and
 * {@code USER 1000} give exactly those owners on disk, and a root RUN has root's capabilities (mknod of devices
 * works, unlike in Docker). Rootless with a subordinate range ({@link IdMode#SUBORDINATE}) the user namespace maps
 * 0 to the own uid and 1..N to the range through newuidmap. Rootless without ({@link IdMode#SINGLE}) only 0 exists;
 * a RUN as another uid gets a nested user namespace mapping that uid to 0 (its files end up root-owned in the
 * layer), supplementary groups are not set, and chown to any other id fails.
 *
 * <p>A root RUN gets Docker's default capabilities without CAP_MKNOD. Limits, compared with bubblewrap: the
 * root is entered with chroot(2), not pivot_root(2), so a root RUN (which has CAP_SYS_CHROOT, as in Docker) that
 * wants to can leave it and reach the host's filesystem (bubblewrap is chosen first for that reason); the image's environment is set
 * before the host's {@code setpriv} and {@code unshare} run, so an image {@code LD_PRELOAD} is seen by them too.
 * /sys is not mounted.
 */
public final class UnshareSandbox implements Sandbox {

    static final String DOCKER_CAPABILITIES = "-all,+audit_write,+chown,+dac_override,+fowner,+fsetid,+kill,"
            + "+net_bind_service,+net_raw,+setfcap,+setgid,+setpcap,+setuid,+sys_chroot";

    private final HostIds host;
    private final IdMode mode;
    private final Path tempDir;

    /**
     * @param tempDir where the overlay mount point, scaffold and status file go for the length of a run (the
     *                directories must be reachable by the user lading runs as)
     */
    public UnshareSandbox(HostIds host, IdMode mode, Path tempDir) {
        this.host = host;
        this.mode = mode;
        this.tempDir = tempDir;
    }

    @Override
    public String name() {
        return "unshare";
    }

    @Override
    public IdMapping idMapping() {
        return mode.mapping(host);
    }

    IdMode mode() {
        return mode;
    }

    @Override
    public RunResult run(RunSpec spec) throws IOException {
        Path unshare = Layout.requireTool("unshare", "util-linux", name());
        Path setpriv = Layout.requireTool("setpriv", "util-linux", name());
        Path env = Layout.requireTool("env", "coreutils", name());
        Optional<Path> ip = spec.network() == Network.NONE
                ? Optional.of(Layout.requireTool("ip", "iproute2", name())) : Optional.empty();
        Optional<Path> hostname = mode == IdMode.IDENTITY ? Optional.empty()
                : Optional.of(Layout.requireTool("hostname", "hostname", name()));
        List<String[]> environment = Layout.environment(spec.env());

        Path view = switch (spec.root()) {
            case Root.Directory d -> d.dir();
            case Root.Overlay o -> o.lower();
        };
        Layout layout = Layout.of(spec, view);
        Path status = Files.createTempFile(tempDir, "lading-sandbox-", ".status");
        Path mountPoint = null;
        List<String> steps = new ArrayList<>();
        try (MountPoints points = switch (spec.root()) {
            case Root.Directory d -> MountPoints.inDirectory(d.dir(), layout.targets());
            case Root.Overlay o -> MountPoints.scaffold(o.lower(), layout.targets(), tempDir);
        }) {
            Path root;
            if (spec.root() instanceof Root.Overlay o) {
                mountPoint = Files.createTempDirectory(tempDir, "lading-root-");
                root = mountPoint;
                steps.addAll(List.of("overlay", overlayOptions(o, points.scaffoldDir().orElseThrow()), root.toString()));
            } else {
                root = view;
            }
            steps.addAll(List.of("proc", inRoot(root, "/proc"), "dev", inRoot(root, "/dev")));
            for (String f : layout.hostEtcFiles()) {
                steps.addAll(List.of("bind", f, inRoot(root, f), "ro"));
            }
            for (Mount m : spec.mounts()) {
                switch (m) {
                    case Mount.Bind b -> steps.addAll(List.of("bind", b.source().toString(), inRoot(root, b.target()),
                            b.readOnly() ? "ro" : "rw"));
                    case Mount.Tmpfs t -> steps.addAll(List.of("tmpfs", inRoot(root, t.target()),
                            (t.sizeBytes() > 0 ? "size=" + t.sizeBytes() + "," : "") + "mode=1777"));
                }
            }
            // A user namespace may not write /proc/sys/kernel/hostname (owned by the host's root), but may call
            // sethostname(2) for its own uts namespace: hostname(1) does that.
            steps.addAll(List.of("hostname", Layout.hostname(spec), hostname.map(Path::toString).orElse("")));
            ip.ifPresent(p -> steps.addAll(List.of("loopback", p.toString())));
            steps.addAll(List.of("started", status.toString(), "exec"));

            List<String> command = new ArrayList<>();
            // setpriv --pdeathsig: unshare --kill-child covers the RUN when unshare dies; this covers unshare
            // when lading dies.
            command.addAll(List.of(setpriv.toString(), "--pdeathsig", "KILL", "--", unshare.toString(),
                    "--mount", "--propagation", "private", "--pid", "--fork", "--kill-child", "--ipc", "--uts"));
            if (spec.network() == Network.NONE) {
                command.add("--net");
            }
            command.addAll(userNamespace(host, mode));
            command.addAll(List.of("--", "/bin/sh", "-c", Layout.MOUNT_SCRIPT, "lading-sandbox"));
            command.addAll(steps);
            command.addAll(enter(spec, environment, env, setpriv, unshare, root));

            SandboxProcess.Outcome out = SandboxProcess.run(command, hostEnvironment(), spec.output());
            if (Files.size(status) == 0) {
                throw new IOException("the unshare sandbox did not start (" + lastLine(out.tail())
                        + "); run 'lading doctor' to see what this host supports");
            }
            return new RunResult(out.exitCode(), out.tail());
        } finally {
            Files.deleteIfExists(status);
            if (mountPoint != null) {
                Files.deleteIfExists(mountPoint);
            }
        }
    }

    /** The user namespace options of unshare for {@code mode}: none as root. */
    static List<String> userNamespace(HostIds host, IdMode mode) {
        return switch (mode) {
            case IDENTITY -> List.of();
            case SINGLE -> List.of("--user", "--map-root-user");
            case SUBORDINATE -> {
                // unshare 2.38 hands both to newuidmap: 0 -> own uid, 1..N -> the range
                HostIds.Range u = host.subuid().orElseThrow();
                HostIds.Range g = host.subgid().orElseThrow();
                yield List.of("--user", "--map-root-user", "--setgroups", "allow",
                        "--map-users=" + u.start() + ",1," + u.count(), "--map-groups=" + g.start() + ",1," + g.count());
            }
        };
    }

    /** From the setup shell into the root: exactly the RUN's environment, its ids, its workdir. */
    private List<String> enter(RunSpec spec, List<String[]> environment, Path env, Path setpriv, Path unshare, Path root) {
        List<String> c = new ArrayList<>(List.of(env.toString(), "-i", "--"));
        for (String[] kv : environment) {
            c.add(kv[0] + "=" + kv[1]);
        }
        if (mode == IdMode.SINGLE) {
            // setgroups(2) is denied in a user namespace mapped without newgidmap, so groups stay as they are.
            c.add(unshare.toString());
            if (spec.uid() != 0 || spec.gid() != 0) {
                c.addAll(List.of("--user", "--map-user=" + spec.uid(), "--map-group=" + spec.gid()));
            }
        } else {
            // Docker's default capabilities (without MKNOD: no device cgroup guards devices here); unshare still
            // needs sys_chroot, setuid and setgid from them to enter the root.
            c.addAll(List.of(setpriv.toString(), "--bounding-set", DOCKER_CAPABILITIES, "--regid", Long.toString(spec.gid())));
            if (spec.groups().isEmpty()) {
                c.add("--clear-groups");
            } else {
                c.addAll(List.of("--groups", spec.groups().stream().map(String::valueOf).collect(Collectors.joining(","))));
            }
            // unshare's --setgid would drop the supplementary groups setpriv just set, so only the uid is left to it.
            c.addAll(List.of("--", unshare.toString()));
            if (spec.uid() != 0) {
                c.addAll(List.of("--setuid", Long.toString(spec.uid())));
            }
        }
        c.addAll(List.of("--root", root.toString(), "--wd", spec.workdir(), "--"));
        c.addAll(spec.argv());
        return c;
    }

    static String inRoot(Path root, String target) {
        return MountPoints.resolve(root, target).toString();
    }

    private String overlayOptions(Root.Overlay o, Path scaffold) throws IOException {
        for (Path p : List.of(o.lower(), o.upper(), o.work(), scaffold)) {
            String s = p.toString();
            // mount(8) splits options at ',' and overlayfs splits lowerdir at ':'.
            if (s.contains(",") || s.contains(":") || s.contains("\\")) {
                throw new IOException("cannot mount an overlay on " + s + ": the path contains ',', ':' or '\\'");
            }
        }
        // Always userxattr, also as root: the snapshotter reads opaque directories from user.overlay.* xattrs.
        return "lowerdir=" + o.lower() + ":" + scaffold + ",upperdir=" + o.upper() + ",workdir=" + o.work()
                + "," + OverlaySnapshotter.MOUNT_OPTIONS;
    }

    /** The sandbox tools themselves get a plain PATH and nothing else of lading's environment. */
    static Map<String, String> hostEnvironment() {
        return Map.of("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "LC_ALL", "C");
    }

    static String lastLine(List<String> tail) {
        return tail.isEmpty() ? "no output" : tail.get(tail.size() - 1);
    }

    @Override
    public String toString() {
        return "unshare sandbox (" + mode + ")";
    }
}
