package dev.lading.build;

import dev.lading.oci.MediaType.Compression;
import dev.lading.oci.layer.LayerEntry;
import dev.lading.oci.layer.LayerWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A layer applied to the working root while it is written: the same files as extracting it afterwards. */
@Timeout(60)
class WorkingRootFeedTest {

    @TempDir
    Path temp;

    private static List<LayerEntry> manyFiles(int n) {
        List<LayerEntry> entries = new ArrayList<>();
        entries.add(LayerEntry.directory("app", 0755));
        for (int i = 0; i < n; i++) {
            byte[] content = new byte[1000 + i * 37 % 70_000];
            java.util.Arrays.fill(content, (byte) ('a' + i % 26));
            entries.add(LayerEntry.file("app/f" + i, 0644, content));
        }
        entries.add(LayerEntry.symlink("app/link", "f0"));
        return entries;
    }

    @Test
    void theRootHasTheLayerWhenTheWriteIsDoneAndCountsItAsApplied() throws IOException {
        Path dir = Files.createDirectory(temp.resolve("rootfs"));
        WorkingRoot root = new WorkingRoot(dir);
        ByteArrayOutputStream blob = new ByteArrayOutputStream();
        boolean applied;
        try (WorkingRoot.Feed feed = root.feed()) {
            new LayerWriter(LayerWriter.Options.of(Compression.GZIP)).write(manyFiles(300), blob, feed.tar());
            applied = feed.finish(4);
        }
        assertThat(applied).isTrue();
        assertThat(root.applied).isEqualTo(4);
        assertThat(Files.readAllBytes(dir.resolve("app/f299"))).hasSize(1000 + 299 * 37 % 70_000).containsOnly((byte) ('a' + 299 % 26));
        assertThat(Files.readSymbolicLink(dir.resolve("app/link"))).isEqualTo(Path.of("f0"));
        try (var files = Files.list(dir.resolve("app"))) {
            assertThat(files.count()).isEqualTo(301);
        }
    }

    @Test
    void aLayerTheExtractorRefusesLeavesTheRootUnappliedAndNeverStallsTheWriter() throws IOException {
        Path dir = Files.createDirectory(temp.resolve("rootfs"));
        WorkingRoot root = new WorkingRoot(dir);
        boolean applied;
        try (WorkingRoot.Feed feed = root.feed()) {
            OutputStream tar = feed.tar();
            // not a tar at all, then far more than the feed holds in flight: the writer must get through it all
            byte[] junk = "this is not a tar header ".repeat(40).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 20_000; i++) {
                tar.write(junk);
            }
            applied = feed.finish(1);
        }
        assertThat(applied).isFalse();
        assertThat(root.applied).isZero();
    }

    @Test
    void aWriterThatFailsHalfWayEndsTheExtractionWithoutHanging() throws IOException {
        Path dir = Files.createDirectory(temp.resolve("rootfs"));
        WorkingRoot root = new WorkingRoot(dir);
        ByteArrayOutputStream full = new ByteArrayOutputStream();
        new LayerWriter(LayerWriter.Options.of(Compression.NONE)).write(manyFiles(200), full);
        byte[] tar = full.toByteArray();
        assertThatThrownBy(() -> {
            try (WorkingRoot.Feed feed = root.feed()) {
                feed.tar().write(tar, 0, tar.length / 2);
                throw new IOException("disk full");
            }
        }).hasMessage("disk full");
        assertThat(root.applied).isZero();
    }
}
