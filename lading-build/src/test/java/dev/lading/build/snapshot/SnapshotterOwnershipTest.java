package dev.lading.build.snapshot;

import dev.lading.build.IdMapping;
import dev.lading.oci.layer.Ownership;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.lading.build.snapshot.SnapshotTesting.chown;
import static dev.lading.build.snapshot.SnapshotTesting.describeTree;
import static dev.lading.build.snapshot.SnapshotTesting.makeBase;
import static dev.lading.build.snapshot.SnapshotTesting.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Rootless builds: everything on disk belongs to the builder's user, the image's owners live in the record the
 * extraction kept, and the sandbox maps container root to that user. Simulated here with a mapping whose
 * outside id is the current user (root on CI), on a tree chowned entirely to that user.
 */
@Tag("integration")
class SnapshotterOwnershipTest {

    private static final Map<String, Ownership> RECORDED = Map.of(
            "etc/shadow", new Ownership(0, 42, 0640),
            "usr/bin/tool", new Ownership(0, 0, 04755), // the kernel refused setuid during extraction
            "var/lib/x", new Ownership(5, 5, 0600),
            "opt/file", new Ownership(7, 7, 0644),
            "home/u", new Ownership(1000, 1000, 0750),
            "data/a/d.txt", new Ownership(3, 3, 0644));

    @BeforeAll
    static void needsRootAndOverlay(@TempDir Path scratch) {
        assumeTrue(SnapshotTesting.isRoot(), "needs root to build the tree and mount the overlay");
        assumeTrue(SnapshotTesting.canMountOverlay(scratch), "this host refuses to mount overlayfs in a mount namespace");
    }

    static Snapshotter snapshotter(String name) {
        return name.equals("overlay") ? new OverlaySnapshotter() : new CopyDiffSnapshotter();
    }

    /** The base tree as a rootless extraction leaves it: every path owned by the user, no setuid. */
    static Path rootlessBase(Path dir) throws IOException {
        Path rootfs = dir.resolve("rootfs");
        makeBase(rootfs);
        try (Stream<Path> all = Files.walk(rootfs)) {
            for (Path p : all.toList()) {
                chown(p, 0, 0);
            }
        }
        return rootfs;
    }

    @ParameterizedTest
    @ValueSource(strings = {"copy-diff", "overlay"})
    void recordedOwnersSurviveUnlessTheRunChownsAndNewFilesGetTheMappedOwner(String name, @TempDir Path tmp) throws Exception {
        Path rootfs = rootlessBase(tmp);
        Snapshotter.Result r;
        try (Snapshotter.Session s = snapshotter(name).begin(rootfs, RECORDED, IdMapping.single(0, 0))) {
            run(s.root(), "chmod 600 etc/shadow && echo more >> usr/bin/tool && rm var/lib/x && echo n > newfile"
                    + " && chmod 700 home/u && rm -rf data/a", tmp);
            r = s.commit();
        }
        assertThat(r.entries().stream().map(SnapshotTesting::summary)).containsExactly(
                "data DIRECTORY 0755 0:0",
                "data/.wh.a FILE 0000 0:0",
                "etc DIRECTORY 0755 0:0",
                "etc/shadow FILE 0600 0:42",        // mode from the RUN, owner from the record
                "home DIRECTORY 0755 0:0",
                "home/u DIRECTORY 0700 1000:1000",
                "newfile FILE 0644 0:0",            // created by container root = the user
                "usr DIRECTORY 0755 0:0",
                "usr/bin DIRECTORY 0755 0:0",
                "usr/bin/tool FILE 4755 0:0",       // written, not chmod'ed: the recorded setuid stays
                "var DIRECTORY 0755 0:0",
                "var/lib DIRECTORY 0755 0:0",
                "var/lib/.wh.x FILE 0000 0:0");
        assertThat(r.owners()).isEqualTo(Map.of(
                "etc/shadow", new Ownership(0, 42, 0600),
                "home/u", new Ownership(1000, 1000, 0700),
                "opt/file", new Ownership(7, 7, 0644),
                "usr/bin/tool", new Ownership(0, 0, 04755)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"copy-diff", "overlay"})
    void anOwnerOutsideTheMappingIsAClearError(String name, @TempDir Path tmp) throws Exception {
        Path rootfs = rootlessBase(tmp);
        List<String> before = describeTree(rootfs);
        Snapshotter snapshotter = snapshotter(name);
        try (Snapshotter.Session s = snapshotter.begin(rootfs, RECORDED, IdMapping.single(0, 0))) {
            run(s.root(), "chown 1000 opt/file", tmp);
            assertThatThrownBy(s::commit)
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("'/opt/file' is owned by host uid 1000")
                    .hasMessageContaining("does not map into the container");
        }
        if (snapshotter.restoresOnDiscard()) {
            assertThat(describeTree(rootfs)).as("the overlay fails before it touches the rootfs").isEqualTo(before);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"copy-diff", "overlay"})
    void closeWithoutCommitRestoresOnlyWhatTheSnapshotterPromises(String name, @TempDir Path tmp) throws Exception {
        Path rootfs = tmp.resolve("rootfs");
        makeBase(rootfs);
        List<String> before = describeTree(rootfs);
        Snapshotter snapshotter = snapshotter(name);
        try (Snapshotter.Session s = snapshotter.begin(rootfs, Map.of(), IdMapping.identity())) {
            run(s.root(), "echo x > etc/new && rm -rf data", tmp);
        }
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString())).as("scratch directories removed")
                    .allMatch(n -> n.equals("rootfs") || n.equals("mnt"));
        }
        if (snapshotter.restoresOnDiscard()) {
            assertThat(describeTree(rootfs)).isEqualTo(before);
        } else {
            assertThat(describeTree(rootfs)).as("copy-diff cannot undo: the caller discards the rootfs").isNotEqualTo(before);
        }
    }
}
