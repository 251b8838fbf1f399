package dev.lading.build;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * {@code ADD <git repository> <dest>}, done with the {@code git} command: the ref is resolved to a commit with
 * {@code git ls-remote} (so a rebuild whose remote did not move is a cache hit without a clone), then that commit
 * is fetched ({@code --depth 1} when the server allows it, else in full) into a temporary directory and checked out.
 *
 * <p>Which sources are repositories follows BuildKit's gitutil.ParseGitRef: {@code git@host:path},
 * {@code git://}, {@code ssh://}, and {@code http(s)://} URLs whose path ends in {@code .git}; lading also takes
 * {@code file://} URLs. {@code #ref:subdir} picks a branch, tag or full commit hash and a directory of the tree;
 * the query form of BuildKit's dfgitutil ({@code ?ref=v1&subdir=dir}, also {@code tag=}, {@code branch=},
 * {@code checksum=} or {@code commit=}, {@code keep-git-dir}, {@code submodules}) means the same, may be combined
 * with a fragment that agrees with it, and rejects unknown keys, empty or repeated values.
 *
 * <p>Submodules of the commit are checked out too, recursively, as BuildKit does unless {@code ?submodules=false}.
 * Their commits are pinned by the superproject's commit, so the commit stays the cache key. A repository fetched
 * over the network may not name {@code file://} (local) or {@code ext::} submodules; a local one may use file://.
 *
 * <p>File times: BuildKit leaves the checkout time on the files of a git source (or the commit time with
 * {@code ?mtime=commit} or SOURCE_DATE_EPOCH), and its {@code rewrite-timestamp} exporter option then clamps them to
 * SOURCE_DATE_EPOCH. lading writes every file of every layer with the build's SOURCE_DATE_EPOCH (0 unless set), so
 * the files of a repository carry that fixed time and the layer does not depend on when it was fetched: what
 * BuildKit gives with SOURCE_DATE_EPOCH and rewrite-timestamp. {@code ?mtime=} is therefore refused, not ignored.
 *
 * <p>Credentials in a URL are used but never shown: messages, history and a kept {@code .git} (of submodules too)
 * name the URL without them.
 */
final class GitSources {

    /** How long one git command may take: a clone of a large repository over a slow link, not a hang. */
    private static final long TIMEOUT_MINUTES = 30;
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");

    /**
     * A repository source.
     *
     * @param remote      the URL git is given (with any credentials), without query or fragment
     * @param ref         the branch, tag, full ref name or commit hash; empty: the remote's HEAD
     * @param subdir      the directory of the tree to copy, cleaned; empty: the whole tree
     * @param checksum    {@code ?checksum=}: the commit hash or a prefix of it; empty: none
     * @param keepGitDir  {@code ?keep-git-dir=}: empty when the URL does not say
     * @param submodules  whether submodules are checked out ({@code ?submodules=false}: not)
     * @param options     the query and fragment as written, for display (and so for the cache key)
     */
    record GitRef(String remote, String ref, String subdir, String checksum, Optional<Boolean> keepGitDir,
                  boolean submodules, String options) {
        GitRef(String remote, String ref, String subdir) {
            this(remote, ref, subdir, "", Optional.empty(), true,
                    ref.isEmpty() && subdir.isEmpty() ? "" : "#" + ref + (subdir.isEmpty() ? "" : ":" + subdir));
        }

        /** The source for people: the URL without credentials, with its query and fragment. */
        String display() {
            return redact(remote) + options;
        }
    }

    private GitSources() {
    }

    static boolean isGit(String source) {
        String s = source.toLowerCase(Locale.ROOT);
        if (s.startsWith("git@") || s.startsWith("git://") || s.startsWith("ssh://") || s.startsWith("file://")) {
            return true;
        }
        if (s.startsWith("http://") || s.startsWith("https://")) {
            String path = s.replaceFirst("#.*$", "").replaceFirst("\\?.*$", "");
            return path.endsWith(".git") || path.endsWith(".git/");
        }
        return false;
    }

    static GitRef parse(String source) {
        int hash = source.indexOf('#');
        String beforeHash = hash < 0 ? source : source.substring(0, hash);
        String fragment = hash < 0 ? "" : source.substring(hash + 1);
        int question = beforeHash.indexOf('?');
        String remote = question < 0 ? beforeHash : beforeHash.substring(0, question);
        String query = question < 0 ? "" : beforeHash.substring(question + 1);
        int colon = fragment.indexOf(':');
        String ref = colon < 0 ? fragment : fragment.substring(0, colon);
        String subdir = colon < 0 ? "" : fragment.substring(colon + 1);
        String checksum = "";
        Optional<Boolean> keepGitDir = Optional.empty();
        boolean submodules = true;
        String tag = "";
        String branch = "";
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(source, eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(source, pair.substring(eq + 1));
            if (!seen.add(key)) {
                throw invalid(source, "query '" + key + "' has more than one value");
            }
            boolean flag = key.equals("keep-git-dir") || key.equals("submodules");
            if (value.isEmpty() && !flag) {
                throw invalid(source, "query '" + key + "' has no value");
            }
            switch (key) {
                case "ref" -> ref = agree(source, "ref", ref, value);
                case "tag" -> tag = value.startsWith("refs/tags/") ? value : "refs/tags/" + value;
                case "branch" -> branch = value.startsWith("refs/heads/") ? value : "refs/heads/" + value;
                case "subdir" -> subdir = agree(source, "subdir", subdir, value);
                case "checksum", "commit" -> checksum = value;
                case "keep-git-dir" -> keepGitDir = Optional.of(bool(source, key, value));
                case "submodules" -> submodules = bool(source, key, value);
                case "mtime" -> throw invalid(source, "query 'mtime' is not supported: lading gives every file the"
                        + " build's SOURCE_DATE_EPOCH");
                default -> throw invalid(source, "unknown query '" + key
                        + "' (known: ref, tag, branch, subdir, checksum, commit, keep-git-dir, submodules)");
            }
        }
        if (!tag.isEmpty()) {
            ref = agree(source, "tag", ref, tag);
        }
        if (!branch.isEmpty()) {
            if (!tag.isEmpty()) {
                throw invalid(source, "branch and tag both given");
            }
            ref = agree(source, "branch", ref, branch);
        }
        if (ref.isEmpty() && !checksum.isEmpty()) {
            ref = checksum;
        }
        subdir = subdir.isEmpty() ? "" : CopySources.clean(subdir);
        if (ref.startsWith("-") || remote.startsWith("-") || remote.isEmpty()) {
            throw invalid(source, "not a valid git reference");
        }
        String options = source.substring(remote.length());
        return new GitRef(remote, ref, subdir, checksum.toLowerCase(Locale.ROOT), keepGitDir, submodules, options);
    }

    /** A query value that must agree with what the fragment (or another key) already says. */
    private static String agree(String source, String key, String had, String value) {
        if (!had.isEmpty() && !had.equals(value)) {
            throw invalid(source, key + " '" + value + "' conflicts with '" + had + "'");
        }
        return value;
    }

    private static boolean bool(String source, String key, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "", "true", "1", "t" -> true;
            case "false", "0", "f" -> false;
            default -> throw invalid(source, "query '" + key + "' must be true or false, not '" + value + "'");
        };
    }

    private static String decode(String source, String text) {
        try {
            return java.net.URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid(source, "malformed query: " + e.getMessage());
        }
    }

    private static BuildException invalid(String source, String why) {
        return new BuildException("ADD " + redact(source) + ": " + why);
    }

    static String redact(String text) {
        return UrlRedaction.redact(text);
    }

    /**
     * The commit {@code ref} names now, per {@code git ls-remote}: a full hash as it is, else the peeled tag, the
     * tag, the branch or the full ref name, in that order, as BuildKit's git source prefers them.
     */
    static String resolve(GitRef ref, Consumer<String> progress) throws IOException {
        String wanted = ref.ref().isEmpty() ? "HEAD" : ref.ref();
        if (HEX.matcher(wanted).matches()) {
            return wanted;
        }
        progress.accept("  resolving " + ref.display());
        String out = git(null, ref, "ls-remote", "--", ref.remote());
        Map<String, String> refs = new HashMap<>();
        for (String line : out.split("\n")) {
            String[] f = line.split("\t", 2);
            if (f.length == 2 && HEX.matcher(f[0]).matches()) {
                refs.put(f[1], f[0]);
            }
        }
        List<String> candidates = wanted.equals("HEAD") ? List.of("HEAD")
                : wanted.startsWith("refs/") ? List.of(wanted + "^{}", wanted)
                : List.of("refs/tags/" + wanted + "^{}", "refs/tags/" + wanted, "refs/heads/" + wanted, "refs/" + wanted);
        for (String c : candidates) {
            if (refs.containsKey(c)) {
                return refs.get(c);
            }
        }
        throw new BuildException("git repository " + redact(ref.remote()) + " has no branch or tag '" + wanted + "'");
    }

    /**
     * Checks {@code --checksum} and the URL's {@code ?checksum=}: the commit's hash, or a prefix of it of at least 7
     * hex digits. When both are given they must be the same, as BuildKit requires.
     */
    static void verify(GitRef ref, String commit, Optional<String> flag) {
        Optional<String> checksum = flag;
        if (!ref.checksum().isEmpty()) {
            if (flag.isPresent() && !flag.get().equalsIgnoreCase(ref.checksum())) {
                throw new BuildException("ADD --checksum=" + flag.get() + " " + ref.display()
                        + ": the URL's checksum " + ref.checksum() + " differs from --checksum");
            }
            checksum = Optional.of(ref.checksum());
        }
        if (checksum.isEmpty()) {
            return;
        }
        String want = checksum.get().toLowerCase(Locale.ROOT);
        String given = flag.isPresent() ? "--checksum=" + flag.get() : "checksum " + checksum.get();
        if (!want.matches("[0-9a-f]{7,64}")) {
            throw new BuildException("ADD " + (flag.isPresent() ? given + " " : "") + ref.display()
                    + ": for a git repository the checksum is the commit hash");
        }
        if (!commit.startsWith(want)) {
            throw new BuildException("ADD " + ref.display() + ": checksum mismatch: " + given
                    + " but the ref is commit " + commit);
        }
    }

    /**
     * Fetches and checks out {@code commit} into a new directory in {@code parent}, with umask 022 so file modes
     * do not depend on the caller's, then its submodules (recursively) unless the URL says {@code submodules=false}.
     * Without {@code keepGitDir} (the flag or the URL's {@code keep-git-dir}) every {@code .git} is removed; with
     * it, {@code origin} and the submodules' URLs are named without credentials, and FETCH_HEAD and the reflogs
     * (which record URLs) are gone.
     *
     * @return the directory to copy: the checkout or its subdirectory
     */
    static Path checkout(GitRef ref, String commit, boolean keepGitDir, Path parent, Consumer<String> progress) throws IOException {
        if (keepGitDir && ref.keepGitDir().equals(Optional.of(false))) {
            throw new BuildException("ADD --keep-git-dir=true " + ref.display() + ": the URL says keep-git-dir=false");
        }
        boolean keep = keepGitDir || ref.keepGitDir().orElse(false);
        Path dir;
        progress.accept("  fetching " + ref.display() + " at " + commit.substring(0, 12));
        // The checkout's root becomes the destination directory: 0755 as a fresh directory is, not a temp dir's 0700.
        dir = Files.createDirectory(parent.resolve("checkout"));
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        git(dir, ref, "init", "-q");
        try {
            git(dir, ref, "fetch", "-q", "--depth", "1", "--no-tags", "--", ref.remote(), commit);
        } catch (BuildException shallowRefused) {
            // Servers that do not let a client ask for a commit by hash: the whole history, then the commit.
            git(dir, ref, "fetch", "-q", "--tags", "--", ref.remote(), "+refs/heads/*:refs/remotes/origin/*");
        }
        git(dir, ref, "-c", "advice.detachedHead=false", "checkout", "-q", "--detach", commit);
        String head = git(dir, ref, "rev-parse", "HEAD").trim();
        if (!head.equals(commit)) {
            throw new BuildException("ADD " + ref.display() + ": checked out " + head + " instead of " + commit);
        }
        if (ref.submodules() && Files.isRegularFile(dir.resolve(".gitmodules"))) {
            submodules(dir, ref, progress);
        }
        if (keep) {
            git(dir, ref, "remote", "add", "origin", redact(ref.remote()));
            scrubGitDir(dir.resolve(".git"));
        } else {
            removeGitDirs(dir);
        }
        if (ref.subdir().isEmpty()) {
            return dir;
        }
        Path sub = dir.resolve(ref.subdir());
        if (!Files.isDirectory(sub) || !sub.toRealPath().startsWith(dir.toRealPath())) {
            throw new BuildException("ADD " + ref.display() + ": the repository has no directory '" + ref.subdir() + "' at " + commit);
        }
        return sub;
    }

    /**
     * {@code git submodule update --init --recursive} at the commits the superproject pins. Relative submodule URLs
     * resolve against {@code origin}, so origin is the real URL (credentials and all) while this runs; afterwards
     * the caller names it without them. Which protocols a submodule may use: git's own rules for URLs that come
     * from a repository (GIT_PROTOCOL_FROM_USER=0): file:// only when the superproject itself is local, ext:: never,
     * whatever the user's git configuration allows elsewhere.
     */
    private static void submodules(Path dir, GitRef ref, Consumer<String> progress) throws IOException {
        progress.accept("  checking out the submodules of " + ref.display());
        git(dir, ref, "remote", "add", "origin", ref.remote());
        String fileAllow = isLocal(ref.remote()) ? "always" : "never";
        List<String> base = List.of("-c", "protocol.file.allow=" + fileAllow, "-c", "protocol.ext.allow=never",
                "-c", "advice.detachedHead=false", "submodule", "--quiet", "update", "--init", "--recursive");
        List<String> shallow = new ArrayList<>(base);
        shallow.add("--depth=1");
        try {
            git(dir, ref, shallow.toArray(String[]::new));
        } catch (BuildException shallowRefused) {
            // A server that will not send a pinned commit that is not a branch tip to a shallow fetch: in full.
            git(dir, ref, base.toArray(String[]::new));
        }
        git(dir, ref, "remote", "remove", "origin");
    }

    private static boolean isLocal(String remote) {
        String r = remote.toLowerCase(Locale.ROOT);
        return r.startsWith("file://") || r.startsWith("/");
    }

    /**
     * A kept {@code .git} (and the {@code .git/modules} of submodules) without credentials: URLs in config files are
     * redacted, FETCH_HEAD and reflogs ("clone: from URL") removed.
     */
    private static void scrubGitDir(Path gitDir) throws IOException {
        List<Path> found;
        try (var s = Files.walk(gitDir)) {
            found = s.filter(p -> {
                String name = p.getFileName().toString();
                return name.equals("FETCH_HEAD") || name.equals("config") || name.equals("logs") && Files.isDirectory(p);
            }).toList();
        }
        for (Path p : found) {
            if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                continue; // inside a logs directory already removed
            }
            String name = p.getFileName().toString();
            if (name.equals("config") && Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                String text = Files.readString(p, StandardCharsets.UTF_8);
                String clean = redact(text);
                if (!clean.equals(text)) {
                    Files.writeString(p, clean, StandardCharsets.UTF_8);
                }
            } else if (name.equals("logs")) {
                dev.lading.oci.FileTrees.delete(p);
            } else if (name.equals("FETCH_HEAD")) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Every {@code .git} of the checkout: the superproject's directory and the files submodules point with. */
    private static void removeGitDirs(Path dir) throws IOException {
        List<Path> found;
        try (var s = Files.walk(dir)) {
            found = s.filter(p -> p.getFileName().toString().equals(".git")).toList();
        }
        for (Path p : found) {
            if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                dev.lading.oci.FileTrees.delete(p);
            } else {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Runs git with no prompt for credentials; a failure is a BuildException with git's words, credentials removed. */
    private static String git(Path dir, GitRef ref, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("sh", "-c", "umask 022 && exec git \"$@\"", "git"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        pb.environment().put("GIT_TERMINAL_PROMPT", "0");
        pb.environment().put("GIT_ASKPASS", "true");
        pb.environment().put("LC_ALL", "C");
        Path err = Files.createTempFile("lading-git-", ".err");
        try {
            pb.redirectError(err.toFile());
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                throw new BuildException("ADD of a git repository needs the git command: " + e.getMessage());
            }
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            try {
                if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                    p.destroyForcibly();
                    throw new BuildException("git " + args[0] + " of " + ref.display() + " took longer than " + TIMEOUT_MINUTES + " minutes");
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted running git " + args[0]);
            }
            if (p.exitValue() != 0) {
                String message = Files.readString(err, StandardCharsets.UTF_8).strip();
                message = redact(message.replace(ref.remote(), redact(ref.remote())));
                throw new BuildException("git " + args[0] + " of " + ref.display() + " failed"
                        + (message.isEmpty() ? " (exit " + p.exitValue() + ")" : ": " + message));
            }
            return new String(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(err);
        }
    }
}
