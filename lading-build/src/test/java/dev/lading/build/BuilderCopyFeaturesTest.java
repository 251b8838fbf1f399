package dev.lading.build;

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

/** COPY --parents, symbolic --chmod and ONBUILD across stages. */
class BuilderCopyFeaturesTest {

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
        rootfs.put("etc/passwd", "root:x:0:0:root:/root:/bin/sh\n");
        TestImages.store(bases, TestImages.image(Platform.of("linux", "amd64", null), List.of(TestImages.layer(rootfs)),
                ImageConfig.Config.EMPTY.withEnv(List.of("PATH=/usr/bin:/bin"))), "base");
        options = BuildOptions.of(context).withBaseImages(BaseImageResolver.copying(name -> bases.reader(name)));
        Files.setPosixFilePermissions(context, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    // ---- COPY --parents -------------------------------------------------------------------------------

    @Test
    void parentsKeepsTheSourcesDirectoriesBelowTheContext() throws Exception {
        write(context, Map.of("x/a.txt", "a", "y/sub/b.txt", "b", "y/other.txt", "o"));
        Files.setPosixFilePermissions(context.resolve("y"), PosixFilePermissions.fromString("rwx------"));
        BuildResult r = build(layout, options, "FROM scratch\nCOPY --parents x/a.txt y/sub/b.txt /dst/\n");
        assertThat(lastLayer(layout, r)).containsExactly(entry("dst/", "d 755 0:0"), entry("dst/x/", "d 755 0:0"),
                entry("dst/x/a.txt", "f 644 0:0 a"), entry("dst/y/", "d 700 0:0"), entry("dst/y/sub/", "d 755 0:0"),
                entry("dst/y/sub/b.txt", "f 644 0:0 b"));
        assertThat(r.config().history().get(0).createdBy()).isEqualTo("COPY --parents x/a.txt y/sub/b.txt /dst/ # buildkit");
    }

    @Test
    void parentsWithWildcardsKeepsEachMatchsPath() throws Exception {
        write(context, Map.of("packages/a/package.json", "A", "packages/b/package.json", "B", "packages/b/src/x.js", "x",
                "apps/c/package.json", "C", "README", "r"));
        BuildResult r = build(layout, options, "FROM scratch\nCOPY --parents packages/*/package.json apps/*/package.json /app/\n");
        assertThat(lastLayer(layout, r)).containsOnlyKeys("app/", "app/apps/", "app/apps/c/", "app/apps/c/package.json",
                "app/packages/", "app/packages/a/", "app/packages/a/package.json", "app/packages/b/", "app/packages/b/package.json");
        BuildResult deep = build(layout, options, "FROM scratch\nCOPY --parents **/package.json /app/\n");
        assertThat(lastLayer(layout, deep)).containsKeys("app/apps/c/package.json", "app/packages/b/package.json")
                .doesNotContainKeys("app/README", "app/packages/b/src/");
    }

    @Test
    void parentsPivotDropsThePathBeforeTheDotSegment() throws Exception {
        write(context, Map.of("a/b/c.txt", "c", "a/b/d/e.txt", "e"));
        BuildResult r = build(layout, options, "FROM scratch\nCOPY --parents ./a/./b/c.txt /dst/\n");
        assertThat(lastLayer(layout, r)).containsExactly(entry("dst/", "d 755 0:0"), entry("dst/b/", "d 755 0:0"),
                entry("dst/b/c.txt", "f 644 0:0 c"));
        // A directory is copied with its own name and everything in it.
        BuildResult dir = build(layout, options, "FROM scratch\nCOPY --parents a/./b/d /dst/\n");
        assertThat(lastLayer(layout, dir)).containsOnlyKeys("dst/", "dst/b/", "dst/b/d/", "dst/b/d/e.txt");
    }

    @Test
    void parentsFromAStageAndMissingSources() throws Exception {
        write(context, Map.of("src/app/main.go", "m"));
        BuildResult r = build(layout, options, "FROM scratch AS b\nCOPY src /build/src\nFROM scratch\nCOPY --from=b --parents /build/./src/app/*.go /out/\n");
        assertThat(lastLayer(layout, r)).containsOnlyKeys("out/", "out/src/", "out/src/app/", "out/src/app/main.go");
        assertThatThrownBy(() -> build(layout, options, "FROM scratch\nCOPY --parents nope/x.txt /dst/\n"))
                .hasMessage("Dockerfile:2: COPY --parents nope/x.txt /dst/: 'nope/x.txt' not found in the build context");
        assertThatThrownBy(() -> build(layout, options, "FROM scratch\nCOPY --parents src/*.none /dst/\n"))
                .hasMessage("Dockerfile:2: COPY --parents src/*.none /dst/: no source files were found for 'src/*.none'");
    }

    // ---- symbolic --chmod -----------------------------------------------------------------------------

    @Test
    void symbolicChmodEditsFilesAndDirectoriesWithCapitalX() throws Exception {
        write(context, Map.of("d/run.sh", "#!/bin/sh\n", "d/data.txt", "data", "d/sub/x", "x"));
        Files.setPosixFilePermissions(context.resolve("d/run.sh"), PosixFilePermissions.fromString("rwxr--r--"));
        Files.setPosixFilePermissions(context.resolve("d/sub"), PosixFilePermissions.fromString("rwx------"));
        BuildResult r = build(layout, options, "FROM scratch\nCOPY --chmod=go+rX,u-w d /app\n");
        assertThat(lastLayer(layout, r)).containsExactly(entry("app/", "d 555 0:0"), entry("app/data.txt", "f 444 0:0 data"),
                entry("app/run.sh", "f 555 0:0 #!/bin/sh\n"), entry("app/sub/", "d 555 0:0"), entry("app/sub/x", "f 444 0:0 x"));
        assertThat(r.config().history().get(0).createdBy()).isEqualTo("COPY --chmod=go+rX,u-w d /app # buildkit");
    }

    @Test
    void symbolicChmodOnAddAndHeredocs() throws Exception {
        write(context, Map.of("tool", "t"));
        BuildResult r = build(layout, options, "FROM scratch\nADD --chmod=+x tool /bin/\n");
        assertThat(lastLayer(layout, r)).containsEntry("bin/tool", "f 755 0:0 t");
        BuildResult doc = build(layout, options, "FROM scratch\nCOPY --chmod=a=r <<x.txt /etc/\nhi\nx.txt\n");
        assertThat(lastLayer(layout, doc)).containsEntry("etc/x.txt", "f 444 0:0 hi\n");
    }

    @Test
    void invalidChmodNamesTheLine() throws Exception {
        write(context, Map.of("f", "1"));
        assertThatThrownBy(() -> build(layout, options, "FROM scratch\n\nCOPY --chmod=u+q f /f\n"))
                .isInstanceOf(BuildException.class)
                .hasMessageStartingWith("Dockerfile:3: COPY --chmod=u+q f /f: --chmod=u+q: invalid mode");
        assertThatThrownBy(() -> build(layout, options, "FROM scratch\nADD --chmod=999 f /f\n"))
                .hasMessageStartingWith("Dockerfile:2: ADD --chmod=999 f /f: --chmod=999: invalid mode");
    }

    // ---- hardlinks in the context ---------------------------------------------------------------------

    @Test
    void hardlinkedFilesCopiedTogetherBecomeOneFileAndLinks() throws Exception {
        write(context, Map.of("d/a.bin", "shared content", "d/solo", "s"));
        Files.createDirectories(context.resolve("d/sub"));
        Files.createLink(context.resolve("d/sub/b.bin"), context.resolve("d/a.bin"));
        Files.createLink(context.resolve("c.bin"), context.resolve("d/a.bin"));
        BuildResult r = build(layout, options, "FROM scratch\nCOPY d /app/\n");
        var layers = BuildTesting.manifest(layout, r).layers();
        assertThat(tarEntries(layers.get(layers.size() - 1))).containsExactly(
                "app/ dir", "app/a.bin file 14", "app/solo file 1", "app/sub/ dir", "app/sub/b.bin link->app/a.bin");
        // Within one source (a wildcard's matches too), but not across sources: BuildKit and buildah copy each
        // source on its own. A file copied alone stays a file.
        BuildResult two = build(layout, options, "FROM scratch\nCOPY c.bin d/a.bin /x/\nCOPY *.bin d/*.bin /y/\n");
        var l2 = BuildTesting.manifest(layout, two).layers();
        assertThat(tarEntries(l2.get(0))).containsExactly("x/ dir", "x/a.bin file 14", "x/c.bin file 14");
        assertThat(tarEntries(l2.get(1))).containsExactly("y/ dir", "y/a.bin file 14", "y/c.bin file 14");
        Files.createDirectories(context.resolve("e"));
        Files.createLink(context.resolve("e/x.bin"), context.resolve("d/a.bin"));
        BuildResult glob = build(layout, options, "FROM scratch\nCOPY */*.bin /z/\n");
        assertThat(tarEntries(BuildTesting.manifest(layout, glob).layers().get(0)))
                .containsExactly("z/ dir", "z/a.bin file 14", "z/x.bin link->z/a.bin");
    }

    private List<String> tarEntries(dev.lading.oci.Descriptor layer) throws Exception {
        List<String> out = new java.util.ArrayList<>();
        try (var raw = new java.io.BufferedInputStream(layout.openBlob(layer));
             var plain = dev.lading.oci.layer.LayerCompression.decompress(raw);
             var tar = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(plain)) {
            for (var e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                out.add(e.getName() + (e.isDirectory() ? " dir" : e.isLink() ? " link->" + e.getLinkName()
                        : e.isSymbolicLink() ? " symlink" : " file " + e.getSize()));
            }
        }
        return out;
    }

    // ---- ONBUILD across stages ------------------------------------------------------------------------

    @Test
    void aStageFromAnEarlierStageRunsItsOnbuildTriggersFirst() throws Exception {
        write(context, Map.of("app.txt", "app"));
        BuildResult r = build(layout, options, """
                FROM base AS parent
                ONBUILD ENV TRIGGERED=yes
                ONBUILD COPY app.txt /onbuild/
                ENV IN_PARENT=1

                FROM parent AS child
                ENV AFTER=$TRIGGERED

                FROM child
                ENV GRANDCHILD=1
                """);
        ImageConfig.Config c = r.config().config();
        assertThat(c.env()).contains("TRIGGERED=yes", "AFTER=yes", "IN_PARENT=1");
        // Triggers run once, in the child: the grandchild inherits neither them nor their recorded config.
        assertThat(c.onBuild()).isNullOrEmpty();
        assertThat(r.config().history().stream().map(ImageConfig.History::createdBy).filter(h -> h.startsWith("COPY app.txt")))
                .hasSize(1);
        assertThat(lastLayer(layout, r)).containsEntry("onbuild/app.txt", "f 644 0:0 app");
    }

    @Test
    void aParentStageBuiltAsTheTargetKeepsItsTriggersAndDoesNotRunThem() throws Exception {
        var none = dev.lading.dockerfile.expand.BuildArgs.none();
        BuildResult r = build(layout, options, "FROM base AS parent\nONBUILD ENV X=1\nFROM parent AS child\n",
                new dev.lading.dockerfile.expand.BuildArgs(none.values(), none.buildPlatform(), none.targetPlatform(),
                        java.util.Optional.of("parent")));
        assertThat(r.config().config().onBuild()).containsExactly("ENV X=1");
        assertThat(r.config().config().env()).noneMatch(e -> e.startsWith("X="));
    }

    @Test
    void aBrokenTriggerFromAStageNamesTheChildsFromLine() throws Exception {
        assertThatThrownBy(() -> build(layout, options, "FROM base AS parent\nONBUILD COPY missing.txt /x\n\nFROM parent\n"))
                .hasMessageContaining("Dockerfile:4: COPY missing.txt /x");
    }
}
