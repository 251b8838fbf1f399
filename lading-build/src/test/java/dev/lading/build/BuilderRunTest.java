package dev.lading.build;

import dev.lading.build.sandbox.Sandboxes;
import dev.lading.build.snapshot.CopyDiffSnapshotter;
import dev.lading.build.snapshot.OverlaySnapshotter;
import dev.lading.build.snapshot.Snapshotter;
import dev.lading.dockerfile.expand.BuildArgs;
import dev.lading.oci.Descriptor;
import dev.lading.oci.ImageConfig;
import dev.lading.oci.Manifest;
import dev.lading.oci.MediaType;
import dev.lading.oci.Platform;
import dev.lading.oci.layer.DirectoryOptions;
import dev.lading.oci.layer.LayerEntries;
import dev.lading.oci.layer.LayerResult;
import dev.lading.oci.layer.LayerWriter;
import dev.lading.oci.layout.OciLayout;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static dev.lading.build.BuildTesting.build;
import static dev.lading.build.BuildTesting.lastLayer;
import static dev.lading.build.BuildTesting.manifest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** RUN through the builder with this host's real sandbox and both snapshotters, on a busybox base image. */
@Tag("integration")
class BuilderRunTest {

    @TempDir
    Path tmp;
    Path context;
    OciLayout layout;
    OciLayout bases;
    List<String> progress;

    @BeforeEach
    void setUp() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/busybox")), "needs /bin/busybox: apt-get install busybox-static");
        context = Files.createDirectories(tmp.resolve("ctx"));
        layout = OciLayout.createOrOpen(tmp.resolve("out"));
        bases = OciLayout.createOrOpen(tmp.resolve("bases"));
        progress = java.util.Collections.synchronizedList(new ArrayList<>());
        storeBusybox(bases, tmp.resolve("rootfs"));
    }

    /** A one-layer image of static busybox with its applets, /etc/passwd with root and app, and /tmp. */
    static void storeBusybox(OciLayout into, Path rootfs) throws Exception {
        Path bin = Files.createDirectories(rootfs.resolve("bin"));
        Files.copy(Path.of("/bin/busybox"), bin.resolve("busybox"));
        for (String a : List.of("sh", "echo", "cat", "ls", "mkdir", "rm", "touch", "id", "test", "sleep", "wc", "chown", "true", "false")) {
            Files.createSymbolicLink(bin.resolve(a), Path.of("busybox"));
        }
        Files.createDirectories(rootfs.resolve("etc"));
        Files.writeString(rootfs.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\n");
        Files.writeString(rootfs.resolve("etc/group"), "root:x:0:\napp:x:1000:\n");
        dev.lading.oci.testing.Tools.ok(null, "chmod", "1777", Files.createDirectories(rootfs.resolve("tmp")).toString());
        Files.createDirectories(rootfs.resolve("root"));
        var entries = LayerEntries.fromDirectory(rootfs, DirectoryOptions.defaults());
        Path tmpBlob = into.newTempFile();
        LayerResult layer;
        try (OutputStream out = Files.newOutputStream(tmpBlob)) {
            layer = new LayerWriter(LayerWriter.Options.of(dev.lading.oci.MediaType.Compression.GZIP)).write(entries, out);
        }
        into.adoptVerifiedTempFile(tmpBlob, layer.descriptor());
        Platform p = Platform.of("linux", "amd64", null);
        ImageConfig config = new ImageConfig("1970-01-01T00:00:00Z", null, p.architecture(), p.os(), null, null, null,
                ImageConfig.Config.EMPTY.withEnv(List.of("PATH=/usr/sbin:/usr/bin:/sbin:/bin")),
                new ImageConfig.RootFs("layers", List.of(layer.diffId())), List.of());
        Descriptor configDesc = into.writeBlob(MediaType.OCI_CONFIG, config.toJson());
        Descriptor m = into.writeBlob(MediaType.OCI_MANIFEST, Manifest.oci(configDesc, List.of(layer.descriptor()), null).toJson());
        into.tag("busybox", m.withPlatform(p));
    }

    BuildOptions options(String snapshotter) {
        return options(snapshotter, Optional.empty());
    }

    /** With the sandbox named (as LADING_SANDBOX does), or the one this host would choose. */
    BuildOptions options(String snapshotter, Optional<String> sandbox) {
        Path mounts = tmp.resolve("cache-mounts");
        return BuildOptions.of(context)
                .withBaseImages(BaseImageResolver.copying(name -> bases.reader(name)))
                .withProgress(progress::add)
                .withRun(new RunSupport() {
                    public Sandbox sandbox() throws IOException {
                        return Sandboxes.probe().choose(sandbox);
                    }

                    public Snapshotter snapshotter(Sandbox sandbox) {
                        return snapshotter.equals("overlay") ? new OverlaySnapshotter() : new CopyDiffSnapshotter();
                    }

                    public Path cacheMounts() {
                        return mounts;
                    }
                });
    }

    void assumeOverlay(String snapshotter) {
        if (snapshotter.equals("overlay")) {
            var probe = Sandboxes.probe().chosen(Optional.empty());
            Assumptions.assumeTrue(probe.isPresent() && probe.get().overlay(), "this host's sandbox cannot mount an overlay");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlay", "copy-diff"})
    void runMakesALayerOfWhatTheCommandChanged(String snapshotter) throws Exception {
        assumeOverlay(snapshotter);
        BuildResult r = build(layout, options(snapshotter), """
                FROM busybox
                ARG FLAVOUR=plain
                RUN echo "$FLAVOUR" > /flavour && mkdir -p /srv/data && rm /bin/false
                USER app
                RUN id -u > /tmp/uid
                """);
        Map<String, String> first = BuildTesting.layer(layout, manifest(layout, r).layers().get(1));
        assertThat(first).containsEntry("flavour", "f 644 0:0 plain\n")
                .containsEntry("srv/", "d 755 0:0").containsEntry("srv/data/", "d 755 0:0")
                .containsKey("bin/.wh.false");
        assertThat(lastLayer(layout, r)).containsEntry("tmp/uid", "f 644 1000:1000 1000\n");
        assertThat(r.config().history().get(0).createdBy()).isEqualTo("ARG FLAVOUR=plain");
        assertThat(r.config().history().get(1).createdBy())
                .isEqualTo("RUN |1 FLAVOUR=plain /bin/sh -c echo \"$FLAVOUR\" > /flavour && mkdir -p /srv/data && rm /bin/false # buildkit");
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlay", "copy-diff"})
    void aRunThatChangesNothingMakesAnEmptyLayer(String snapshotter) throws Exception {
        assumeOverlay(snapshotter);
        BuildResult r = build(layout, options(snapshotter), "FROM busybox\nWORKDIR /app\nRUN true\nUSER app\nRUN true\n");
        assertThat(lastLayer(layout, r)).isEmpty();
        assertThat(BuildTesting.layer(layout, manifest(layout, r).layers().get(2))).isEmpty();
    }

    @Test
    void bothSnapshottersGiveTheSameImage() throws Exception {
        assumeOverlay("overlay");
        String df = """
                FROM busybox
                RUN mkdir -p /d/e && echo 1 > /d/e/f && echo x > /k
                RUN rm -rf /d && mkdir /d && echo again > /d/x && rm /k && chown 1000:1000 /d
                """;
        BuildResult overlay = build(layout, options("overlay"), df);
        OciLayout other = OciLayout.createOrOpen(tmp.resolve("out2"));
        BuildResult copyDiff = build(other, options("copy-diff"), df);
        List<Descriptor> a = manifest(layout, overlay).layers();
        List<Descriptor> b = manifest(other, copyDiff).layers();
        for (int i = 1; i < a.size(); i++) {
            assertThat(BuildTesting.layer(other, b.get(i))).as("layer " + i).isEqualTo(BuildTesting.layer(layout, a.get(i)));
        }
        assertThat(copyDiff.manifest().digest()).isEqualTo(overlay.manifest().digest());
    }

    /**
     * Sandbox parity: one Dockerfile (chown by name and number, USER by name, whiteouts of base and own files, a
     * cache mount) through bubblewrap and through an OCI runtime, with the same snapshotter, gives the same image.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"crun,overlay", "crun,copy-diff", "runc,overlay", "runc,copy-diff"})
    void bubblewrapAndAnOciRuntimeGiveTheSameImage(String runtime, String snapshotter) throws Exception {
        for (String name : List.of("bubblewrap", runtime)) {
            var probe = Sandboxes.probe().probe(name).orElseThrow();
            Assumptions.assumeTrue(probe.available(), name + " does not work here: " + probe.problem());
            Assumptions.assumeTrue(!snapshotter.equals("overlay") || probe.overlay(), name + " cannot mount an overlay here");
        }
        String df = """
                FROM busybox
                RUN mkdir -p /d/e /home/app && echo 1 > /d/e/f && echo x > /k && touch /tmp/gone && rm /bin/false && chown app:app /home/app
                RUN rm -rf /d/e /tmp/gone /k && echo again > /d/x && chown 1000:1000 /d /d/x && chown -h app /bin/true
                USER app
                WORKDIR /home/app
                RUN --mount=type=cache,target=/home/app/.cache,uid=1000,gid=1000 echo cached > .cache/c && cat .cache/c > seen && id > id && echo "$HOME" > home
                USER root
                RUN --mount=type=tmpfs,target=/scratch set -- $(ls -ld /scratch) && echo "$1" > /scratch-mode && id > /root-id && ls -ln /home/app | while read -r m l u g rest; do echo "$m $u $g ${rest##* }"; done > /listing
                """;
        BuildResult bwrap = build(layout, options(snapshotter, Optional.of("bubblewrap")), df);
        assertThat(progress).anyMatch(l -> l.contains("running in bubblewrap with the " + snapshotter));
        OciLayout other = OciLayout.createOrOpen(tmp.resolve("out-" + runtime));
        progress.clear();
        BuildResult oci = build(other, options(snapshotter, Optional.of(runtime)), df);
        assertThat(progress).anyMatch(l -> l.contains("running in " + runtime + " with the " + snapshotter));
        List<Descriptor> a = manifest(layout, bwrap).layers();
        List<Descriptor> b = manifest(other, oci).layers();
        assertThat(b).hasSameSizeAs(a);
        for (int i = 1; i < a.size(); i++) {
            assertThat(BuildTesting.layer(other, b.get(i))).as("layer " + i).isEqualTo(BuildTesting.layer(layout, a.get(i)));
        }
        Map<String, String> all = new java.util.HashMap<>();
        for (Descriptor d : a.subList(1, a.size())) {
            all.putAll(BuildTesting.layer(layout, d));
        }
        assertThat(all).containsKey("bin/.wh.false").containsKey("tmp/.wh.gone").containsKey("d/.wh.e")
                .containsEntry("home/app/", "d 755 1000:1000").containsEntry("d/x", "f 644 1000:1000 again\n")
                .containsEntry("home/app/seen", "f 644 1000:1000 cached\n")
                .containsEntry("home/app/home", "f 644 1000:1000 /home/app\n").doesNotContainKey("home/app/.cache/c")
                .containsEntry("scratch-mode", "f 644 0:0 drwxrwxrwt\n");
        assertThat(oci.manifest().digest()).isEqualTo(bwrap.manifest().digest());
    }

    @Test
    void aFailingRunNamesTheLineTheExitCodeAndTheLastOutput() throws Exception {
        assertThatThrownBy(() -> build(layout, options("copy-diff"), """
                FROM busybox
                RUN echo preparing && echo "it broke" >&2 && exit 7
                """))
                .isInstanceOf(BuildException.class)
                .hasMessageContaining("Dockerfile:2: RUN echo preparing")
                .hasMessageContaining("exit code: 7")
                .hasMessageContaining("it broke");
        assertThat(progress).anyMatch(l -> l.contains("preparing"));
    }

    /**
     * Working roots take their files from the cache's file pool and give them back: a rebuild after a one-file
     * change gives the image a build without any cache gives (the RUN sees the files, their modes and link counts
     * as the layers say), and what the RUN wrote never reaches the pool.
     */
    @ParameterizedTest
    @ValueSource(strings = {"overlay", "copy-diff"})
    void rootsBuiltFromTheFilePoolGiveTheImageAFreshBuildGives(String snapshotter) throws Exception {
        assumeOverlay(snapshotter);
        Files.createDirectories(context.resolve("src/sub"));
        for (int i = 0; i < 20; i++) {
            Files.writeString(context.resolve("src/sub/f" + i), "file " + i + "\n");
        }
        dev.lading.oci.testing.Tools.ok(null, "chmod", "0640", context.resolve("src/sub/f3").toString());
        String df = """
                FROM busybox
                COPY src /app/src
                RUN ls -ln /app/src/sub > /listing && cat /app/src/sub/* > /all && echo more >> /app/src/sub/f1
                RUN cat /app/src/sub/f1 > /f1-after
                """;
        BuildOptions opts = options(snapshotter).withCache(BuildCache.open(tmp.resolve("cache")));
        build(layout, opts, df);
        Path pool = tmp.resolve("cache").resolve(BuildCache.FILE_POOL_DIR);
        Map<String, String> poolBefore = BuildTesting.tree(pool);
        assertThat(poolBefore).as("the first build's root gave its files to the pool").isNotEmpty();

        Files.writeString(context.resolve("src/sub/f7"), "changed\n");
        BuildResult changed = build(layout, opts.withCache(BuildCache.open(tmp.resolve("cache"))), df);
        assertThat(changed.layersBuilt()).isEqualTo(3);
        OciLayout fresh = OciLayout.createOrOpen(tmp.resolve("fresh"));
        BuildResult clean = build(fresh, options(snapshotter), df);
        assertThat(changed.manifest().digest()).isEqualTo(clean.manifest().digest());
        assertThat(lastLayer(layout, changed)).containsEntry("f1-after", "f 644 0:0 file 1\nmore\n");
        // each pool file is still what its name says: f1, which the RUN appended to, came back unchanged or not at all
        Map<String, String> poolAfter = BuildTesting.tree(pool);
        poolBefore.forEach((k, v) -> assertThat(poolAfter).containsEntry(k, v));
    }

    @Test
    void anUnchangedRebuildRunsNothingAndAChangedBindMountRunsAgain() throws Exception {
        Files.writeString(context.resolve("input.txt"), "one\n");
        String df = """
                FROM busybox
                RUN --mount=type=bind,source=input.txt,target=/in.txt cat /in.txt > /copied && cat /proc/sys/kernel/random/uuid > /unique
                """;
        BuildOptions opts = options("copy-diff").withCache(BuildCache.open(tmp.resolve("cache")));
        BuildResult first = build(layout, opts, df);
        BuildResult again = build(layout, opts.withCache(BuildCache.open(tmp.resolve("cache"))), df);
        assertThat(again.manifest().digest()).as("cached: the random file is the first build's").isEqualTo(first.manifest().digest());
        assertThat(again.layersCached()).isEqualTo(1);
        Files.writeString(context.resolve("input.txt"), "two\n");
        BuildResult changed = build(layout, opts.withCache(BuildCache.open(tmp.resolve("cache"))), df);
        assertThat(changed.layersBuilt()).isEqualTo(1);
        assertThat(lastLayer(layout, changed)).containsEntry("copied", "f 644 0:0 two\n");
    }

    @Test
    void secretsReachTheRunButNoLayerConfigHistoryOrCache() throws Exception {
        String value = "s3cr3t-" + System.nanoTime();
        BuildOptions opts = options("copy-diff").withCache(BuildCache.open(tmp.resolve("cache")))
                .withSecrets(Map.of("token", new BuildSecret("token", value.getBytes(StandardCharsets.UTF_8))));
        BuildResult r = build(layout, opts, """
                FROM busybox
                RUN --mount=type=secret,id=token wc -c < /run/secrets/token > /len && ls /run > /run-listing
                RUN --mount=type=secret,id=token,env=TOKEN test ! -e /run/secrets/token && echo "${#TOKEN}" > /envlen
                """);
        assertThat(BuildTesting.layer(layout, manifest(layout, r).layers().get(1))).containsEntry("len", "f 644 0:0 " + value.length() + "\n")
                .doesNotContainKey("run/secrets/token");
        // env= without a target: the value is in the environment only, as BuildKit does it.
        assertThat(lastLayer(layout, r)).containsEntry("envlen", "f 644 0:0 " + value.length() + "\n");
        try (Stream<Path> files = Files.walk(tmp.resolve("out"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as(f.toString()).doesNotContain(value);
            }
        }
        try (Stream<Path> files = Files.walk(tmp.resolve("cache"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(f, StandardCharsets.ISO_8859_1)).doesNotContain(value);
            }
        }
    }

    @Test
    void cacheMountsPersistBetweenBuildsAndStayOutOfLayers() throws Exception {
        BuildOptions opts = options("copy-diff");
        build(layout, opts, "FROM busybox\nRUN --mount=type=cache,target=/var/cache/app echo kept > /var/cache/app/file\n");
        BuildResult r = build(layout, opts, "FROM busybox\nRUN --mount=type=cache,target=/var/cache/app cat /var/cache/app/file > /seen\n");
        assertThat(lastLayer(layout, r)).containsEntry("seen", "f 644 0:0 kept\n").doesNotContainKey("var/cache/app/file");
    }

    @Test
    void networkNoneSeesOnlyLoopback() throws Exception {
        BuildResult r = build(layout, options("copy-diff"), "FROM busybox\nRUN --network=none cat /proc/net/dev > /netdev\n");
        String netdev = lastLayer(layout, r).get("netdev");
        assertThat(netdev).contains("lo:");
        assertThat(netdev.lines().filter(l -> l.matches("\\s*[a-z0-9]+:.*")).count()).as(netdev).isEqualTo(1);
    }

    @Test
    void heredocsRunAsScripts() throws Exception {
        BuildResult r = build(layout, options("copy-diff"), """
                FROM busybox
                RUN <<EOF
                echo one > /one
                echo two >> /one
                EOF
                RUN <<EOF
                #!/bin/sh
                echo "script $0" > /script
                EOF
                """);
        Map<String, String> layers = new java.util.TreeMap<>();
        for (Descriptor d : manifest(layout, r).layers()) {
            layers.putAll(BuildTesting.layer(layout, d));
        }
        assertThat(layers).containsEntry("one", "f 644 0:0 one\ntwo\n").containsEntry("script", "f 644 0:0 script /dev/pipes/EOF\n");
        assertThat(layers).doesNotContainKey("dev/pipes/EOF");
    }

    @Test
    void independentStagesRunAtTheSameTime() throws Exception {
        // Each stage waits (bounded) for the other to show up in a shared cache mount: built one after the other,
        // the first would give up and fail.
        BuildResult r = build(layout, options("copy-diff"), """
                FROM busybox AS a
                RUN --mount=type=cache,id=sync,target=/sync touch /sync/a && i=0; while [ ! -e /sync/b ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done; test -e /sync/b && echo met > /a

                FROM busybox AS b
                RUN --mount=type=cache,id=sync,target=/sync touch /sync/b && i=0; while [ ! -e /sync/a ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done; test -e /sync/a && echo met > /b

                FROM busybox
                COPY --from=a /a /a
                COPY --from=b /b /b
                """);
        assertThat(manifest(layout, r).layers()).hasSize(3);
    }
}
