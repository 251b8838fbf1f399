package dev.lading.build;

import dev.lading.oci.Descriptor;
import dev.lading.oci.layout.OciLayout;
import dev.lading.oci.testing.Tools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static dev.lading.build.BuildTesting.build;
import static dev.lading.build.BuildTesting.lastLayer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/** ADD of git repositories, against repositories made here: by file:// and through a git daemon on 127.0.0.1. */
class GitSourcesTest {

    @TempDir
    Path tmp;
    Path repo;
    OciLayout layout;
    BuildOptions options;
    Process daemon;

    @BeforeEach
    void setUp() throws Exception {
        Tools.require("git", "git");
        layout = OciLayout.createOrOpen(tmp.resolve("out"));
        options = BuildOptions.of(Files.createDirectories(tmp.resolve("ctx")));
        repo = Files.createDirectories(tmp.resolve("srv/repo.git"));
        git("init", "-q", "-b", "main");
        BuildTesting.write(repo, Map.of("README", "readme\n", "bin/run.sh", "#!/bin/sh\n", "docs/guide.md", "guide\n"));
        Files.setPosixFilePermissions(repo.resolve("bin/run.sh"), PosixFilePermissions.fromString("rwxrwxr-x"));
        Files.createSymbolicLink(repo.resolve("docs/link"), Path.of("guide.md"));
        commit("first");
        git("tag", "-a", "-m", "release", "v1");
        git("checkout", "-q", "-b", "feature");
        BuildTesting.write(repo, Map.of("feature.txt", "f\n"));
        commit("feature");
        git("checkout", "-q", "main");
    }

    @AfterEach
    void stopDaemon() {
        if (daemon != null) {
            daemon.destroy();
        }
    }

    private String git(String... args) throws Exception {
        return gitIn(repo, args);
    }

    private static String gitIn(Path dir, String... args) throws Exception {
        String[] cmd = new String[args.length + 9];
        cmd[0] = "git";
        cmd[1] = "-c";
        cmd[2] = "user.name=t";
        cmd[3] = "-c";
        cmd[4] = "user.email=t@example.com";
        cmd[5] = "-c";
        cmd[6] = "commit.gpgsign=false";
        cmd[7] = "-c";
        cmd[8] = "protocol.file.allow=always";
        System.arraycopy(args, 0, cmd, 9, args.length);
        return Tools.ok(dir, cmd).trim();
    }

    /** srv/sub.git (lib.txt) with its own submodule srv/deep.git (deep.txt) at deep/, added to the repo at lib/. */
    private String addSubmodules() throws Exception {
        Path deep = Files.createDirectories(tmp.resolve("srv/deep.git"));
        gitIn(deep, "init", "-q", "-b", "main");
        BuildTesting.write(deep, Map.of("deep.txt", "deep\n"));
        gitIn(deep, "add", "-A");
        gitIn(deep, "commit", "-q", "-m", "deep");
        Path sub = Files.createDirectories(tmp.resolve("srv/sub.git"));
        gitIn(sub, "init", "-q", "-b", "main");
        BuildTesting.write(sub, Map.of("lib.txt", "lib v1\n"));
        gitIn(sub, "submodule", "add", "-q", "../deep.git", "deep");
        gitIn(sub, "add", "-A");
        gitIn(sub, "commit", "-q", "-m", "lib v1");
        git("submodule", "add", "-q", "../sub.git", "lib");
        return commit("with submodule");
    }

    /** A repository served with submodule {@code name} at lib/ whose URL is {@code url}, written as is. */
    private Path repoWithSubmoduleUrl(String name, String url) throws Exception {
        Path evil = Files.createDirectories(tmp.resolve("srv/" + name));
        gitIn(evil, "init", "-q", "-b", "main");
        BuildTesting.write(evil, Map.of("README", "r\n", ".gitmodules", "[submodule \"lib\"]\n\tpath = lib\n\turl = " + url + "\n"));
        gitIn(evil, "add", "-A");
        gitIn(evil, "update-index", "--add", "--cacheinfo", "160000," + git("rev-parse", "HEAD") + ",lib");
        gitIn(evil, "commit", "-q", "-m", "evil");
        return evil;
    }

    private String commit(String message) throws Exception {
        git("add", "-A");
        git("commit", "-q", "-m", message);
        return git("rev-parse", "HEAD");
    }

    private String url() {
        return "file://" + repo;
    }

    @Test
    void addsTheTreeOfTheDefaultBranchWithoutGitDir() throws Exception {
        BuildResult r = build(layout, options, "FROM scratch\nADD " + url() + " /src\n");
        assertThat(lastLayer(layout, r)).containsExactly(entry("src/", "d 755 0:0"), entry("src/README", "f 644 0:0 readme\n"),
                entry("src/bin/", "d 755 0:0"), entry("src/bin/run.sh", "f 755 0:0 #!/bin/sh\n"), entry("src/docs/", "d 755 0:0"),
                entry("src/docs/guide.md", "f 644 0:0 guide\n"), entry("src/docs/link", "l 777 0:0 ->guide.md"));
        assertThat(r.config().history().get(0).createdBy()).isEqualTo("ADD " + url() + " /src # buildkit");
    }

    @Test
    void refSubdirChecksumAndKeepGitDir() throws Exception {
        String feature = git("rev-parse", "feature");
        BuildResult r = build(layout, options, "FROM scratch\nADD --checksum=" + feature + " " + url() + "#feature /src/\n");
        assertThat(lastLayer(layout, r)).containsKey("src/feature.txt");

        BuildResult sub = build(layout, options, "FROM scratch\nADD --chmod=a-x " + url() + "#v1:bin /tools\n");
        assertThat(lastLayer(layout, sub)).containsExactly(entry("tools/", "d 644 0:0"), entry("tools/run.sh", "f 644 0:0 #!/bin/sh\n"));

        BuildResult kept = build(layout, options, "FROM scratch\nADD --keep-git-dir=true " + url() + "#" + feature + " /src\n");
        Map<String, String> layer = lastLayer(layout, kept);
        assertThat(layer).containsKeys("src/.git/", "src/.git/HEAD", "src/feature.txt").doesNotContainKey("src/.git/FETCH_HEAD");
        assertThat(layer.get("src/.git/HEAD")).endsWith(feature + "\n");

        assertThatThrownBy(() -> build(layout, options, "FROM scratch\nADD --checksum=0123456789abcdef " + url() + " /src\n"))
                .hasMessageStartingWith("Dockerfile:2: ADD --checksum=0123456789abcdef " + url() + " /src: ADD " + url()
                        + ": checksum mismatch");
        assertThatThrownBy(() -> build(layout, options, "FROM scratch\nADD " + url() + "#nope /src\n"))
                .hasMessageContaining("Dockerfile:2:").hasMessageContaining("has no branch or tag 'nope'");
        assertThatThrownBy(() -> build(layout, options, "FROM scratch\nADD " + url() + "#main:missing /src\n"))
                .hasMessageContaining("has no directory 'missing'");
    }

    @Test
    void cacheKeyIsTheResolvedCommitThroughAGitDaemon() throws Exception {
        int port = startDaemon();
        String remote = "git://127.0.0.1:" + port + "/repo.git";
        BuildOptions cached = options.withCache(BuildCache.open(tmp.resolve("cache")));
        String df = "FROM scratch\nADD " + remote + "#main /src\n";
        BuildResult first = build(layout, cached, df);
        assertThat(first.layersBuilt()).isEqualTo(1);
        assertThat(lastLayer(layout, first)).containsKey("src/README").doesNotContainKey("src/feature.txt");

        BuildResult again = build(layout, options.withCache(BuildCache.open(tmp.resolve("cache"))), df);
        assertThat(again.layersBuilt()).isZero();
        assertThat(again.manifest().digest()).isEqualTo(first.manifest().digest());

        BuildTesting.write(repo, Map.of("NEW", "n\n"));
        commit("moved");
        BuildResult moved = build(layout, options.withCache(BuildCache.open(tmp.resolve("cache"))), df);
        assertThat(moved.layersBuilt()).isEqualTo(1);
        assertThat(lastLayer(layout, moved)).containsKey("src/NEW");
    }

    @Test
    void credentialsInTheUrlNeverAppearInMessages() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String remote = "http://user:s3cr3t-token@127.0.0.1:" + port + "/x.git";
        assertThatThrownBy(() -> build(layout, options, "FROM scratch\nADD " + remote + " /src\n"))
                .isInstanceOf(BuildException.class)
                .hasMessageContaining("http://127.0.0.1:" + port + "/x.git")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t").doesNotContain("user:"));
        assertThat(GitSources.redact("https://tok@host/r.git and ssh://me:pw@host/r.git")).isEqualTo("https://host/r.git and ssh://me@host/r.git");
    }

    @Test
    void gitSourcesAreRecognisedAsBuildKitDoes() {
        assertThat(GitSources.isGit("git@github.com:moby/buildkit.git")).isTrue();
        assertThat(GitSources.isGit("https://github.com/moby/buildkit.git#v0.10.1:docs")).isTrue();
        assertThat(GitSources.isGit("git://host/repo")).isTrue();
        assertThat(GitSources.isGit("https://example.com/tool.tar.gz")).isFalse();
        assertThat(GitSources.isGit("app.git")).isFalse();
        GitSources.GitRef ref = GitSources.parse("https://h/r.git#v1.2:sub/dir");
        assertThat(ref).isEqualTo(new GitSources.GitRef("https://h/r.git", "v1.2", "sub/dir"));
    }

    @Test
    void queryFormMeansWhatTheFragmentMeans() {
        GitSources.GitRef q = GitSources.parse("https://h/r.git?ref=v1.2&subdir=sub/dir");
        GitSources.GitRef f = GitSources.parse("https://h/r.git#v1.2:sub/dir");
        assertThat(List.of(q.remote(), q.ref(), q.subdir(), q.submodules())).isEqualTo(List.of(f.remote(), f.ref(), f.subdir(), f.submodules()));
        assertThat(q.display()).isEqualTo("https://h/r.git?ref=v1.2&subdir=sub/dir");
        assertThat(GitSources.parse("https://h/r.git?ref=v1.2").ref()).isEqualTo("v1.2");
        assertThat(GitSources.parse("https://h/r.git?subdir=%2Fa%2Fb").subdir()).isEqualTo("a/b");
        assertThat(GitSources.parse("https://h/r.git?tag=v1").ref()).isEqualTo("refs/tags/v1");
        assertThat(GitSources.parse("https://h/r.git?branch=dev&commit=abcdef1").ref()).isEqualTo("refs/heads/dev");
        assertThat(GitSources.parse("https://h/r.git?branch=dev&commit=ABCDEF1").checksum()).isEqualTo("abcdef1");
        assertThat(GitSources.parse("https://h/r.git?keep-git-dir").keepGitDir()).contains(true);
        assertThat(GitSources.parse("https://h/r.git?keep-git-dir=false").keepGitDir()).contains(false);
        assertThat(GitSources.parse("https://h/r.git?submodules=false").submodules()).isFalse();
        // agreeing fragment and query are one ref, as BuildKit takes them
        assertThat(GitSources.parse("https://h/r.git?ref=v1&subdir=d#v1:d").subdir()).isEqualTo("d");
        assertThat(GitSources.parse("https://tok@h/r.git?ref=v1").display()).isEqualTo("https://h/r.git?ref=v1");
    }

    @Test
    void badQueriesAreDockerfileErrors() {
        Map<String, String> bad = new java.util.LinkedHashMap<>();
        bad.put("?ref=v1#main", "ref 'v1' conflicts with 'main'");
        bad.put("?subdir=a#main:b", "subdir 'a' conflicts with 'b'");
        bad.put("?tag=v1&branch=main", "branch and tag both given");
        bad.put("?ref=main&tag=v1", "tag 'refs/tags/v1' conflicts with 'main'");
        bad.put("?depth=1", "unknown query 'depth'");
        bad.put("?ref=", "query 'ref' has no value");
        bad.put("?ref", "query 'ref' has no value");
        bad.put("?ref=a&ref=b", "query 'ref' has more than one value");
        bad.put("?submodules=maybe", "query 'submodules' must be true or false, not 'maybe'");
        bad.put("?ref=%zz", "malformed query");
        bad.put("?mtime=commit", "query 'mtime' is not supported");
        for (var e : bad.entrySet()) {
            assertThatThrownBy(() -> build(layout, options, "FROM scratch\nADD " + url() + e.getKey() + " /src\n"))
                    .as(e.getKey()).isInstanceOf(BuildException.class)
                    .hasMessageStartingWith("Dockerfile:2: ").hasMessageContaining(e.getValue());
        }
        assertThatThrownBy(() -> GitSources.parse("https://user:s3cr3t@h/r.git?nope=1"))
                .hasMessageContaining("https://h/r.git?nope=1").satisfies(x -> assertThat(x.getMessage()).doesNotContain("s3cr3t"));
    }

    @Test
    void queryRefSubdirChecksumAndKeepGitDirBuildAsTheFragmentDoes() throws Exception {
        BuildResult frag = build(layout, options, "FROM scratch\nADD " + url() + "#v1:bin /tools\n");
        BuildResult query = build(layout, options, "FROM scratch\nADD " + url() + "?ref=v1&subdir=bin /tools\n");
        assertThat(lastLayer(layout, query)).isEqualTo(lastLayer(layout, frag)).containsKey("tools/run.sh");
        assertThat(query.config().history().get(0).createdBy()).isEqualTo("ADD " + url() + "?ref=v1&subdir=bin /tools # buildkit");
        assertThat(lastLayer(layout, build(layout, options, "FROM scratch\nADD " + url() + "?tag=v1 /src\n")))
                .containsKey("src/README").doesNotContainKey("src/feature.txt");

        String feature = git("rev-parse", "feature");
        BuildResult branch = build(layout, options, "FROM scratch\nADD " + url() + "?branch=feature&checksum=" + feature.substring(0, 10) + " /src\n");
        assertThat(lastLayer(layout, branch)).containsKey("src/feature.txt");
        assertThatThrownBy(() -> build(layout, options, "FROM scratch\nADD " + url() + "?branch=main&checksum=" + feature.substring(0, 10) + " /src\n"))
                .hasMessageStartingWith("Dockerfile:2:").hasMessageContaining("checksum mismatch: checksum " + feature.substring(0, 10));
        assertThatThrownBy(() -> build(layout, options, "FROM scratch\nADD --checksum=0123456 " + url() + "?checksum=" + feature + " /src\n"))
                .hasMessageStartingWith("Dockerfile:2:").hasMessageContaining("differs from --checksum");
        // a full hash as the only checksum is the ref as well
        assertThat(lastLayer(layout, build(layout, options, "FROM scratch\nADD " + url() + "?commit=" + feature + " /src\n")))
                .containsKey("src/feature.txt");

        Map<String, String> kept = lastLayer(layout, build(layout, options, "FROM scratch\nADD " + url() + "?keep-git-dir=true&ref=main /src\n"));
        assertThat(kept).containsKeys("src/.git/", "src/.git/HEAD");
        assertThatThrownBy(() -> build(layout, options, "FROM scratch\nADD --keep-git-dir=true " + url() + "?keep-git-dir=false /src\n"))
                .hasMessageStartingWith("Dockerfile:2:").hasMessageContaining("the URL says keep-git-dir=false");
    }

    @Test
    void submodulesAreCheckedOutRecursivelyWithoutTheirGitFiles() throws Exception {
        addSubmodules();
        Map<String, String> layer = lastLayer(layout, build(layout, options, "FROM scratch\nADD " + url() + " /src\n"));
        assertThat(layer).containsEntry("src/lib/lib.txt", "f 644 0:0 lib v1\n").containsEntry("src/lib/deep/deep.txt", "f 644 0:0 deep\n")
                .containsKeys("src/.gitmodules", "src/lib/.gitmodules");
        assertThat(layer.keySet()).noneMatch(k -> k.contains(".git/") || k.endsWith("/.git"));

        Map<String, String> off = lastLayer(layout, build(layout, options, "FROM scratch\nADD " + url() + "?submodules=false /src\n"));
        assertThat(off).containsKey("src/lib/").doesNotContainKey("src/lib/lib.txt");

        Map<String, String> kept = lastLayer(layout, build(layout, options, "FROM scratch\nADD --keep-git-dir=true " + url() + " /src\n"));
        assertThat(kept).containsKeys("src/lib/.git", "src/lib/lib.txt", "src/.git/modules/lib/HEAD", "src/.git/modules/lib/modules/deep/HEAD");
        assertThat(kept.keySet()).noneMatch(k -> k.endsWith("FETCH_HEAD") || k.contains("/logs/"));
    }

    @Test
    void submodulesThroughAGitDaemonAreCachedByTheSuperprojectCommit() throws Exception {
        addSubmodules();
        int port = startDaemon();
        String remote = "git://127.0.0.1:" + port + "/repo.git";
        String df = "FROM scratch\nADD " + remote + "#main /src\n";
        BuildResult first = build(layout, options.withCache(BuildCache.open(tmp.resolve("cache"))), df);
        assertThat(lastLayer(layout, first)).containsEntry("src/lib/lib.txt", "f 644 0:0 lib v1\n").containsKey("src/lib/deep/deep.txt");

        // The submodule moves on, the superproject still pins the old commit: the same layer, from the cache.
        Path sub = tmp.resolve("srv/sub.git");
        BuildTesting.write(sub, Map.of("lib.txt", "lib v2\n"));
        gitIn(sub, "commit", "-q", "-a", "-m", "lib v2");
        BuildResult again = build(layout, options.withCache(BuildCache.open(tmp.resolve("cache"))), df);
        assertThat(again.layersBuilt()).isZero();
        assertThat(again.manifest().digest()).isEqualTo(first.manifest().digest());
        BuildResult uncached = build(layout, options, df);
        assertThat(lastLayer(layout, uncached)).containsEntry("src/lib/lib.txt", "f 644 0:0 lib v1\n");
    }

    @Test
    void aNetworkRepositoryMayNotPullLocalFilesInAsSubmodules() throws Exception {
        Path secret = Files.createDirectories(tmp.resolve("private"));
        gitIn(secret, "init", "-q", "-b", "main");
        BuildTesting.write(secret, Map.of("id_rsa", "PRIVATE\n"));
        gitIn(secret, "add", "-A");
        gitIn(secret, "commit", "-q", "-m", "secret");
        repoWithSubmoduleUrl("evil.git", "file://" + secret);
        repoWithSubmoduleUrl("ext.git", "ext::sh -c touch% " + tmp.resolve("pwned"));
        int port = startDaemon();
        assertThatThrownBy(() -> build(layout, options, "FROM scratch\nADD git://127.0.0.1:" + port + "/evil.git /src\n"))
                .isInstanceOf(BuildException.class).hasMessageStartingWith("Dockerfile:2:")
                .hasMessageContaining("transport 'file' not allowed");
        assertThatThrownBy(() -> build(layout, options, "FROM scratch\nADD git://127.0.0.1:" + port + "/ext.git /src\n"))
                .isInstanceOf(BuildException.class).hasMessageContaining("transport 'ext' not allowed");
        assertThat(tmp.resolve("pwned")).doesNotExist();
    }

    @Test
    void credentialsInASubmoduleUrlNeverAppearInMessages() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path leaky = repoWithSubmoduleUrl("leaky.git", "http://user:s3cr3t-token@127.0.0.1:" + port + "/x.git");
        assertThatThrownBy(() -> build(layout, options, "FROM scratch\nADD file://" + leaky + " /src\n"))
                .isInstanceOf(BuildException.class).hasMessageStartingWith("Dockerfile:2:")
                .hasMessageContaining("http://127.0.0.1:" + port + "/x.git")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t").doesNotContain("user:"));
    }

    /**
     * Over http with credentials in the URL (a server that answers 401 without them): relative submodule URLs get
     * them too, and a kept .git holds them nowhere.
     */
    @Test
    void credentialsReachSubmodulesButNotAKeptGitDir() throws Exception {
        addSubmodules();
        for (String name : List.of("repo.git", "sub.git", "deep.git")) {
            gitIn(tmp.resolve("srv/" + name), "update-server-info");
        }
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String auth = "Basic " + java.util.Base64.getEncoder().encodeToString("user:s3cr3t-token".getBytes(StandardCharsets.UTF_8));
        Path srv = tmp.resolve("srv");
        server.createContext("/", ex -> {
            try (ex) {
                if (!auth.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                    ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
                    ex.sendResponseHeaders(401, -1);
                    return;
                }
                // /NAME.git/PATH is srv/NAME.git/.git/PATH: the "dumb" http protocol, plain files
                String[] parts = ex.getRequestURI().getPath().substring(1).split("/", 2);
                Path file = parts.length == 2 ? srv.resolve(parts[0]).resolve(".git").resolve(parts[1]).normalize() : srv;
                if (!file.startsWith(srv) || !Files.isRegularFile(file)) {
                    ex.sendResponseHeaders(404, -1);
                    return;
                }
                byte[] body = Files.readAllBytes(file);
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            }
        });
        server.start();
        try {
            String remote = "http://user:s3cr3t-token@127.0.0.1:" + server.getAddress().getPort() + "/repo.git";
            BuildResult r = build(layout, options, "FROM scratch\nADD --keep-git-dir=true " + remote + "#main /src\n");
            Map<String, String> layer = lastLayer(layout, r);
            assertThat(layer).containsEntry("src/lib/lib.txt", "f 644 0:0 lib v1\n").containsKey("src/lib/deep/deep.txt")
                    .containsKey("src/.git/modules/lib/config");
            assertThat(layer).allSatisfy((path, entry) -> assertThat(entry).as(path).doesNotContain("s3cr3t"));
            assertThat(layer.get("src/.git/config")).contains("url = http://127.0.0.1:" + server.getAddress().getPort() + "/repo.git");
            assertThat(r.config().history().get(0).createdBy()).doesNotContain("s3cr3t");
        } finally {
            server.stop(0);
        }
    }

    /** Files of a repository carry the build's SOURCE_DATE_EPOCH, not the time of the checkout (see GitSources). */
    @Test
    void filesOfARepositoryCarryTheSourceDateEpoch() throws Exception {
        long epoch = 1_700_000_000L;
        BuildOptions dated = options.withSourceDateEpoch(epoch);
        BuildResult first = build(layout, dated, "FROM scratch\nADD " + url() + " /src\n");
        List<Descriptor> layers = BuildTesting.manifest(layout, first).layers();
        Descriptor layer = layers.get(layers.size() - 1);
        Map<String, Long> times = new java.util.LinkedHashMap<>();
        try (var raw = new java.io.BufferedInputStream(layout.openBlob(layer));
             var plain = dev.lading.oci.layer.LayerCompression.decompress(raw);
             var tar = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(plain)) {
            for (var e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                times.put(e.getName(), e.getModTime().toInstant().getEpochSecond());
            }
        }
        assertThat(times).containsKeys("src/README", "src/docs/link", "src/bin/").allSatisfy((name, t) -> assertThat(t).as(name).isEqualTo(epoch));
        // fetched again later, the same layer
        BuildResult second = build(layout, dated, "FROM scratch\nADD " + url() + " /src\n");
        assertThat(BuildTesting.manifest(layout, second).layers()).isEqualTo(layers);
    }

    /** A git daemon serving srv/ on a free port of 127.0.0.1, ready when it says so and accepts a connection. */
    private int startDaemon() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path base = repo.getParent();
        daemon = new ProcessBuilder("git", "daemon", "--verbose", "--reuseaddr", "--export-all", "--listen=127.0.0.1",
                "--port=" + port, "--base-path=" + base, base.toString()).redirectErrorStream(true).start();
        BufferedReader log = new BufferedReader(new InputStreamReader(daemon.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = log.readLine()) != null; ) {
            if (line.contains("Ready to rumble")) {
                break;
            }
        }
        // Keep draining its log so it never blocks on a full pipe.
        Thread.ofVirtual().start(() -> {
            try {
                while (log.readLine() != null) {
                    // discard
                }
            } catch (java.io.IOException ignored) {
                // the daemon stopped
            }
        });
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        }
        return port;
    }
}
