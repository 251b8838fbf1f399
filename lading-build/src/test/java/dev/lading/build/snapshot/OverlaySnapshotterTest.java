package dev.lading.build.snapshot;

import dev.lading.build.IdMapping;
import dev.lading.build.Sandbox;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.lading.build.snapshot.SnapshotTesting.describeTree;
import static dev.lading.build.snapshot.SnapshotTesting.makeBase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** What is particular to the overlay snapshotter: its scratch directories and the mount it depends on. */
@Tag("integration")
class OverlaySnapshotterTest {

    @BeforeAll
    static void needsRootAndOverlay(@TempDir Path scratch) {
        assumeTrue(SnapshotTesting.isRoot(), "needs root to mount the overlay");
        assumeTrue(SnapshotTesting.canMountOverlay(scratch), "this host refuses to mount overlayfs in a mount namespace");
    }

    @Test
    void theSessionPresentsAFreshUpperBesideTheRootfsWithTheRootfsRootMode(@TempDir Path tmp) throws Exception {
        Path rootfs = tmp.resolve("rootfs");
        makeBase(rootfs);
        FileOps.setMode(rootfs, 0751);
        try (Snapshotter.Session s = new OverlaySnapshotter().begin(rootfs, Map.of(), IdMapping.identity())) {
            Sandbox.Root.Overlay o = (Sandbox.Root.Overlay) s.root();
            assertThat(o.lower()).isEqualTo(rootfs.toRealPath());
            assertThat(o.upper().getParent()).isEqualTo(tmp.toRealPath());
            assertThat(FileOps.list(o.upper())).isEmpty();
            assertThat(FileMeta.read(o.upper()).perm()).as("the merged root shows the upper root's mode").isEqualTo(0751);
        }
    }

    @Test
    void aMountWithoutUserxattrIsRefusedBeforeTheRootfsChanges(@TempDir Path tmp) throws Exception {
        assumeTrue(kernelAtLeast66(), "kernels before 6.6 leave no mark to tell the mounts apart");
        Path rootfs = tmp.resolve("rootfs");
        makeBase(rootfs);
        List<String> before = describeTree(rootfs);
        try (Snapshotter.Session s = new OverlaySnapshotter().begin(rootfs, Map.of(), IdMapping.identity())) {
            SnapshotTesting.run(s.root(), "rm -rf data && mkdir data && echo n > data/new", tmp, "");
            assertThatThrownBy(s::commit).isInstanceOf(IOException.class).hasMessageContaining("must mount it with userxattr");
        }
        assertThat(describeTree(rootfs)).isEqualTo(before);
    }

    private static boolean kernelAtLeast66() {
        String[] v = System.getProperty("os.version").split("[.-]");
        int major = Integer.parseInt(v[0]);
        return major > 6 || (major == 6 && Integer.parseInt(v[1]) >= 6);
    }
}
