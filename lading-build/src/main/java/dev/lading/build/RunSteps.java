package dev.lading.build;

import dev.lading.build.snapshot.Snapshotter;
import dev.lading.dockerfile.Mount;
import dev.lading.dockerfile.Run;
import dev.lading.dockerfile.ignore.DockerIgnore;
import dev.lading.oci.Digest;
import dev.lading.oci.layer.LayerEntry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * RUN: the cache key from what the command can see (the stage so far, the command, its ARGs, the files of its
 * bind mounts), then on a miss the stage's root filesystem, the mounts, the sandbox and the snapshot.
 */
final class RunSteps {

    /** Lines of output kept for the error message of a failed RUN. */
    private static final int TAIL_LINES = 20;

    private final Builder b;
    private Sandbox sandbox;
    private Snapshotter snapshotter;

    RunSteps(Builder builder) {
        this.b = builder;
    }

    void run(Builder.State st, Run run) throws IOException {
        if (run.security().filter(s -> !s.equalsIgnoreCase("sandbox")).isPresent()) {
            throw new BuildException("RUN --security=" + run.security().get() + " is not supported: lading runs every RUN unprivileged");
        }
        if (!run.devices().isEmpty()) {
            throw new BuildException("RUN --device is not supported");
        }
        Sandbox.Network network = network(run.network());
        RunCommands.Command command = RunCommands.command(run, Builder.shell(st));
        List<String> env = RunCommands.environment(st.config.config().env(), st.args);
        String createdBy = RunCommands.createdBy(command.argv(), st.args, env);
        String history = createdBy + " # buildkit";

        List<PlannedMount> mounts = new ArrayList<>();
        for (Mount m : run.mounts()) {
            mounts.add(plan(st, m));
        }
        StringBuilder keyText = new StringBuilder(createdBy).append("\nnetwork=").append(network);
        for (PlannedMount m : mounts) {
            keyText.append('\n').append(m.cacheKey());
        }
        command.script().ifPresent(s -> keyText.append("\nscript ").append(Digest.sha256(s.content())));
        String key = Builder.chain(st.cacheChain, keyText.toString());
        if (b.cachedLayer(st, key, history)) {
            return;
        }

        Sandbox box = sandbox();
        Snapshotter snap = snapshotter(box);
        b.workingRoot(st);
        RunCommands.ExecUser user = RunCommands.user(st.config.config().user(), st.root.dir);
        String workdir = st.config.config().workingDir();
        workdir = workdir == null || workdir.isEmpty() ? "/" : workdir;
        List<String> runEnv = new ArrayList<>(env);
        if (runEnv.stream().noneMatch(e -> e.startsWith("HOME="))) {
            runEnv.add("HOME=" + user.home());
        }
        List<Sandbox.Mount> sandboxMounts = new ArrayList<>();
        Path scratch = b.tempDir();
        for (PlannedMount m : mounts) {
            m.materialize(scratch, sandboxMounts, runEnv);
        }
        if (command.script().isPresent()) {
            Path dir = Files.createDirectory(scratch.resolve("heredoc"));
            Path file = dir.resolve(command.script().get().name());
            Files.write(file, command.script().get().content());
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
            sandboxMounts.add(new Sandbox.Mount.Bind(dir, RunCommands.HEREDOC_SCRIPT_DIR.replaceAll("/$", ""), true));
        }

        List<String> tail;
        int exit;
        Snapshotter.Result result;
        try (Snapshotter.Session session = snap.begin(st.root.dir, st.root.owners, box.idMapping())) {
            ensureDirectory(session.root(), workdir);
            Sandbox.RunResult r;
            try {
                r = box.run(new Sandbox.RunSpec(session.root(), command.argv(), runEnv, user.uid(), user.gid(),
                        user.groups(), workdir, network, sandboxMounts, "lading", line -> b.options.progress().accept("  [" + st.name + "] " + line)));
            } catch (java.io.InterruptedIOException e) {
                st.root = null;
                throw e;
            } catch (IOException e) {
                // e.g. the command does not exist in the image: a failure of this RUN, reported with its line
                st.root = null;
                throw new BuildException(e.getMessage(), e);
            }
            exit = r.exitCode();
            tail = r.outputTail();
            if (exit != 0) {
                // The rootfs holds a half-done change: it is no longer the stage's layers.
                st.root = null;
                throw new BuildException("process \"" + String.join(" ", command.argv()) + "\" did not complete successfully: exit code: "
                        + exit + tail(tail));
            }
            result = session.commit();
        } finally {
            dev.lading.oci.FileTrees.deleteQuietly(scratch);
        }
        st.root.owners = result.owners();
        b.writeLayer(st, key, result.entries(), history);
        st.root.applied = st.layers.size();
    }

    private static String tail(List<String> lines) {
        if (lines.isEmpty()) {
            return "";
        }
        List<String> last = lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size());
        return "\n  last output:\n" + String.join("\n", last.stream().map(l -> "    " + l).toList());
    }

    private synchronized Sandbox sandbox() throws IOException {
        if (sandbox == null) {
            sandbox = b.options.run().sandbox();
        }
        return sandbox;
    }

    private synchronized Snapshotter snapshotter(Sandbox box) throws IOException {
        if (snapshotter == null) {
            snapshotter = b.options.run().snapshotter(box);
            b.options.progress().accept("  running in " + box.name() + " with the " + snapshotter.name() + " snapshotter");
        }
        return snapshotter;
    }

    private static Sandbox.Network network(Optional<String> value) {
        String v = value.orElse("default").toLowerCase(Locale.ROOT);
        return switch (v) {
            case "default", "host" -> Sandbox.Network.DEFAULT;
            case "none" -> Sandbox.Network.NONE;
            default -> throw new BuildException("RUN --network=" + value.get() + ": expected default, none or host");
        };
    }

    /**
     * Creates the working directory (and missing parents) as part of the RUN's change, as the runtime does
     * for a cwd that does not exist: through the overlay's upper directory, or in the directory root itself.
     */
    private static void ensureDirectory(Sandbox.Root root, String workdir) throws IOException {
        String rel = CopySources.clean(workdir);
        if (rel.isEmpty()) {
            return;
        }
        switch (root) {
            case Sandbox.Root.Directory d -> mkdirs(d.dir(), rel, null);
            case Sandbox.Root.Overlay o -> mkdirs(o.upper(), rel, o.lower());
        }
    }

    /**
     * mkdir -p of {@code rel} under {@code base}. With an overlay ({@code lower} non-null) the merged view counts:
     * nothing is made when the path exists there; otherwise the existing ancestors are copied up into the upper
     * directory (same mode and owner, as overlayfs would) and the missing ones created.
     */
    private static void mkdirs(Path base, String rel, Path lower) throws IOException {
        String[] parts = rel.split("/");
        int missing = -1;
        Path up = base;
        Path low = lower;
        for (int i = 0; i < parts.length; i++) {
            up = up.resolve(parts[i]);
            low = low == null ? null : low.resolve(parts[i]);
            if (Files.isSymbolicLink(up) || (low != null && Files.isSymbolicLink(low))) {
                return; // a symlinked workdir: the runtime resolves it inside the root; nothing to create here
            }
            boolean exists = Files.isDirectory(up, LinkOption.NOFOLLOW_LINKS)
                    || (low != null && Files.isDirectory(low, LinkOption.NOFOLLOW_LINKS));
            if (!exists) {
                missing = i;
                break;
            }
        }
        if (missing < 0) {
            return;
        }
        Path dir = base;
        Path lowDir = lower;
        for (int i = 0; i < parts.length; i++) {
            dir = dir.resolve(parts[i]);
            lowDir = lowDir == null ? null : lowDir.resolve(parts[i]);
            if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try {
                Files.createDirectory(dir);
            } catch (FileAlreadyExistsException e) {
                continue;
            }
            if (i < missing && lowDir != null) {
                // copy-up of an existing ancestor: keep what the lower directory has (all 12 mode bits)
                chmod(dir, (Integer) Files.getAttribute(lowDir, "unix:mode", LinkOption.NOFOLLOW_LINKS));
                if (isRoot()) {
                    Files.setAttribute(dir, "unix:uid", Files.getAttribute(lowDir, "unix:uid", LinkOption.NOFOLLOW_LINKS), LinkOption.NOFOLLOW_LINKS);
                    Files.setAttribute(dir, "unix:gid", Files.getAttribute(lowDir, "unix:gid", LinkOption.NOFOLLOW_LINKS), LinkOption.NOFOLLOW_LINKS);
                }
            } else {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
    }

    // ---- mounts --------------------------------------------------------------------------------------------

    /** A RUN --mount, planned before the cache lookup: its part of the cache key, and how to set it up. */
    private interface PlannedMount {
        String cacheKey();

        void materialize(Path scratch, List<Sandbox.Mount> mounts, List<String> env) throws IOException;
    }

    private PlannedMount plan(Builder.State st, Mount m) throws IOException {
        String type = m.type().toLowerCase(Locale.ROOT);
        return switch (type) {
            case Mount.CACHE -> cacheMount(st, m);
            case Mount.TMPFS -> tmpfsMount(st, m);
            case Mount.SECRET -> secretMount(st, m);
            case Mount.BIND -> bindMount(st, m);
            case Mount.SSH -> throw new BuildException("RUN --mount=type=ssh is not supported yet");
            default -> throw new BuildException("RUN --mount=" + m.spec() + ": unknown mount type '" + m.type() + "'");
        };
    }

    private String target(Builder.State st, Mount m) {
        String t = m.target().orElseThrow(() -> new BuildException("RUN --mount=" + m.spec() + ": a target is required"));
        return b.absolute(st, t);
    }

    private PlannedMount tmpfsMount(Builder.State st, Mount m) {
        String target = target(st, m);
        long size = m.size().map(RunSteps::bytes).orElse(0L);
        return new PlannedMount() {
            public String cacheKey() {
                return "tmpfs " + target + " " + size;
            }

            public void materialize(Path scratch, List<Sandbox.Mount> mounts, List<String> env) {
                mounts.add(new Sandbox.Mount.Tmpfs(target, size));
            }
        };
    }

    private PlannedMount cacheMount(Builder.State st, Mount m) {
        String target = target(st, m);
        if (m.from().isPresent()) {
            throw new BuildException("RUN --mount=type=cache,from=... is not supported yet");
        }
        String id = m.id().orElse(target);
        int mode = m.mode().map(v -> parseMode(v, m)).orElse(0755);
        long uid = m.uid().map(v -> parseId(v, m)).orElse(0L);
        long gid = m.gid().map(v -> parseId(v, m)).orElse(0L);
        boolean readOnly = m.readOnly();
        return new PlannedMount() {
            // A cache mount's content is deliberately not part of the key: it is a cache, not an input.
            public String cacheKey() {
                return "cache " + target + " ro=" + readOnly;
            }

            public void materialize(Path scratch, List<Sandbox.Mount> mounts, List<String> env) throws IOException {
                Path dir = b.options.run().cacheMounts().resolve(Digest.sha256(id.getBytes(StandardCharsets.UTF_8)).hex());
                Files.createDirectories(dir.getParent());
                try {
                    // createDirectory is atomic: of two builds making the same cache, exactly one sets it up.
                    Files.createDirectory(dir);
                    chmod(dir, mode);
                    chownIfRoot(dir, uid, gid);
                } catch (FileAlreadyExistsException e) {
                    // made by an earlier RUN or a build beside this one
                }
                mounts.add(new Sandbox.Mount.Bind(dir, target, readOnly));
            }
        };
    }

    private PlannedMount secretMount(Builder.State st, Mount m) {
        String id = m.id().orElseGet(() -> m.target().map(t -> t.substring(t.lastIndexOf('/') + 1))
                .orElseThrow(() -> new BuildException("RUN --mount=" + m.spec() + ": a secret needs an id or a target")));
        Optional<String> envName = m.env();
        Optional<String> target = m.target().isPresent() || envName.isEmpty()
                ? Optional.of(m.target().map(t -> b.absolute(st, t)).orElse("/run/secrets/" + id)) : Optional.empty();
        int mode = m.mode().map(v -> parseMode(v, m)).orElse(0400);
        long uid = m.uid().map(v -> parseId(v, m)).orElse(0L);
        long gid = m.gid().map(v -> parseId(v, m)).orElse(0L);
        BuildSecret secret = b.options.secrets().get(id);
        if (secret == null && m.required()) {
            throw new BuildException("secret " + id + " is required but was not given: pass --secret id=" + id + ",src=FILE");
        }
        return new PlannedMount() {
            // Never the value: a secret must not reach a cache key.
            public String cacheKey() {
                return "secret " + id + " " + target.orElse("") + " env=" + envName.orElse("");
            }

            public void materialize(Path scratch, List<Sandbox.Mount> mounts, List<String> env) throws IOException {
                if (secret == null) {
                    return;
                }
                envName.ifPresent(name -> env.add(name + "=" + new String(secret.value(), StandardCharsets.UTF_8)));
                if (target.isPresent()) {
                    Path dir = scratch.resolve("secrets");
                    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                    Path file = Files.createTempFile(dir, "secret-", "", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.write(file, secret.value());
                    chmod(file, mode);
                    chownIfRoot(file, uid, gid);
                    mounts.add(new Sandbox.Mount.Bind(file, target.get(), true));
                }
            }
        };
    }

    private PlannedMount bindMount(Builder.State st, Mount m) throws IOException {
        String target = target(st, m);
        String source = CopySources.clean(m.source().orElse("/"));
        boolean readOnly = m.readOnly();
        CopySources.Tree tree = m.from().isPresent() ? b.fromTree(m.from().get()) : b.contextTree();
        // The files the RUN can see through the mount are inputs: their digest goes into the key.
        List<LayerEntry> seen = CopySources.entries(tree, new CopySources.Spec(List.of(source.isEmpty() ? "." : source), "/",
                Optional.empty(), Optional.empty(), List.of()));
        String digest = Builder.entriesDigest(seen, b.options.cache().hashes());
        return new PlannedMount() {
            public String cacheKey() {
                return "bind " + target + " ro=" + readOnly + " " + digest;
            }

            public void materialize(Path scratch, List<Sandbox.Mount> mounts, List<String> env) throws IOException {
                Path host = source.isEmpty() ? tree.root() : tree.root().resolve(source);
                boolean filtered = tree.ignore() != DockerIgnore.none() && m.from().isEmpty();
                if (readOnly && !filtered && !Files.isSymbolicLink(host)) {
                    mounts.add(new Sandbox.Mount.Bind(host, target, true));
                    return;
                }
                // Writable (writes are thrown away) or filtered by .dockerignore: a private copy of what it shows.
                Path copy = scratch.resolve("bind-" + mounts.size());
                Files.createDirectories(copy);
                writeTree(seen, copy);
                Path shown = Files.isDirectory(host) ? copy : copy.resolve(host.getFileName().toString());
                mounts.add(new Sandbox.Mount.Bind(shown, target, readOnly));
            }
        };
    }

    /** Writes layer entries (files, dirs, symlinks) under {@code dir}; ownership is not needed for a bind copy. */
    private static void writeTree(List<LayerEntry> entries, Path dir) throws IOException {
        for (LayerEntry e : entries) {
            Path p = dir.resolve(e.path());
            Files.createDirectories(p.getParent());
            switch (e.type()) {
                case DIRECTORY -> Files.createDirectories(p);
                case SYMLINK -> Files.createSymbolicLink(p, Path.of(e.linkTarget()));
                case FILE -> {
                    if (e.size() == 0) {
                        Files.write(p, new byte[0]);
                    } else {
                        try (var in = e.content().open()) {
                            Files.copy(in, p, StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                    chmod(p, e.mode() & 0777);
                }
                default -> {
                    // hardlinks and specials are not expected in a build context copy
                }
            }
        }
    }

    /** chmod with all 12 bits (setuid, setgid, sticky too), which PosixFilePermissions cannot express. */
    private static void chmod(Path p, int mode) throws IOException {
        Files.setAttribute(p, "unix:mode", mode & 07777, LinkOption.NOFOLLOW_LINKS);
    }

    /** Gives a file the ids a mount option asks for, where lading can: as root (no id mapping to go through). */
    private static void chownIfRoot(Path p, long uid, long gid) throws IOException {
        if (isRoot()) {
            Files.setAttribute(p, "unix:uid", (int) uid, LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(p, "unix:gid", (int) gid, LinkOption.NOFOLLOW_LINKS);
        }
    }

    /** The effective uid is 0 (user.name can say "root" for another uid, or another name for uid 0). */
    private static boolean isRoot() {
        return ROOT;
    }

    private static final boolean ROOT = dev.lading.build.sandbox.HostIds.current().root();

    private static int parseMode(String v, Mount m) {
        if (!v.matches("[0-7]{1,4}")) {
            throw new BuildException("RUN --mount=" + m.spec() + ": mode must be octal, not '" + v + "'");
        }
        return Integer.parseInt(v, 8);
    }

    private static long parseId(String v, Mount m) {
        if (!v.matches("[0-9]{1,10}") || Long.parseLong(v) > 0xFFFFFFFEL) {
            throw new BuildException("RUN --mount=" + m.spec() + ": uid/gid must be a number, not '" + v + "'");
        }
        return Long.parseLong(v);
    }

    /** Docker's sizes: bytes, or with k/m/g (binary multiples). */
    static long bytes(String v) {
        var matcher = java.util.regex.Pattern.compile("(?i)([0-9]+)\\s*([kmg]?)i?b?").matcher(v.strip());
        if (!matcher.matches()) {
            throw new BuildException("invalid size '" + v + "'");
        }
        long n = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> n << 10;
            case "m" -> n << 20;
            case "g" -> n << 30;
            default -> n;
        };
    }
}
