package dev.lading.build.snapshot;

import dev.lading.build.IdMapping;
import dev.lading.oci.layer.LayerEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.lading.build.snapshot.SnapshotTesting.applyLayer;
import static dev.lading.build.snapshot.SnapshotTesting.describe;
import static dev.lading.build.snapshot.SnapshotTesting.describeTree;
import static dev.lading.build.snapshot.SnapshotTesting.makeBase;
import static dev.lading.build.snapshot.SnapshotTesting.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The contract between the two snapshotters: the same change script, run once on the rootfs (copy-diff) and
 * once through a mounted overlay, gives identical entries, the entries the scenario expects, and a layer that
 * turns the original tree into the changed one.
 */
@Tag("integration")
class SnapshotterParityTest {

    @BeforeAll
    static void needsRootAndOverlay(@TempDir Path scratch) {
        assumeTrue(SnapshotTesting.isRoot(), "needs root: the base tree has foreign owners and the overlay is mounted");
        assumeTrue(SnapshotTesting.canMountOverlay(scratch), "this host refuses to mount overlayfs in a mount namespace");
    }

    static Stream<Arguments> scenarios() {
        return Stream.of(
                scenario("add file", "echo new > etc/new",
                        "etc DIRECTORY 0755 0:0", "etc/new FILE 0644 0:0"),
                scenario("modify content", "echo more >> etc/passwd",
                        "etc DIRECTORY 0755 0:0", "etc/passwd FILE 0644 0:0"),
                scenario("chmod only", "chmod 600 usr/lib/libx.so",
                        "usr DIRECTORY 0755 0:0", "usr/lib DIRECTORY 0755 0:0", "usr/lib/libx.so FILE 0600 0:0"),
                scenario("chown only", "chown 1000:1000 opt/file",
                        "opt DIRECTORY 0755 0:0", "opt/file FILE 0644 1000:1000"),
                scenario("touch only", "touch opt/file",
                        "opt DIRECTORY 0755 0:0", "opt/file FILE 0644 0:0"),
                scenario("delete file", "rm var/lib/x",
                        "var DIRECTORY 0755 0:0", "var/lib DIRECTORY 0755 0:0", "var/lib/.wh.x FILE 0000 0:0"),
                scenario("delete dir tree", "rm -rf data/a",
                        "data DIRECTORY 0755 0:0", "data/.wh.a FILE 0000 0:0"),
                scenario("replace dir by file", "rm -rf data/a && echo f > data/a",
                        "data DIRECTORY 0755 0:0", "data/a FILE 0644 0:0"),
                scenario("replace dir by symlink", "rm -rf data/a && ln -s /tmp data/a",
                        "data DIRECTORY 0755 0:0", "data/a SYMLINK 0777 0:0 -> /tmp"),
                scenario("replace file by dir", "rm opt/file && mkdir opt/file && echo in > opt/file/inner",
                        "opt DIRECTORY 0755 0:0", "opt/file DIRECTORY 0755 0:0", "opt/file/inner FILE 0644 0:0"),
                scenario("rm -rf a dir and recreate it", "rm -rf data && mkdir -p data/a/b && echo n > data/a/b/new.txt",
                        "data DIRECTORY 0755 0:0", "data/.wh.e FILE 0000 0:0", "data/.wh.keep.txt FILE 0000 0:0",
                        "data/a DIRECTORY 0755 0:0", "data/a/.wh.d.txt FILE 0000 0:0", "data/a/b DIRECTORY 0755 0:0",
                        "data/a/b/.wh.c.txt FILE 0000 0:0", "data/a/b/new.txt FILE 0644 0:0"),
                scenario("symlink add", "ln -s /etc/passwd usr/bin/pw",
                        "usr DIRECTORY 0755 0:0", "usr/bin DIRECTORY 0755 0:0", "usr/bin/pw SYMLINK 0777 0:0 -> /etc/passwd"),
                scenario("symlink retarget", "ln -sfn other usr/lib/link",
                        "usr DIRECTORY 0755 0:0", "usr/lib DIRECTORY 0755 0:0", "usr/lib/link SYMLINK 0777 0:0 -> other"),
                scenario("new hardlink pair", "echo h > srv/n1 && ln srv/n1 srv/n2",
                        "srv DIRECTORY 0755 0:0", "srv/n1 FILE 0644 0:0", "srv/n2 HARDLINK 0644 0:0 -> srv/n1"),
                scenario("new hardlink to a lower file", "ln usr/bin/tool usr/bin/tool2",
                        "usr DIRECTORY 0755 0:0", "usr/bin DIRECTORY 0755 0:0", "usr/bin/tool FILE 0755 0:0",
                        "usr/bin/tool2 HARDLINK 0755 0:0 -> usr/bin/tool"),
                scenario("remove one name of a lower hardlink pair", "rm srv/h2",
                        "srv DIRECTORY 0755 0:0", "srv/.wh.h2 FILE 0000 0:0"),
                scenario("rename", "mv etc/passwd etc/passwd2",
                        "etc DIRECTORY 0755 0:0", "etc/.wh.passwd FILE 0000 0:0", "etc/passwd2 FILE 0644 0:0"),
                scenario("empty dir", "mkdir emptydir",
                        "emptydir DIRECTORY 0755 0:0"),
                scenario("chmod a directory", "chmod 700 home/u",
                        "home DIRECTORY 0755 0:0", "home/u DIRECTORY 0700 1000:1000"),
                scenario("setuid bit", "chmod 4755 usr/bin/tool",
                        "usr DIRECTORY 0755 0:0", "usr/bin DIRECTORY 0755 0:0", "usr/bin/tool FILE 4755 0:0"),
                scenario("file in a deep new dir", "mkdir -p x/y/z/w && echo deep > x/y/z/w/f",
                        "x DIRECTORY 0755 0:0", "x/y DIRECTORY 0755 0:0", "x/y/z DIRECTORY 0755 0:0",
                        "x/y/z/w DIRECTORY 0755 0:0", "x/y/z/w/f FILE 0644 0:0"),
                scenario("file created and removed again", "echo t > opt/tmp && rm opt/tmp",
                        "opt DIRECTORY 0755 0:0"),
                scenario("fifo and device", "mkfifo var/p && mknod var/null c 1 3",
                        "var DIRECTORY 0755 0:0", "var/null CHAR_DEVICE 0644 0:0", "var/p FIFO 0644 0:0"),
                scenario("rename a directory (overlayfs copies it)", "mv data/a data/z",
                        "data DIRECTORY 0755 0:0", "data/.wh.a FILE 0000 0:0", "data/z DIRECTORY 0755 0:0",
                        "data/z/b DIRECTORY 0755 0:0", "data/z/b/c.txt FILE 0644 0:0", "data/z/d.txt FILE 0644 0:0"),
                scenario("many changes in one RUN", "echo a >> etc/passwd && rm -rf data/a && mkdir data/a"
                                + " && ln -s x data/a/l && chmod 700 home/u && rm srv/h1 && mv opt/file opt/file2",
                        "data DIRECTORY 0755 0:0", "data/a DIRECTORY 0755 0:0", "data/a/.wh.b FILE 0000 0:0",
                        "data/a/.wh.d.txt FILE 0000 0:0", "data/a/l SYMLINK 0777 0:0 -> x", "etc DIRECTORY 0755 0:0",
                        "etc/passwd FILE 0644 0:0", "home DIRECTORY 0755 0:0", "home/u DIRECTORY 0700 1000:1000",
                        "opt DIRECTORY 0755 0:0", "opt/.wh.file FILE 0000 0:0", "opt/file2 FILE 0644 0:0",
                        "srv DIRECTORY 0755 0:0", "srv/.wh.h1 FILE 0000 0:0"),
                scenario("unchanged tree", "true"));
    }

    private static Arguments scenario(String name, String script, String... expected) {
        return Arguments.of(name, script, List.of(expected));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void bothSnapshottersGiveTheSameLayer(String name, String script, List<String> expected, @TempDir Path tmp) throws Exception {
        Outcome copyDiff = snapshot(new CopyDiffSnapshotter(), script, tmp.resolve("copy-diff"));
        Outcome overlay = snapshot(new OverlaySnapshotter(), script, tmp.resolve("overlay"));

        assertThat(copyDiff.entries.stream().map(SnapshotTesting::summary)).as("copy-diff entries").containsExactlyElementsOf(expected);
        assertThat(overlay.described).as("overlay entries, field by field, against copy-diff's").containsExactlyElementsOf(copyDiff.described);
        assertThat(overlay.tree).as("the two rootfs after the RUN").containsExactlyElementsOf(copyDiff.tree);

        for (Outcome o : List.of(copyDiff, overlay)) {
            Path replay = tmp.resolve("replay-" + o.name).resolve("rootfs");
            makeBase(replay);
            applyLayer(o.entries, replay);
            assertThat(describeTree(replay)).as(o.name + ": base + layer = changed rootfs").containsExactlyElementsOf(o.tree);
        }
    }

    private record Outcome(String name, List<LayerEntry> entries, List<String> described, List<String> tree) {
    }

    private static Outcome snapshot(Snapshotter snapshotter, String script, Path dir) throws Exception {
        Path rootfs = dir.resolve("rootfs");
        makeBase(rootfs);
        try (Snapshotter.Session s = snapshotter.begin(rootfs, Map.of(), IdMapping.identity())) {
            run(s.root(), script, dir);
            Snapshotter.Result r = s.commit();
            assertThat(r.owners()).isEmpty();
            try (Stream<Path> left = Files.list(dir)) {
                assertThat(left.map(p -> p.getFileName().toString())).as("scratch directories removed")
                        .allMatch(n -> n.equals("rootfs") || n.equals("mnt"));
            }
            return new Outcome(snapshotter.name(), r.entries(), describe(r.entries()), describeTree(rootfs));
        }
    }
}
