package dev.lading.build.snapshot;

import dev.lading.build.IdMapping;
import dev.lading.build.Sandbox;
import dev.lading.oci.layer.Ownership;
import dev.lading.oci.layer.LayerEntry;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.Map;

import static dev.lading.build.snapshot.SnapshotTesting.describe;
import static dev.lading.build.snapshot.SnapshotTesting.file;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Copy-diff on its own, without root or mounts: changes made with plain file operations. */
class CopyDiffSnapshotterTest {

    private static final IdMapping ME = IdMapping.identity();

    private static Path tree(Path tmp) throws Exception {
        Path root = tmp.resolve("rootfs");
        file(root, "etc/passwd", "root\n", 0644);
        file(root, "app/lib/a.jar", "jar", 0644);
        file(root, "app/run.sh", "#!/bin/sh\n", 0755);
        return root;
    }

    @Test
    void aRunThatChangesNothingGivesNoEntries(@TempDir Path tmp) throws Exception {
        Path root = tree(tmp);
        try (Snapshotter.Session s = new CopyDiffSnapshotter().begin(root, Map.of(), ME)) {
            assertThat(s.root()).isEqualTo(new Sandbox.Root.Directory(root.toRealPath()));
            Files.readString(root.resolve("etc/passwd")); // reading is no change
            assertThat(s.commit().entries()).isEmpty();
        }
    }

    @Test
    void changesBecomeSortedEntriesWithTheirAncestorsAndContent(@TempDir Path tmp) throws Exception {
        Path root = tree(tmp);
        long uid = (Integer) Files.getAttribute(root, "unix:uid");
        long gid = (Integer) Files.getAttribute(root, "unix:gid");
        Snapshotter.Result r;
        try (Snapshotter.Session s = new CopyDiffSnapshotter().begin(root, Map.of(), ME)) {
            Files.writeString(root.resolve("app/lib/a.jar"), "JAR2");
            Files.delete(root.resolve("app/run.sh"));
            Files.createDirectories(root.resolve("app/new/deep"));
            Files.createSymbolicLink(root.resolve("app/new/deep/link"), Path.of("../../lib/a.jar"));
            r = s.commit();
        }
        String owner = uid + ":" + gid;
        assertThat(describe(r.entries())).containsExactly(
                "app DIRECTORY 0755 " + owner,
                "app/.wh.run.sh FILE 0000 0:0 size=0",
                "app/lib DIRECTORY 0755 " + owner,
                "app/lib/a.jar FILE 0644 " + owner + " size=4 'JAR2'",
                "app/new DIRECTORY 0755 " + owner,
                "app/new/deep DIRECTORY 0755 " + owner,
                "app/new/deep/link SYMLINK 0777 " + owner + " -> ../../lib/a.jar");
    }

    @Test
    void aRecordedOwnerIsKeptForAFileTheRunDidNotChown(@TempDir Path tmp) throws Exception {
        Path root = tree(tmp);
        long uid = (Integer) Files.getAttribute(root, "unix:uid");
        Map<String, Ownership> owners = Map.of("etc/passwd", new Ownership(0, 0, 0644), "app/run.sh", new Ownership(0, 0, 0755));
        Snapshotter.Result r;
        try (Snapshotter.Session s = new CopyDiffSnapshotter().begin(root, owners, IdMapping.single(0, uid))) {
            Files.writeString(root.resolve("etc/passwd"), "root\nuser\n");
            r = s.commit();
        }
        assertThat(r.entries().stream().map(SnapshotTesting::summary))
                .contains("etc/passwd FILE 0644 0:0");
        // the user is container root through the mapping, so the disk now says what the record said: no record needed
        assertThat(r.owners()).isEqualTo(Map.of("app/run.sh", new Ownership(0, 0, 0755)));
    }

    @Test
    void userXattrsTravelWithAChangedFileButOverlayBookkeepingDoesNot(@TempDir Path tmp) throws Exception {
        Path root = tree(tmp);
        Path jar = root.resolve("app/lib/a.jar");
        UserDefinedFileAttributeView view = Files.getFileAttributeView(jar, UserDefinedFileAttributeView.class);
        try {
            view.write("note", ByteBuffer.wrap("kept".getBytes(StandardCharsets.UTF_8)));
            view.write("overlay.origin", ByteBuffer.wrap(new byte[]{1}));
        } catch (IOException e) {
            Assumptions.abort("no user xattrs on this file system: " + e.getMessage());
        }
        try (Snapshotter.Session s = new CopyDiffSnapshotter().begin(root, Map.of(), ME)) {
            Files.writeString(jar, "JAR2");
            LayerEntry e = s.commit().entries().stream().filter(x -> x.path().equals("app/lib/a.jar")).findFirst().orElseThrow();
            assertThat(e.xattrs()).containsOnlyKeys("user.note");
            assertThat(new String(e.xattrs().get("user.note"), StandardCharsets.UTF_8)).isEqualTo("kept");
        }
    }

    @Test
    void aSameSizeRewriteRightAfterBeginIsSeen(@TempDir Path tmp) throws Exception {
        Path root = tree(tmp);
        Path passwd = root.resolve("etc/passwd");
        for (int i = 0; i < 20; i++) {
            Files.writeString(passwd, "a" + i % 10); // changed just before the scan ...
            try (Snapshotter.Session s = new CopyDiffSnapshotter().begin(root, Map.of(), ME)) {
                Files.writeString(passwd, "b" + i % 10); // ... and again right after it, same inode, same size
                assertThat(s.commit().entries()).extracting(LayerEntry::path).contains("etc/passwd");
            }
        }
    }

    @Test
    void commitTwiceIsAProgrammingError(@TempDir Path tmp) throws Exception {
        Path root = tree(tmp);
        try (Snapshotter.Session s = new CopyDiffSnapshotter().begin(root, Map.of(), ME)) {
            s.commit();
            assertThatThrownBy(s::commit).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void aFileNamedLikeAWhiteoutIsRefused(@TempDir Path tmp) throws Exception {
        Path root = tree(tmp);
        try (Snapshotter.Session s = new CopyDiffSnapshotter().begin(root, Map.of(), ME)) {
            Files.writeString(root.resolve("etc/.wh.evil"), "");
            assertThatThrownBy(s::commit).hasMessageContaining("'/etc/.wh.evil'").hasMessageContaining("marks deletions");
        }
    }
}
