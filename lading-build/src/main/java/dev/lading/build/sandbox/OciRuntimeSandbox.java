package dev.lading.build.sandbox;

import dev.lading.build.IdMapping;
import dev.lading.build.Sandbox;
import dev.lading.build.snapshot.OverlaySnapshotter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A RUN through an OCI runtime (crun or runc): lading writes a bundle's {@code config.json} (process args, env,
 * cwd, uid, gid and supplementary gids, the root, /proc, a minimal /dev, resolv.conf and hosts, the RUN's mounts,
 * pid, ipc, uts and mount namespaces plus net for {@link Network#NONE}, no cgroup resources at all) and runs
 * {@code crun --root STATE --cgroup-manager=disabled run --bundle DIR ID} (runc has no way to turn cgroups off:
 * as root it makes an empty cgroup per container and removes it again; rootless it makes none) with a fresh state
 * root and container id per RUN, both in a private temporary directory that is deleted afterwards, after a
 * {@code delete --force} of the container if the runtime did not end normally.
 *
 * <p>The runtime is started by util-linux in new mount and pid namespaces
 * ({@code setpriv --pdeathsig KILL unshare --mount --pid --fork --kill-child --mount-proc}) and a small host
 * shell that does the mounts crun cannot do for us, then execs it. The pid namespace is what ties the RUN's
 * life to lading's: an OCI runtime has no "die with parent", and its container outlives a killed runtime, but
 * when the pid namespace's first process dies the kernel kills everything below it, the container included. The
 * mount namespace keeps those mounts away from the host and lets them vanish with it: an overlay root is mounted
 * there (with the same scaffold as the other sandboxes), and on a cgroup v1/v2 hybrid host whose cgroup2 mount
 * has controllers, which crun refuses even with cgroups disabled ({@link CgroupMounts}), an empty tmpfs is
 * mounted over /sys/fs/cgroup/unified first, so crun sees a plain v1 host; only where that is detected.
 *
 * <p>Ids: as root ({@link IdMode#IDENTITY}) there is no user namespace: every id is itself on disk, a root RUN
 * gets Docker's default capabilities without CAP_MKNOD, another USER gets none (as in Docker) and its
 * supplementary groups. Rootless, the outer unshare makes the user namespace from the {@link IdMode}
 * (newuidmap for a subordinate range, else only the own uid as 0), because mounting the overlay and the tmpfs
 * needs it; the container gets a nested user namespace whose {@code uidMappings} are relative to it: identity
 * over every mapped id ({@link IdMode#SUBORDINATE}), or the RUN's uid and gid mapped to the only id there is
 * ({@link IdMode#SINGLE}: its files are owned by root in the layer, supplementary groups are not set, as with
 * unshare). runc, when not detached, copies the container's stdout and stderr through two pipes of its own, so
 * lines written to both close together may arrive in another order than written (crun passes its own stdio on).
 * Unlike bubblewrap, no_new_privs is not set (as in Docker), and Docker's masked and read-only /proc
 * paths are applied. /sys is not mounted. The runtime adds HOME (from the root's /etc/passwd, else "/") when the
 * environment has none; the builder always sets it.
 *
 * <p>A RUN costs more than with bubblewrap, two to three times as much (the numbers are in the README): most of it
 * is the runtime's own {@code run}; the setpriv, unshare and shell in front of it added about 25 ms in a shell
 * loop as root (crun under a mount namespace alone 172 ms, as here 200 ms, bwrap 100 ms, all under load).
 */
public final class OciRuntimeSandbox implements Sandbox {

    /** Docker's masked /proc paths (a bind of /dev/null or an empty tmpfs over each). */
    private static final List<String> MASKED_PATHS = List.of("/proc/asound", "/proc/acpi", "/proc/kcore", "/proc/keys",
            "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi");
    private static final List<String> READONLY_PATHS = List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys",
            "/proc/sysrq-trigger");

    private final String runtime;
    private final HostIds host;
    private final IdMode mode;
    private final Path tempDir;
    private final boolean maskUnifiedCgroup;

    /**
     * @param runtime the runtime's command name: "crun" or "runc"
     * @param tempDir where each RUN's bundle, state root, overlay mount point and scaffold live for the length of
     *                the run (reachable by the user lading runs as)
     */
    public OciRuntimeSandbox(String runtime, HostIds host, IdMode mode, Path tempDir) {
        this(runtime, host, mode, tempDir, runtime.equals("crun") && CgroupMounts.crunRefusesHybrid());
    }

    OciRuntimeSandbox(String runtime, HostIds host, IdMode mode, Path tempDir, boolean maskUnifiedCgroup) {
        this.runtime = runtime;
        this.host = host;
        this.mode = mode;
        this.tempDir = tempDir;
        this.maskUnifiedCgroup = maskUnifiedCgroup;
    }

    @Override
    public String name() {
        return runtime;
    }

    @Override
    public IdMapping idMapping() {
        return mode.mapping(host);
    }

    IdMode mode() {
        return mode;
    }

    /** Whether runs get the empty tmpfs over /sys/fs/cgroup/unified (see {@link CgroupMounts}). */
    boolean masksUnifiedCgroup() {
        return maskUnifiedCgroup;
    }

    @Override
    public RunResult run(RunSpec spec) throws IOException {
        Tools tools = tools();
        Layout.environment(spec.env());
        if (runtime.equals("runc") && mode == IdMode.SINGLE && (spec.uid() != 0 || spec.gid() != 0)) {
            // runc insists that the container's root is mapped, and with one id there is no room for both it and
            // the RUN's uid (crun, bubblewrap and unshare map just the RUN's uid).
            throw new IOException("the runc sandbox cannot run a RUN as uid " + spec.uid() + " rootless without a "
                    + "subordinate id range: add one to /etc/subuid and /etc/subgid (apt-get install uidmap), or use "
                    + Sandboxes.ENV + "=crun or bubblewrap");
        }
        Path view = switch (spec.root()) {
            case Root.Directory d -> d.dir();
            case Root.Overlay o -> o.lower();
        };
        Layout layout = Layout.of(spec, view);
        List<String> missingTmpfs = spec.mounts().stream().filter(m -> m instanceof Mount.Tmpfs)
                .map(Mount::target).filter(t -> !Files.exists(MountPoints.resolve(view, t), LinkOption.NOFOLLOW_LINKS)).toList();
        Path work = Files.createTempDirectory(tempDir, "lading-oci-");
        try (MountPoints points = switch (spec.root()) {
            case Root.Directory d -> MountPoints.inDirectory(d.dir(), layout.targets());
            case Root.Overlay o -> MountPoints.scaffold(o.lower(), layout.targets(), tempDir);
        }) {
            // runc gives a tmpfs the mode of the directory it is mounted on, when that existed before: a mount
            // point made here gets the 1777 that a tmpfs of the other sandboxes has.
            for (String t : missingTmpfs) {
                Files.setAttribute(MountPoints.resolve(points.scaffoldDir().orElse(view), t), "unix:mode", 01777,
                        LinkOption.NOFOLLOW_LINKS);
            }
            List<String> steps = new ArrayList<>();
            Path root = view;
            if (spec.root() instanceof Root.Overlay o) {
                root = Files.createDirectory(work.resolve("root"));
                steps.addAll(List.of("overlay", overlayOptions(o, points.scaffoldDir().orElseThrow()), root.toString()));
            }
            writeConfig(work, config(spec, root, false, layout.hostEtcFiles()));
            Path pidFile = work.resolve("pid");
            SandboxProcess.Outcome out;
            try {
                out = SandboxProcess.run(command(tools, work, steps, pidFile), UnshareSandbox.hostEnvironment(), spec.output());
            } finally {
                forceDelete(tools, work);
            }
            // The runtime writes the pid file once the container exists: without it, setup failed (a mount, the
            // namespaces, the runtime itself) and any exit code is the runtime's, not the RUN's.
            if (!Files.exists(pidFile)) {
                throw new IOException("the " + runtime + " sandbox did not start (" + UnshareSandbox.lastLine(out.tail())
                        + "); run 'lading doctor' to see what this host supports");
            }
            return new RunResult(out.exitCode(), out.tail());
        } finally {
            deleteWork(work);
        }
    }

    /**
     * The command line that starts {@code /bin/true} in a small read-only root under {@code work} that has the
     * host's /usr, /bin, /lib... bound in (symlinks copied as they are): the probe. Not the host's / itself:
     * pivot_root(2) refuses that in a user namespace ("Invalid argument").
     */
    List<String> probeCommand(Path work) throws IOException {
        Path rootfs = Files.createDirectories(work.resolve("rootfs"));
        List<Mount> mounts = new ArrayList<>();
        for (String d : List.of("usr", "bin", "sbin", "lib", "lib32", "lib64", "libx32")) {
            Path host = Path.of("/", d);
            if (Files.isSymbolicLink(host)) {
                Files.createSymbolicLink(rootfs.resolve(d), Files.readSymbolicLink(host));
            } else if (Files.isDirectory(host)) {
                Files.createDirectory(rootfs.resolve(d));
                mounts.add(new Mount.Bind(host, "/" + d, true));
            }
        }
        Files.createDirectory(rootfs.resolve("proc"));
        Files.createDirectory(rootfs.resolve("dev"));
        RunSpec spec = new RunSpec(new Root.Directory(rootfs), List.of("/bin/true"), List.of("PATH=/usr/bin:/bin"),
                0, 0, List.of(), "/", Network.NONE, mounts, "lading-probe", line -> { });
        writeConfig(work, config(spec, rootfs, true, List.of()));
        return command(tools(), work, List.of(), work.resolve("pid"));
    }

    /** After the probe: what {@link #run} does after a run that did not end normally. */
    void afterProbe(Path work) {
        try {
            forceDelete(tools(), work);
        } catch (IOException e) {
            // no runtime, so nothing of it to clean up
        }
    }

    private record Tools(Path runtime, Path unshare, Path setpriv) {
    }

    private Tools tools() throws IOException {
        return new Tools(Layout.requireTool(runtime, runtime, name()), Layout.requireTool("unshare", "util-linux", name()),
                Layout.requireTool("setpriv", "util-linux", name()));
    }

    private List<String> command(Tools tools, Path work, List<String> mountSteps, Path pidFile) {
        // setpriv --pdeathsig: if lading dies, unshare dies, and --kill-child takes the pid namespace (with the
        // runtime and the container in it) down with it.
        List<String> c = new ArrayList<>(List.of(tools.setpriv().toString(), "--pdeathsig", "KILL", "--",
                tools.unshare().toString(), "--mount", "--propagation", "private", "--pid", "--fork", "--kill-child",
                "--mount-proc"));
        c.addAll(UnshareSandbox.userNamespace(host, mode));
        c.addAll(List.of("--", "/bin/sh", "-c", Layout.MOUNT_SCRIPT, "lading-oci"));
        if (maskUnifiedCgroup) {
            c.addAll(List.of("tmpfs", CgroupMounts.UNIFIED, "mode=0755,size=4k"));
        }
        c.addAll(mountSteps);
        c.add("exec");
        c.addAll(List.of(tools.runtime().toString(), "--root", work.resolve("state").toString()));
        if (runtime.equals("crun")) {
            c.add("--cgroup-manager=disabled");
        }
        c.addAll(List.of("run", "--bundle", work.toString(), "--pid-file", pidFile.toString(), containerId(work)));
        return c;
    }

    /** Unique per run (the state root is too); kept in the work directory for {@link #forceDelete}. */
    private static String containerId(Path work) {
        return "lading-" + work.getFileName().toString().replaceFirst("^lading-oci-", "").replaceAll("[^A-Za-z0-9-]", "");
    }

    /**
     * After a run that did not end normally (interrupted, or the runtime failed half-way) the runtime's state for
     * the container is still there: {@code delete --force} lets the runtime undo what it made outside the
     * namespaces (runc's cgroups as root). Its processes are gone already, with the pid namespace.
     */
    private void forceDelete(Tools tools, Path work) {
        Path state = work.resolve("state");
        try (var left = Files.list(state)) {
            if (left.findAny().isEmpty()) {
                return;
            }
        } catch (IOException e) {
            return; // no state root: the runtime never got that far
        }
        // An interrupted RUN gets here with the interrupt flag set, which would end the wait for delete at once.
        boolean interrupted = Thread.interrupted();
        try {
            awaitEmptyCgroups(state);
            Sandboxes.trial(List.of(tools.runtime().toString(), "--root", state.toString(), "delete", "--force", containerId(work)));
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The pid namespace dies asynchronously after its first process is killed; a cgroup that still has a process
     * cannot be removed, and runc's delete then gives up on it (and forgets it). So wait, up to five seconds, until
     * the cgroups runc's state.json lists are empty.
     */
    private static void awaitEmptyCgroups(Path state) {
        List<Path> procs = new ArrayList<>();
        try (var files = Files.walk(state, 2)) {
            for (Path f : files.filter(p -> p.getFileName().toString().equals("state.json")).toList()) {
                var m = java.util.regex.Pattern.compile("\"(/sys/fs/cgroup/[^\"]+)\"").matcher(Files.readString(f));
                while (m.find()) {
                    procs.add(Path.of(m.group(1), "cgroup.procs"));
                }
            }
        } catch (IOException | RuntimeException e) {
            return;
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline && procs.stream().anyMatch(OciRuntimeSandbox::hasProcesses)) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static boolean hasProcesses(Path cgroupProcs) {
        try {
            return !Files.readString(cgroupProcs).isBlank();
        } catch (IOException e) {
            return false;
        }
    }

    private static void writeConfig(Path work, Map<String, Object> config) throws IOException {
        Files.writeString(work.resolve("config.json"), json(config), StandardCharsets.UTF_8);
    }

    /**
     * The bundle's config.json (OCI runtime spec 1.0.2) for {@code spec}, with {@code root} as its root, as maps
     * and lists. Written without a JSON library: the sandbox package needs nothing beyond the JDK, so a rootless
     * JVM can run it from class directories alone (see the rootless tests).
     */
    Map<String, Object> config(RunSpec spec, Path root, boolean readOnlyRoot, List<String> hostEtcFiles) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("uid", spec.uid());
        user.put("gid", spec.gid());
        if (mode != IdMode.SINGLE) {
            // setgroups(2) is denied in a user namespace mapped without newgidmap, so SINGLE sets no groups.
            user.put("additionalGids", spec.groups());
        }
        // A non-root RUN has the bounding set only, as in Docker: exec as uid != 0 leaves it no capabilities.
        List<String> caps = spec.uid() == 0 ? BubblewrapSandbox.ROOT_CAPABILITIES : List.of();
        Map<String, Object> process = new LinkedHashMap<>();
        process.put("terminal", false);
        process.put("user", user);
        process.put("args", spec.argv());
        process.put("env", spec.env());
        process.put("cwd", spec.workdir());
        process.put("capabilities", Map.of("bounding", BubblewrapSandbox.ROOT_CAPABILITIES, "effective", caps,
                "permitted", caps));
        process.put("noNewPrivileges", false);

        List<Object> mounts = new ArrayList<>();
        mounts.add(mount("/proc", "proc", "proc", "nosuid", "noexec", "nodev"));
        mounts.add(mount("/dev", "tmpfs", "tmpfs", "nosuid", "strictatime", "mode=755", "size=65536k"));
        mounts.add(mount("/dev/pts", "devpts", "devpts", "nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620"));
        mounts.add(mount("/dev/shm", "tmpfs", "shm", "nosuid", "noexec", "nodev", "mode=1777", "size=65536k"));
        for (String f : hostEtcFiles) {
            mounts.add(mount(f, "bind", f, "rbind", "ro"));
        }
        for (Mount m : spec.mounts()) {
            mounts.add(switch (m) {
                case Mount.Bind b -> mount(b.target(), "bind", b.source().toString(), "rbind", b.readOnly() ? "ro" : "rw");
                case Mount.Tmpfs t -> t.sizeBytes() > 0 ? mount(t.target(), "tmpfs", "tmpfs", "mode=1777", "size=" + t.sizeBytes())
                        : mount(t.target(), "tmpfs", "tmpfs", "mode=1777");
            });
        }

        List<Object> namespaces = new ArrayList<>();
        for (String type : List.of("pid", "ipc", "uts", "mount")) {
            namespaces.add(Map.of("type", type));
        }
        if (spec.network() == Network.NONE) {
            namespaces.add(Map.of("type", "network"));
        }
        Map<String, Object> linux = new LinkedHashMap<>();
        linux.put("namespaces", namespaces);
        if (mode != IdMode.IDENTITY) {
            namespaces.add(Map.of("type", "user"));
            // Relative to the user namespace the outer unshare made (see the class comment).
            if (mode == IdMode.SINGLE) {
                linux.put("uidMappings", List.of(idMap(spec.uid(), 0, 1)));
                linux.put("gidMappings", List.of(idMap(spec.gid(), 0, 1)));
            } else {
                // Identity, but range by range as the outer namespace has them: the kernel maps each range of a
                // nested namespace into one range of its parent, so one range over 0..N would be refused (EPERM).
                long count = host.subuid().orElseThrow().count();
                linux.put("uidMappings", List.of(idMap(0, 0, 1), idMap(1, 1, count)));
                linux.put("gidMappings", List.of(idMap(0, 0, 1), idMap(1, 1, count)));
            }
        }
        linux.put("maskedPaths", MASKED_PATHS);
        linux.put("readonlyPaths", READONLY_PATHS);

        Map<String, Object> c = new LinkedHashMap<>();
        c.put("ociVersion", "1.0.2");
        c.put("process", process);
        c.put("root", Map.of("path", root.toString(), "readonly", readOnlyRoot));
        c.put("hostname", Layout.hostname(spec));
        c.put("mounts", mounts);
        c.put("linux", linux);
        return c;
    }

    private static Map<String, Object> mount(String destination, String type, String source, String... options) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("destination", destination);
        m.put("type", type);
        m.put("source", source);
        m.put("options", List.of(options));
        return m;
    }

    private static Map<String, Object> idMap(long containerId, long hostId, long size) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("containerID", containerId);
        m.put("hostID", hostId);
        m.put("size", size);
        return m;
    }

    /** JSON text of maps (string keys), lists, strings, numbers and booleans. */
    static String json(Object value) {
        StringBuilder b = new StringBuilder();
        json(value, b);
        return b.toString();
    }

    private static void json(Object value, StringBuilder b) {
        switch (value) {
            case Map<?, ?> m -> {
                b.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    b.append(first ? "" : ",");
                    first = false;
                    json(e.getKey().toString(), b);
                    b.append(':');
                    json(e.getValue(), b);
                }
                b.append('}');
            }
            case List<?> l -> {
                b.append('[');
                for (int i = 0; i < l.size(); i++) {
                    b.append(i == 0 ? "" : ",");
                    json(l.get(i), b);
                }
                b.append(']');
            }
            case String s -> {
                b.append('"');
                for (int i = 0; i < s.length(); i++) {
                    char ch = s.charAt(i);
                    switch (ch) {
                        case '"' -> b.append("\\\"");
                        case '\\' -> b.append("\\\\");
                        case '\n' -> b.append("\\n");
                        default -> {
                            if (ch < 0x20) {
                                b.append(String.format("\\u%04x", (int) ch));
                            } else {
                                b.append(ch);
                            }
                        }
                    }
                }
                b.append('"');
            }
            case Number n -> b.append(n);
            case Boolean bool -> b.append(bool);
            default -> throw new IllegalArgumentException("no JSON for " + value.getClass());
        }
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

    /**
     * The bundle, the state root (the runtime deletes its container's state on a normal exit; a killed runtime
     * leaves it) and the overlay mount point. Nothing is mounted there any more: every mount lived in the
     * namespaces that ended with the run.
     */
    private static void deleteWork(Path work) throws IOException {
        if (Files.exists(work, LinkOption.NOFOLLOW_LINKS)) {
            MountPoints.deleteTree(work);
        }
    }

    @Override
    public String toString() {
        return runtime + " sandbox (" + mode + (maskUnifiedCgroup ? ", hybrid cgroup workaround" : "") + ")";
    }
}
