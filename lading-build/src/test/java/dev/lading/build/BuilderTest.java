package dev.lading.build;

import dev.lading.dockerfile.expand.BuildArgs;
import dev.lading.dockerfile.ignore.DockerIgnore;
import dev.lading.oci.ImageConfig;
import dev.lading.oci.Platform;
import dev.lading.oci.layout.OciLayout;
import dev.lading.oci.testing.TestImages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.lading.build.BuildTesting.build;
import static dev.lading.build.BuildTesting.lastLayer;
import static dev.lading.build.BuildTesting.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class BuilderTest {

    @TempDir
    Path tmp;
    Path context;
    OciLayout layout;
    OciLayout bases;
    BuildOptions options;

    @BeforeEach
    void setUp() throws Exception {
        context = Files.createDirectories(tmp.resolve("ctx"));
        layout = OciLayout.createOrOpen(tmp.resolve("out"));
        bases = OciLayout.createOrOpen(tmp.resolve("bases"));
        Map<String, String> rootfs = new LinkedHashMap<>();
        rootfs.put("etc/passwd", "root:x:0:0:root:/root:/bin/sh\napp:x:1001:1002::/home/app:/bin/sh\n");
        rootfs.put("etc/group", "root:x:0:\nstaff:x:50:\napp:x:1002:\n");
        rootfs.put("srv/existing.txt", "x");
        TestImages.store(bases, TestImages.image(Platform.of("linux", "amd64", null), List.of(TestImages.layer(rootfs)),
                ImageConfig.Config.EMPTY.withEnv(List.of("PATH=/usr/bin:/bin", "HOME=/root")).withCmd(List.of("sh"))), "base");
        options = BuildOptions.of(context).withBaseImages(BaseImageResolver.copying(name -> bases.reader(name)));
    }

    @Test
    void metadataInstructionsMakeDockersConfigAndHistory() throws Exception {
        BuildResult r = build(layout, options, """
                FROM scratch
                MAINTAINER Jane <jane@example.com>
                ENV A=1 B="two words"
                LABEL com.example.b=2 com.example.a="x y"
                USER 1000:1000
                EXPOSE 80 53/udp 8000-8001
                VOLUME ["/data", "/cache"]
                SHELL ["/bin/bash", "-eu", "-c"]
                ENTRYPOINT echo hi
                CMD ["--flag", "x y"]
                HEALTHCHECK --interval=1m30s --timeout=500ms --retries=3 CMD curl -f http://localhost/
                STOPSIGNAL SIGQUIT
                ONBUILD COPY . /src
                ARG V=1
                """);
        ImageConfig cfg = r.config();
        ImageConfig.Config c = cfg.config();
        assertThat(cfg.author()).isEqualTo("Jane <jane@example.com>");
        assertThat(c.env()).containsExactly("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "A=1", "B=two words");
        assertThat(c.labels()).containsExactly(entry("com.example.a", "x y"), entry("com.example.b", "2"),
                entry("org.opencontainers.image.created", "1970-01-01T00:00:00Z"));
        assertThat(c.user()).isEqualTo("1000:1000");
        assertThat(c.exposedPorts()).containsOnlyKeys("53/udp", "80/tcp", "8000/tcp", "8001/tcp");
        assertThat(c.volumes()).containsOnlyKeys("/data", "/cache");
        assertThat(c.shell()).containsExactly("/bin/bash", "-eu", "-c");
        assertThat(c.entrypoint()).containsExactly("/bin/bash", "-eu", "-c", "echo hi");
        assertThat(c.cmd()).containsExactly("--flag", "x y");
        assertThat(c.healthcheck()).isEqualTo(new ImageConfig.Healthcheck(List.of("CMD-SHELL", "curl -f http://localhost/"),
                90_000_000_000L, 500_000_000L, null, null, 3));
        assertThat(c.stopSignal()).isEqualTo("SIGQUIT");
        assertThat(c.onBuild()).containsExactly("COPY . /src");
        assertThat(cfg.history()).extracting(ImageConfig.History::createdBy).containsExactly(
                "MAINTAINER Jane <jane@example.com>",
                "ENV A=1 B=two words",
                "LABEL com.example.b=2 com.example.a=x y",
                "USER 1000:1000",
                "EXPOSE map[53/udp:{} 80/tcp:{} 8000/tcp:{} 8001/tcp:{}]",
                "VOLUME [/data /cache]",
                "SHELL [/bin/bash -eu -c]",
                "ENTRYPOINT [\"/bin/bash\" \"-eu\" \"-c\" \"echo hi\"]",
                "CMD [\"--flag\" \"x y\"]",
                "HEALTHCHECK &{[\"CMD-SHELL\" \"curl -f http://localhost/\"] \"1m30s\" \"500ms\" \"0s\" \"0s\" '\\x03'}",
                "STOPSIGNAL SIGQUIT",
                "ARG V=1");
        assertThat(c.argsEscaped()).isTrue();
        assertThat(cfg.history()).allSatisfy(h -> {
            assertThat(h.emptyLayer()).isTrue();
            assertThat(h.comment()).isEqualTo("buildkit.dockerfile.v0");
            assertThat(h.created()).isEqualTo("1970-01-01T00:00:00Z");
        });
        assertThat(cfg.rootfs().diffIds()).isEmpty();
        assertThat(BuildTesting.manifest(layout, r).layers()).isEmpty();
    }

    @Test
    void entrypointClearsTheBaseImagesCmdButNotOneSetInTheStage() throws Exception {
        BuildResult cleared = build(layout, options, "FROM base\nENTRYPOINT [\"/app\"]\n");
        assertThat(cleared.config().config().cmd()).isNull();
        BuildResult kept = build(layout, options, "FROM base\nCMD [\"x\"]\nENTRYPOINT [\"/app\"]\n");
        assertThat(kept.config().config().cmd()).containsExactly("x");
    }

    @Test
    void fromImageKeepsItsLayersEnvAndRecordsBaseLabels() throws Exception {
        write(context, Map.of("f", "1"));
        BuildResult r = build(layout, options, "FROM base\nCOPY f $HOME/\n");
        var m = BuildTesting.manifest(layout, r);
        assertThat(m.layers()).hasSize(2);
        assertThat(r.config().history()).extracting(ImageConfig.History::createdBy).containsExactly("test layer", "COPY f /root/ # buildkit");
        assertThat(r.config().config().labels()).containsEntry("org.opencontainers.image.base.name", "base")
                .containsEntry("org.opencontainers.image.base.digest", bases.resolveReference("base").digest().toString());
        assertThat(lastLayer(layout, r)).containsOnlyKeys("root/", "root/f");
    }

    @Test
    void fromPlatformResolvesTheBaseForThatPlatform() throws Exception {
        // one tag, two platforms: which marker arrives shows which platform was resolved
        TestImages.storeIndex(bases, "armonly",
                TestImages.image(Platform.of("linux", "amd64", null), List.of(TestImages.layer(Map.of("marker", "amd"))), ImageConfig.Config.EMPTY),
                TestImages.image(Platform.of("linux", "arm64", "v8"), List.of(TestImages.layer(Map.of("marker", "arm"))), ImageConfig.Config.EMPTY));
        BuildResult r = build(layout, options, """
                ARG P=linux/arm64/v8
                FROM --platform=$P armonly AS tools
                FROM scratch
                COPY --from=tools /marker /m
                """);
        assertThat(lastLayer(layout, r)).containsExactly(entry("m", "f 644 0:0 arm"));
        assertThat(r.config().architecture()).as("the image is still built for the build's platform").isEqualTo("amd64");
        assertThatThrownBy(() -> build(layout, options, "FROM --platform=linux/ armonly\n"))
                .isInstanceOf(BuildException.class).hasMessageContaining("Dockerfile:1").hasMessageContaining("--platform=linux/");
    }

    @Test
    void copySemantics() throws Exception {
        write(context, Map.of("app/main.txt", "main", "app/sub/x.txt", "x", "a.txt", "A", "b.txt", "B", "c.md", "C"));
        Files.setPosixFilePermissions(context.resolve("app/main.txt"), PosixFilePermissions.fromString("rwxr-x---"));
        BuildResult r = build(layout, options, """
                FROM scratch
                COPY app /opt/app
                COPY *.txt /texts/
                COPY a.txt /renamed
                WORKDIR /w
                COPY c.md rel/
                """);
        var layers = BuildTesting.manifest(layout, r).layers();
        assertThat(BuildTesting.layer(layout, layers.get(0))).containsExactly(
                entry("opt/", "d 755 0:0"), entry("opt/app/", "d 755 0:0"),
                entry("opt/app/main.txt", "f 750 0:0 main"), entry("opt/app/sub/", "d 755 0:0"),
                entry("opt/app/sub/x.txt", "f 644 0:0 x"));
        assertThat(BuildTesting.layer(layout, layers.get(1))).containsOnlyKeys("texts/", "texts/a.txt", "texts/b.txt");
        assertThat(BuildTesting.layer(layout, layers.get(2))).containsExactly(entry("renamed", "f 644 0:0 A"));
        assertThat(BuildTesting.layer(layout, layers.get(3))).containsExactly(entry("w/", "d 755 0:0"));
        assertThat(BuildTesting.layer(layout, layers.get(4))).containsOnlyKeys("w/rel/", "w/rel/c.md");
        assertThat(r.config().history().get(3).createdBy()).isEqualTo("WORKDIR /w");
        assertThat(r.config().history().get(3).emptyLayer()).isNull();
    }

    @Test
    void workdirCreatesMissingDirectoriesOwnedByTheUser() throws Exception {
        BuildResult r = build(layout, options, "FROM base\nUSER app\nWORKDIR /srv/data/x\nWORKDIR /\n");
        assertThat(lastLayer(layout, r)).containsExactly(entry("srv/data/", "d 755 1001:1001"), entry("srv/data/x/", "d 755 1001:1001"));
        assertThat(r.config().history()).extracting(ImageConfig.History::createdBy, ImageConfig.History::emptyLayer).containsExactly(
                org.assertj.core.groups.Tuple.tuple("test layer", null), org.assertj.core.groups.Tuple.tuple("USER app", true),
                org.assertj.core.groups.Tuple.tuple("WORKDIR /srv/data/x", null), org.assertj.core.groups.Tuple.tuple("WORKDIR /", true));
        assertThat(BuildTesting.manifest(layout, r).layers()).hasSize(2);
    }

    @Test
    void argHistoryShowsTheBuildArgOrTheDefault() throws Exception {
        BuildResult r = build(layout, options, "ARG G=global\nFROM scratch\nARG G\nARG A=a B=${A}b\nARG C\n",
                BuildArgs.of(Map.of("A", "fromcli")));
        assertThat(r.config().history()).extracting(ImageConfig.History::createdBy)
                .containsExactly("ARG G=global", "ARG A=fromcli B=fromclib", "ARG C");
    }

    @Test
    void copyOfASymlinkKeepsItsNameAndTakesTheTargetsContent() throws Exception {
        write(context, Map.of("real.txt", "content"));
        Files.createSymbolicLink(context.resolve("link.txt"), Path.of("real.txt"));
        Files.createDirectories(context.resolve("d"));
        Files.createSymbolicLink(context.resolve("d/inner"), Path.of("../real.txt"));
        BuildResult r = build(layout, options, "FROM scratch\nCOPY link.txt d /out/\n");
        assertThat(lastLayer(layout, r)).containsExactly(entry("out/", "d 755 0:0"), entry("out/inner", "l 777 0:0 ->../real.txt"),
                entry("out/link.txt", "f 644 0:0 content"));
    }

    @Test
    void aDirectoryCopyTellsFilesLinksAndSubdirectoriesApartAndRefusesAFifo() throws Exception {
        write(context, Map.of("d/file.txt", "f", "d/sub/deep.txt", "deep"));
        Files.setPosixFilePermissions(context.resolve("d/sub"), PosixFilePermissions.fromString("rwx------"));
        Files.createSymbolicLink(context.resolve("d/link"), Path.of("file.txt"));
        Files.createSymbolicLink(context.resolve("d/dirlink"), Path.of("sub"));
        BuildResult r = build(layout, options, "FROM scratch\nCOPY d /out/\n");
        // a link to a directory stays a link: the walk never follows one
        assertThat(lastLayer(layout, r)).containsExactly(entry("out/", "d 755 0:0"), entry("out/dirlink", "l 777 0:0 ->sub"),
                entry("out/file.txt", "f 644 0:0 f"), entry("out/link", "l 777 0:0 ->file.txt"), entry("out/sub/", "d 700 0:0"),
                entry("out/sub/deep.txt", "f 644 0:0 deep"));

        Process mkfifo = new ProcessBuilder("mkfifo", context.resolve("d/sub/pipe").toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
        assertThatThrownBy(() -> build(layout, options, "FROM scratch\nCOPY d /out/\n"))
                .isInstanceOf(BuildException.class).hasMessageContaining("Dockerfile:2")
                .hasMessageContaining("d/sub/pipe' is neither a regular file, a directory nor a symlink");
    }

    @Test
    void onbuildTriggersOfTheBaseRunFirstAndAreNotInherited() throws Exception {
        TestImages.store(bases, TestImages.image(Platform.of("linux", "amd64", null), List.of(TestImages.layer(Map.of("etc/os", "x"))),
                ImageConfig.Config.EMPTY.withEnv(List.of("PATH=/bin")).withOnBuild(List.of("ENV TRIGGERED=yes", "COPY app.txt /onbuild/"))),
                "parent");
        write(context, Map.of("app.txt", "from the child's context"));
        BuildResult r = build(layout, options, "FROM parent\nENV AFTER=$TRIGGERED\n");
        assertThat(lastLayer(layout, r)).containsEntry("onbuild/app.txt", "f 644 0:0 from the child's context");
        assertThat(r.config().config().env()).contains("TRIGGERED=yes", "AFTER=yes");
        assertThat(r.config().config().onBuild()).isNullOrEmpty();
        assertThat(r.config().history().stream().map(ImageConfig.History::createdBy))
                .contains("ENV TRIGGERED=yes", "COPY app.txt /onbuild/ # buildkit");
    }

    @Test
    void aBrokenOnbuildTriggerNamesTheFromLine() throws Exception {
        TestImages.store(bases, TestImages.image(Platform.of("linux", "amd64", null), List.of(TestImages.layer(Map.of("etc/os", "x"))),
                ImageConfig.Config.EMPTY.withOnBuild(List.of("COPY missing.txt /x"))), "broken");
        assertThatThrownBy(() -> build(layout, options, "# first line\nFROM broken\n"))
                .hasMessageContaining("Dockerfile:2: COPY missing.txt /x");
    }

    @Test
    void copyIntoADirectoryAnEarlierChownMadeKeepsItsOwner() throws Exception {
        write(context, Map.of("a/one", "1", "two", "2"));
        BuildResult r = build(layout, options, "FROM base\nCOPY --chown=app:app a /app\nCOPY two /app/two\n");
        var layers = BuildTesting.manifest(layout, r).layers();
        assertThat(BuildTesting.layer(layout, layers.get(1))).containsEntry("app/", "d 755 1001:1002");
        assertThat(BuildTesting.layer(layout, layers.get(2))).containsOnlyKeys("app/two");
    }

    @Test
    void copyIntoAnExistingDirectoryWithoutTrailingSlashCopiesIntoIt() throws Exception {
        write(context, Map.of("f", "1"));
        BuildResult r = build(layout, options, "FROM base\nWORKDIR /app\nCOPY f /srv\nCOPY f /app\nCOPY f .\nCOPY f /newname\n");
        var layers = BuildTesting.manifest(layout, r).layers();
        // The directories exist in the stage: the layers leave them out, so they keep their owner and mode.
        assertThat(BuildTesting.layer(layout, layers.get(2))).containsOnlyKeys("srv/f");
        assertThat(BuildTesting.layer(layout, layers.get(3))).containsOnlyKeys("app/f");
        assertThat(BuildTesting.layer(layout, layers.get(4))).containsOnlyKeys("app/f");
        assertThat(BuildTesting.layer(layout, layers.get(5))).containsOnlyKeys("newname");
    }

    @Test
    void copyHeredocsBecomeFiles() throws Exception {
        BuildResult r = build(layout, options, """
                FROM scratch
                ENV NAME=world
                COPY --chmod=755 <<hello.sh <<"raw.txt" /bin/
                echo hello $NAME
                hello.sh
                $NAME stays
                raw.txt
                """);
        assertThat(lastLayer(layout, r)).containsExactly(entry("bin/", "d 755 0:0"),
                entry("bin/hello.sh", "f 755 0:0 echo hello world\n"), entry("bin/raw.txt", "f 755 0:0 $NAME stays\n"));
        assertThat(r.config().history().get(1).createdBy()).isEqualTo("COPY --chmod=755 <<hello.sh <<raw.txt /bin/ # buildkit");
    }

    @Test
    void workdirThatExistsAddsNoLayer() throws Exception {
        BuildResult r = build(layout, options, "FROM base\nWORKDIR /srv\n");
        assertThat(BuildTesting.manifest(layout, r).layers()).hasSize(1);
        assertThat(r.config().history().get(1).emptyLayer()).isTrue();
        assertThat(r.config().config().workingDir()).isEqualTo("/srv");
    }

    @Test
    void chownByNameAndNumberAndChmod() throws Exception {
        write(context, Map.of("f", "data", "d/g", "g"));
        BuildResult r = build(layout, options, """
                FROM base
                COPY --chown=app:staff f /x/byname
                COPY --chown=7 --chmod=0600 f /x/bynumber
                COPY --chown=app --chmod=700 d /dd
                """);
        var layers = BuildTesting.manifest(layout, r).layers();
        assertThat(BuildTesting.layer(layout, layers.get(1))).containsExactly(entry("x/", "d 755 0:0"), entry("x/byname", "f 644 1001:50 data"));
        assertThat(BuildTesting.layer(layout, layers.get(2))).containsEntry("x/bynumber", "f 600 7:7 data");
        assertThat(BuildTesting.layer(layout, layers.get(3))).containsExactly(entry("dd/", "d 700 1001:1001"), entry("dd/g", "f 700 1001:1001 g"));
        assertThat(r.config().history().get(1).createdBy()).isEqualTo("COPY --chown=app:staff f /x/byname # buildkit");
    }

    @Test
    void chownByNameWithoutPasswdIsAClearError() throws Exception {
        write(context, Map.of("f", "data"));
        assertThatThrownBy(() -> build(layout, options, "FROM scratch\nCOPY --chown=app f /f\n"))
                .isInstanceOf(BuildException.class)
                .hasMessage("Dockerfile:2: COPY --chown=app f /f: unable to find user app: the stage has no /etc/passwd");
    }

    @Test
    void dockerignoreHidesFilesAndRefusesNamedOnes() throws Exception {
        write(context, Map.of("src/a.txt", "a", "src/secret.key", "k", "src/tmp/t", "t", "src/tmp/keep", "kept"));
        BuildOptions withIgnore = options.withIgnore(DockerIgnore.parse(".dockerignore", "**/*.key\nsrc/tmp\n!src/tmp/keep\n"));
        BuildResult r = build(layout, withIgnore, "FROM scratch\nCOPY src /s\n");
        assertThat(lastLayer(layout, r)).containsOnlyKeys("s/", "s/a.txt", "s/tmp/", "s/tmp/keep");
        assertThatThrownBy(() -> build(layout, withIgnore, "FROM scratch\nCOPY src/secret.key /k\n"))
                .hasMessage("Dockerfile:2: COPY src/secret.key /k: 'src/secret.key' is excluded by .dockerignore");
    }

    @Test
    void missingSourcesAndSeveralSourcesToAFileAreErrorsWithTheLine() throws Exception {
        write(context, Map.of("a", "a", "b", "b"));
        assertThatThrownBy(() -> build(layout, options, "FROM scratch\n\nCOPY nope /x\n"))
                .hasMessage("Dockerfile:3: COPY nope /x: 'nope' not found in the build context");
        assertThatThrownBy(() -> build(layout, options, "FROM scratch\nCOPY a b /x\n"))
                .hasMessageStartingWith("Dockerfile:2: COPY a b /x: when copying more than one source file, the destination must be a directory");
        assertThatThrownBy(() -> build(layout, options, "FROM scratch\nCOPY *.none /x/\n"))
                .hasMessage("Dockerfile:2: COPY *.none /x/: no source files were found for '*.none'");
    }

    @Test
    void runWithoutASandboxFailsWithFileAndLine() throws Exception {
        assertThatThrownBy(() -> build(layout, options, "FROM scratch\nENV A=1\nRUN echo hi\n"))
                .isInstanceOf(BuildException.class)
                .hasMessageStartingWith("Dockerfile:3: RUN echo hi: RUN needs a sandbox");
    }

    @Test
    void multiStageCopyFromKeepsOwnersAndContent() throws Exception {
        write(context, Map.of("tool.sh", "#!/bin/sh\n"));
        BuildResult r = build(layout, options, """
                FROM base AS builder
                COPY --chown=1001:1002 tool.sh /out/tool.sh
                FROM scratch AS unused
                COPY missing /nowhere
                FROM scratch
                COPY --from=builder /out /bin
                COPY --from=builder /etc/passwd /etc/passwd
                """);
        var layers = BuildTesting.manifest(layout, r).layers();
        assertThat(layers).hasSize(2);
        assertThat(BuildTesting.layer(layout, layers.get(0))).containsExactly(entry("bin/", "d 755 0:0"), entry("bin/tool.sh", "f 644 1001:1002 #!/bin/sh\n"));
        assertThat(BuildTesting.layer(layout, layers.get(1))).containsOnlyKeys("etc/", "etc/passwd");
        assertThat(r.config().config().labels()).doesNotContainKey("org.opencontainers.image.base.name");
    }

    @Test
    void addUnpacksALocalTarAndCopiesOtherFiles() throws Exception {
        var tarLayer = TestImages.layer(Map.of("pkg/readme", "r"));
        Files.write(context.resolve("pkg.tar.gz"), tarLayer.compressed());
        write(context, Map.of("plain.txt", "p"));
        BuildResult r = build(layout, options, "FROM scratch\nADD pkg.tar.gz plain.txt /opt/\n");
        assertThat(lastLayer(layout, r)).containsOnlyKeys("opt/", "opt/pkg/", "opt/pkg/readme", "opt/plain.txt");
        assertThatThrownBy(() -> build(layout, options, "FROM scratch\nADD git@github.com:x/y.git plain.txt /x/\n"))
                .hasMessage("Dockerfile:2: ADD git@github.com:x/y.git plain.txt /x/: ADD of a git repository takes the repository as its only source");
    }

    @Test
    void copyExcludeLeavesOutWhatItsPatternsMatchBelowEachSource() throws Exception {
        write(context, Map.of("src/a.txt", "a", "src/b.md", "b", "src/tmp/x", "x", "src/sub/c.txt", "c", "notes.txt", "n", "main.go", "m"));
        BuildResult r = build(layout, options, "FROM scratch\nCOPY --exclude=*.txt --exclude=tmp src /app/\n");
        assertThat(lastLayer(layout, r)).containsOnlyKeys("app/", "app/b.md", "app/sub/", "app/sub/c.txt");
        BuildResult deep = build(layout, options, "FROM scratch\nCOPY --exclude=**/*.txt src /app/\n");
        assertThat(lastLayer(layout, deep)).containsOnlyKeys("app/", "app/b.md", "app/sub/", "app/tmp/", "app/tmp/x");
        BuildResult files = build(layout, options, "FROM scratch\nCOPY --exclude=*.txt notes.txt main.go /app/\n");
        assertThat(lastLayer(layout, files)).containsOnlyKeys("app/", "app/main.go");
    }

    @Test
    void addDownloadsAUrlAndVerifiesItsChecksum() throws Exception {
        byte[] body = "downloaded content\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/files/tool.tar.gz", ex -> {
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.createContext("/missing", ex -> {
            ex.sendResponseHeaders(404, -1);
            ex.close();
        });
        server.createContext("/private/key.txt", ex -> {
            // basic auth from the URL's user:password@, as BuildKit sends it
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            boolean ok = ("Basic " + java.util.Base64.getEncoder().encodeToString("bob:s3cr3t".getBytes(java.nio.charset.StandardCharsets.UTF_8))).equals(auth);
            ex.sendResponseHeaders(ok ? 200 : 401, ok ? body.length : -1);
            if (ok) {
                ex.getResponseBody().write(body);
            }
            ex.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/files/tool.tar.gz";
            String sum = dev.lading.oci.Digest.sha256(body).toString();
            BuildResult r = build(layout, options, "FROM scratch\nADD --checksum=" + sum + " " + url + " /opt/\n");
            // Not unpacked (even named .tar.gz), 0600 as Docker gives downloads, parents created.
            assertThat(lastLayer(layout, r)).containsExactly(entry("opt/", "d 755 0:0"),
                    entry("opt/tool.tar.gz", "f 600 0:0 downloaded content\n"));
            assertThat(r.config().history().get(0).createdBy()).isEqualTo("ADD --checksum=" + sum + " " + url + " /opt/ # buildkit");

            BuildResult named = build(layout, options, "FROM scratch\nADD --chmod=0644 " + url + " /bin/tool\n");
            assertThat(lastLayer(layout, named)).containsEntry("bin/tool", "f 644 0:0 downloaded content\n");

            String wrong = dev.lading.oci.Digest.sha256(new byte[1]).toString();
            assertThatThrownBy(() -> build(layout, options, "FROM scratch\nADD --checksum=" + wrong + " " + url + " /opt/\n"))
                    .hasMessageContaining("Dockerfile:2:").hasMessageContaining("checksum mismatch");
            String missing = "http://127.0.0.1:" + server.getAddress().getPort() + "/missing";
            assertThatThrownBy(() -> build(layout, options, "FROM scratch\nADD " + missing + " /opt/x\n"))
                    .hasMessageContaining("HTTP 404");
            assertThatThrownBy(() -> build(layout, options, "FROM scratch\nADD --checksum=" + sum + " app.txt /opt/\n"))
                    .hasMessageContaining("--checksum works with exactly one URL");

            // credentials in the URL authenticate, and appear nowhere: not in the history, not in messages
            String secretUrl = "http://bob:s3cr3t@127.0.0.1:" + server.getAddress().getPort() + "/private/key.txt";
            java.util.List<String> progress = new java.util.concurrent.CopyOnWriteArrayList<>();
            BuildResult priv = build(layout, options.withProgress(progress::add), "FROM scratch\nADD " + secretUrl + " /k.txt\n");
            assertThat(lastLayer(layout, priv)).containsEntry("k.txt", "f 600 0:0 downloaded content\n");
            assertThat(priv.config().history().get(0).createdBy()).doesNotContain("s3cr3t").doesNotContain("bob")
                    .contains("http://127.0.0.1:");
            assertThat(progress).noneMatch(l -> l.contains("s3cr3t"));
            String wrongPassword = secretUrl.replace("s3cr3t", "guess");
            assertThatThrownBy(() -> build(layout, options, "FROM scratch\nADD " + wrongPassword + " /k.txt\n"))
                    .hasMessageContaining("HTTP 401").hasMessageNotContaining("guess");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void reproducibleAcrossCleanLayouts() throws Exception {
        write(context, Map.of("app/a", "a", "app/b", "b"));
        String df = "FROM base\nCOPY app /app\nENV X=1\n";
        BuildOptions o = options.withSourceDateEpoch(1_700_000_000L);
        BuildResult one = build(OciLayout.createOrOpen(tmp.resolve("one")), o, df);
        Files.setLastModifiedTime(context.resolve("app/a"), java.nio.file.attribute.FileTime.fromMillis(123456789L));
        BuildResult two = build(OciLayout.createOrOpen(tmp.resolve("two")), o, df);
        assertThat(two.manifest().digest()).isEqualTo(one.manifest().digest());
        assertThat(one.config().created()).isEqualTo("2023-11-14T22:13:20Z");
        assertThat(one.config().config().labels()).containsEntry("org.opencontainers.image.created", "2023-11-14T22:13:20Z");
    }

    @Test
    void cacheReusesLayersAndRebuildsFromTheFirstChangedStep() throws Exception {
        write(context, Map.of("a", "a", "b", "b"));
        BuildOptions cached = options.withCache(BuildCache.open(tmp.resolve("cache")));
        String df = "FROM scratch\nCOPY a /a\nCOPY b /b\nCOPY a /a2\n";
        BuildResult first = build(layout, cached, df);
        assertThat(first.layersBuilt()).isEqualTo(3);
        long blobs = BuildTesting.blobCount(layout);
        Files.setLastModifiedTime(layout.root().resolve("blobs/sha256/" + BuildTesting.manifest(layout, first).layers().get(0).digest().hex()),
                java.nio.file.attribute.FileTime.fromMillis(1000));

        BuildResult again = build(layout, options.withCache(BuildCache.open(tmp.resolve("cache"))), df);
        assertThat(again.manifest().digest()).isEqualTo(first.manifest().digest());
        assertThat(again.layersBuilt()).isZero();
        assertThat(again.layersCached()).isEqualTo(3);
        assertThat(BuildTesting.blobCount(layout)).isEqualTo(blobs);
        assertThat(Files.getLastModifiedTime(layout.root().resolve("blobs/sha256/"
                + BuildTesting.manifest(layout, first).layers().get(0).digest().hex())).toMillis()).isEqualTo(1000);

        Files.writeString(context.resolve("b"), "changed");
        BuildResult changed = build(layout, options.withCache(BuildCache.open(tmp.resolve("cache"))), df);
        assertThat(changed.layersCached()).isEqualTo(1);
        assertThat(changed.layersBuilt()).isEqualTo(2);

        BuildResult noCache = build(layout, options, df);
        assertThat(noCache.layersBuilt()).isEqualTo(3);
        assertThat(noCache.manifest().digest()).isEqualTo(changed.manifest().digest());
    }
}
