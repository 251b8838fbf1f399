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
 * {@code file://} URLs. {@code #ref:subdir} picks a branch, tag or full commit hash and a directory of the tree.
 * Credentials in a URL are used but never shown: messages, history and a kept {@code .git} name the URL without them.
 */
final class GitSources {

    /** How long one git command may take: a clone of a large repository over a slow link, not a hang. */
    private static final long TIMEOUT_MINUTES = 30;
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");

    /**
     * A repository source.
     *
     * @param remote  the URL git is given (with any credentials)
     * @param ref     the branch, tag, full ref name or commit hash; empty: the remote's HEAD
     * @param subdir  the directory of the tree to copy, cleaned; empty: the whole tree
     */
    record GitRef(String remote, String ref, String subdir) {
        /** The source for people: the URL without credentials, with its fragment. */
        String display() {
            return redact(remote) + (ref.isEmpty() && subdir.isEmpty() ? "" : "#" + ref + (subdir.isEmpty() ? "" : ":" + subdir));
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
        String remote = hash < 0 ? source : source.substring(0, hash);
        String fragment = hash < 0 ? "" : source.substring(hash + 1);
        int colon = fragment.indexOf(':');
        String ref = colon < 0 ? fragment : fragment.substring(0, colon);
        String subdir = colon < 0 ? "" : CopySources.clean(fragment.substring(colon + 1));
        if (ref.startsWith("-") || remote.startsWith("-")) {
            throw new BuildException("ADD " + redact(source) + ": not a valid git reference");
        }
        return new GitRef(remote, ref, subdir);
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
                : List.of("refs/tags/" + wanted + "^{}", "refs/tags/" + wanted, "refs/heads/" + wanted);
        for (String c : candidates) {
            if (refs.containsKey(c)) {
                return refs.get(c);
            }
        }
        throw new BuildException("git repository " + redact(ref.remote()) + " has no branch or tag '" + wanted + "'");
    }

    /** Checks {@code --checksum}: the commit's hash, or a prefix of it of at least 7 hex digits. */
    static void verify(GitRef ref, String commit, Optional<String> checksum) {
        if (checksum.isEmpty()) {
            return;
        }
        String want = checksum.get().toLowerCase(Locale.ROOT);
        if (!want.matches("[0-9a-f]{7,64}")) {
            throw new BuildException("ADD --checksum=" + checksum.get() + " " + ref.display()
                    + ": for a git repository the checksum is the commit hash");
        }
        if (!commit.startsWith(want)) {
            throw new BuildException("ADD " + ref.display() + ": checksum mismatch: --checksum=" + checksum.get()
                    + " but the ref is commit " + commit);
        }
    }

    /**
     * Fetches and checks out {@code commit} into a new directory in {@code parent}, with umask 022 so file modes
     * do not depend on the caller's. Without {@code keepGitDir} the {@code .git} directory is removed; with it,
     * {@code origin} names the URL without credentials and FETCH_HEAD (which records the URL) is gone.
     *
     * @return the directory to copy: the checkout or its subdirectory
     */
    static Path checkout(GitRef ref, String commit, boolean keepGitDir, Path parent, Consumer<String> progress) throws IOException {
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
        if (keepGitDir) {
            git(dir, ref, "remote", "add", "origin", redact(ref.remote()));
            Files.deleteIfExists(dir.resolve(".git/FETCH_HEAD"));
        } else {
            Builder.deleteTree(dir.resolve(".git"));
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
