package dev.lading.oci.layer;

import dev.lading.oci.Digest;
import dev.lading.oci.MediaType;
import dev.lading.oci.MediaType.Compression;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LayerWriterTest {

    static List<LayerEntry> sample() {
        return List.of(
                LayerEntry.file("usr/bin/tool", 0755, "#!/bin/sh\necho hi\n").withOwner(1000, 1000),
                LayerEntry.directory("usr", 0755),
                LayerEntry.directory("usr/bin", 0755),
                LayerEntry.file("a-b", 0644, "dash sorts before slash"),
                LayerEntry.symlink("usr/bin/alias", "tool"),
                LayerEntry.hardlink("usr/bin/tool2", "usr/bin/tool"),
                LayerEntry.directory("etc", 0755),
                LayerEntry.file("etc/empty", 0600, new byte[0]),
                LayerEntry.whiteout("etc/gone"));
    }

    static byte[] write(List<LayerEntry> entries, LayerWriter.Options options) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new LayerWriter(options).write(entries, out);
        return out.toByteArray();
    }

    static List<TarArchiveEntry> readAll(byte[] tar) throws IOException {
        List<TarArchiveEntry> result = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(LayerCompression.decompress(new ByteArrayInputStream(tar)), "UTF-8")) {
            for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
                result.add(e);
            }
        }
        return result;
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void sameInputTwiceGivesIdenticalBytesAndDigestsMatchIndependentHashes(Compression c) throws IOException {
        LayerWriter.Options options = LayerWriter.Options.of(c).withSourceDateEpoch(1_700_000_000L);
        ByteArrayOutputStream out1 = new ByteArrayOutputStream();
        LayerResult r1 = new LayerWriter(options).write(sample(), out1);
        // reversed input order must not matter either
        List<LayerEntry> reversed = new ArrayList<>(sample());
        java.util.Collections.reverse(reversed);
        ByteArrayOutputStream out2 = new ByteArrayOutputStream();
        LayerResult r2 = new LayerWriter(options).write(reversed, out2);

        assertThat(out2.toByteArray()).isEqualTo(out1.toByteArray());
        assertThat(r2).isEqualTo(r1);

        byte[] blob = out1.toByteArray();
        assertThat(r1.digest()).isEqualTo(Digest.sha256(blob));
        assertThat(r1.size()).isEqualTo(blob.length);
        byte[] tar = LayerCompression.decompress(new ByteArrayInputStream(blob)).readAllBytes();
        assertThat(r1.diffId()).isEqualTo(Digest.sha256(tar));
        assertThat(r1.uncompressedSize()).isEqualTo(tar.length);
        assertThat(LayerCompression.diffId(new ByteArrayInputStream(blob)))
                .isEqualTo(new LayerCompression.DiffIdResult(r1.diffId(), tar.length));
        assertThat(r1.descriptor().mediaType()).isEqualTo(MediaType.layerType(c, false));
        assertThat(r1.descriptor().digest()).isEqualTo(r1.digest());
        assertThat(tar.length % 512).isZero();
        if (c == Compression.NONE) {
            assertThat(r1.digest()).isEqualTo(r1.diffId());
        } else {
            assertThat(r1.digest()).isNotEqualTo(r1.diffId());
        }
    }

    @Test
    void entriesAreSortedByPathBytesWithParentsFirstAndDirectoriesEndInSlash() throws IOException {
        List<TarArchiveEntry> entries = readAll(write(sample(), LayerWriter.Options.of(Compression.NONE)));
        assertThat(entries).extracting(TarArchiveEntry::getName).containsExactly(
                "a-b", "etc/", "etc/.wh.gone", "etc/empty", "usr/", "usr/bin/", "usr/bin/alias", "usr/bin/tool", "usr/bin/tool2");
    }

    @Test
    void headersCarryNumericIdsFixedMtimeAndNoNames() throws IOException {
        List<TarArchiveEntry> entries = readAll(write(sample(), LayerWriter.Options.of(Compression.GZIP).withSourceDateEpoch(1234567)));
        for (TarArchiveEntry e : entries) {
            assertThat(e.getUserName()).as(e.getName()).isEmpty();
            assertThat(e.getGroupName()).as(e.getName()).isEmpty();
            assertThat(e.getModTime().getTime()).as(e.getName()).isEqualTo(1234567_000L);
        }
        TarArchiveEntry tool = entries.stream().filter(e -> e.getName().equals("usr/bin/tool")).findFirst().orElseThrow();
        assertThat(tool.getLongUserId()).isEqualTo(1000);
        assertThat(tool.getLongGroupId()).isEqualTo(1000);
        assertThat(tool.getMode() & 07777).isEqualTo(0755);
        assertThat(tool.isFile()).isTrue();
        TarArchiveEntry alias = entries.stream().filter(e -> e.getName().equals("usr/bin/alias")).findFirst().orElseThrow();
        assertThat(alias.isSymbolicLink()).isTrue();
        assertThat(alias.getLinkName()).isEqualTo("tool");
        TarArchiveEntry link = entries.stream().filter(e -> e.getName().equals("usr/bin/tool2")).findFirst().orElseThrow();
        assertThat(link.isLink()).isTrue();
        assertThat(link.getLinkName()).isEqualTo("usr/bin/tool");
    }

    @Test
    void gzipHeaderHasNoTimeNoNameAndUnknownOs() throws IOException {
        byte[] blob = write(sample(), LayerWriter.Options.of(Compression.GZIP));
        assertThat(HexFormat.of().formatHex(blob, 0, 10)).isEqualTo("1f8b08000000000000ff");
        // and it is a valid gzip stream for the JDK's reader (CRC and length trailer checked)
        assertThat(new GZIPInputStream(new ByteArrayInputStream(blob)).readAllBytes().length % 512).isZero();
    }

    @Test
    void gzipLevelChangesBytesButNotDiffId() throws IOException {
        ByteArrayOutputStream fast = new ByteArrayOutputStream();
        ByteArrayOutputStream best = new ByteArrayOutputStream();
        List<LayerEntry> entries = List.of(LayerEntry.file("text", 0644, "lading ".repeat(5000)));
        LayerResult a = new LayerWriter(LayerWriter.Options.of(Compression.GZIP).withLevel(1)).write(entries, fast);
        LayerResult b = new LayerWriter(LayerWriter.Options.of(Compression.GZIP).withLevel(9)).write(entries, best);
        assertThat(a.diffId()).isEqualTo(b.diffId());
        assertThat(fast.toByteArray()).isNotEqualTo(best.toByteArray());
        assertThat(fast.toByteArray()[8]).isEqualTo((byte) 4);
        assertThat(best.toByteArray()[8]).isEqualTo((byte) 2);
    }

    @Test
    void longNamesLinksBigIdsAndXattrsUsePaxAndRoundTrip() throws IOException {
        String longDir = "d".repeat(90) + "/" + "e".repeat(60);
        String longName = longDir + "/file-with-a-long-name.txt";
        String unicode = "données/ünïcødé-😀.txt";
        byte[] cap = {1, 0, 0, 2, 0, 0x20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        List<LayerEntry> entries = List.of(
                LayerEntry.directory("d".repeat(90), 0755),
                LayerEntry.directory(longDir, 0755),
                LayerEntry.file(longName, 0644, "x").withOwner(3_000_000_000L, 2_100_000L),
                LayerEntry.symlink("link", longName.replace('d', 'z')),
                LayerEntry.directory("données", 0755),
                LayerEntry.file(unicode, 0644, "u"),
                LayerEntry.file("ping", 04755, "elf").withXattrs(Map.of(
                        "user.comment", "héllo".getBytes(StandardCharsets.UTF_8),
                        "security.capability", cap)));
        byte[] tar = write(entries, LayerWriter.Options.of(Compression.NONE).withSourceDateEpoch(-5));
        List<TarArchiveEntry> read = readAll(tar);
        assertThat(read).extracting(TarArchiveEntry::getName).containsExactly(
                "d".repeat(90) + "/", longDir + "/", longName, "données/", unicode, "link", "ping");
        TarArchiveEntry big = read.get(2);
        assertThat(big.getLongUserId()).isEqualTo(3_000_000_000L);
        assertThat(big.getLongGroupId()).isEqualTo(2_100_000L);
        assertThat(big.getModTime().getTime()).isEqualTo(-5000L);
        assertThat(read.get(5).getLinkName()).isEqualTo(longName.replace('d', 'z'));
        TarArchiveEntry ping = read.get(6);
        assertThat(ping.getMode() & 07777).isEqualTo(04755);
        assertThat(ping.getExtraPaxHeaders()).containsEntry("SCHILY.xattr.user.comment", "héllo");
        // commons-compress decodes PAX values as UTF-8 text, so check the binary capability on the raw bytes
        assertThat(indexOf(tar, concat("SCHILY.xattr.security.capability=".getBytes(StandardCharsets.US_ASCII), cap))).isPositive();
        // and no PAX header name leaks a pid or host detail
        assertThat(new String(tar, StandardCharsets.ISO_8859_1)).contains("PaxHeaders.0/");
    }

    @Test
    void streamsLargeFilesThroughAFixedBuffer() throws IOException {
        long size = 300L * 1024 * 1024; // larger than a test JVM would want to hold twice
        LayerEntry big = LayerEntry.file("big", 0644, size, () -> new ZeroStream(size));
        CountingSink sink = new CountingSink();
        LayerResult r = new LayerWriter(LayerWriter.Options.of(Compression.NONE)).write(List.of(big), sink);
        assertThat(r.uncompressedSize()).isEqualTo(sink.count).isEqualTo(512 + size + 1024);
    }

    @Test
    void sizesBeyondTheOctalFieldGoToPax() throws IOException {
        long size = 9L * 1024 * 1024 * 1024; // > 8 GiB: beyond the 11-digit octal size field
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        new TarOutput(header).putEntry(LayerEntry.file("huge", 0644, size, () -> new ZeroStream(size)), 0);
        assertThat(header.toString(StandardCharsets.ISO_8859_1)).contains(" size=" + size + "\n");
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(header.toByteArray()))) {
            TarArchiveEntry e = in.getNextEntry();
            assertThat(e.getName()).isEqualTo("huge");
            assertThat(e.getSize()).isEqualTo(size);
        }
    }

    @Test
    void refusesDuplicatesBadHardlinksAndContentOfTheWrongSize() {
        LayerWriter w = new LayerWriter(LayerWriter.Options.of(Compression.NONE));
        assertThatThrownBy(() -> w.write(List.of(LayerEntry.file("a", 0644, "1"), LayerEntry.directory("a", 0755)), new ByteArrayOutputStream()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two entries for 'a'");
        assertThatThrownBy(() -> w.write(List.of(LayerEntry.hardlink("a", "b"), LayerEntry.file("b", 0644, "1")), new ByteArrayOutputStream()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sorts after it");
        assertThatThrownBy(() -> w.write(List.of(LayerEntry.hardlink("z", "d"), LayerEntry.directory("d", 0755)), new ByteArrayOutputStream()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a file");
        assertThatThrownBy(() -> w.write(List.of(LayerEntry.file("short", 0644, 10, () -> new ByteArrayInputStream(new byte[3]))), new ByteArrayOutputStream()))
                .isInstanceOf(IOException.class).hasMessageContaining("'short' ended after 3 of 10");
        assertThatThrownBy(() -> w.write(List.of(LayerEntry.file("long", 0644, 2, () -> new ByteArrayInputStream(new byte[3]))), new ByteArrayOutputStream()))
                .isInstanceOf(IOException.class).hasMessageContaining("'long' is longer");
    }

    @Test
    void entryRefusesPathsThatAreNotCanonical() {
        for (String bad : List.of("/abs", "./rel", "a/../b", "a//b", "dir/", "..", "a/.", "", "nul\0byte")) {
            assertThatThrownBy(() -> LayerEntry.file(bad, 0644, "x")).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> LayerEntry.hardlink("a", "../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LayerEntry.directory("d", 0100755)).isInstanceOf(IllegalArgumentException.class);
        assertThat(LayerEntry.whiteout("a/b").path()).isEqualTo("a/.wh.b");
        assertThat(LayerEntry.whiteout("top").path()).isEqualTo(".wh.top");
        assertThat(LayerEntry.opaque("a/b").path()).isEqualTo("a/b/.wh..wh..opq");
    }

    @Test
    void fromDirectoryMapsFilesLinksAndOwnership(@TempDir Path dir) throws IOException {
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.createDirectories(root.resolve("app/bin"));
        Files.writeString(root.resolve("app/bin/run"), "run");
        Files.setPosixFilePermissions(root.resolve("app/bin/run"), java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-x---"));
        Files.writeString(root.resolve("app/data"), "data");
        Files.createLink(root.resolve("app/data-copy"), root.resolve("app/data"));
        Files.createSymbolicLink(root.resolve("app/outside"), Path.of("/etc/passwd"));

        List<LayerEntry> entries = LayerEntries.fromDirectory(root,
                DirectoryOptions.defaults().withOwners(Map.of("app/data", new Owner(1000, 1001))));
        assertThat(entries).extracting(LayerEntry::path).containsExactly(
                "app", "app/bin", "app/bin/run", "app/data", "app/data-copy", "app/outside");
        assertThat(entries).extracting(LayerEntry::type).containsExactly(EntryType.DIRECTORY, EntryType.DIRECTORY,
                EntryType.FILE, EntryType.FILE, EntryType.HARDLINK, EntryType.SYMLINK);
        assertThat(entries.get(2).mode()).isEqualTo(0750);
        assertThat(entries.get(3).uid()).isEqualTo(1000);
        assertThat(entries.get(3).gid()).isEqualTo(1001);
        assertThat(entries.get(2).uid()).isZero();
        assertThat(entries.get(4).linkTarget()).isEqualTo("app/data");
        assertThat(entries.get(5).linkTarget()).isEqualTo("/etc/passwd");

        List<LayerEntry> preserved = LayerEntries.fromDirectory(root, DirectoryOptions.preserveIds());
        int diskUid = (Integer) Files.getAttribute(root.resolve("app/bin/run"), "unix:uid");
        assertThat(preserved.get(2).uid()).isEqualTo(diskUid);

        // a directory scanned twice gives the same layer: nothing from the disk's timestamps leaks in
        byte[] one = write(entries, LayerWriter.Options.defaults());
        Files.setLastModifiedTime(root.resolve("app/data"), java.nio.file.attribute.FileTime.fromMillis(12345));
        byte[] two = write(LayerEntries.fromDirectory(root,
                DirectoryOptions.defaults().withOwners(Map.of("app/data", new Owner(1000, 1001)))), LayerWriter.Options.defaults());
        assertThat(two).isEqualTo(one);
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // opening a fifo would block forever
    void fromDirectoryReadsUserXattrsButNeverOpensAFifo(@TempDir Path dir) throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        Path file = Files.writeString(root.resolve("f"), "x");
        var view = Files.getFileAttributeView(file, java.nio.file.attribute.UserDefinedFileAttributeView.class);
        try {
            view.write("origin", java.nio.ByteBuffer.wrap(new byte[] {1, 2}));
        } catch (IOException | UnsupportedOperationException e) {
            org.junit.jupiter.api.Assumptions.assumeTrue(false, "no user xattrs on the temp filesystem");
        }
        Process mkfifo = new ProcessBuilder("mkfifo", root.resolve("pipe").toString()).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo failed");

        List<LayerEntry> entries = LayerEntries.fromDirectory(root, DirectoryOptions.defaults().withXattrs(true));
        assertThat(entries).extracting(LayerEntry::path).containsExactly("f", "pipe");
        assertThat(entries.get(0).xattrs().get("user.origin")).isEqualTo(new byte[] {1, 2});
        assertThat(entries.get(1).type()).isEqualTo(EntryType.FIFO);
        assertThat(LayerEntries.fromDirectory(root, DirectoryOptions.defaults()).get(0).xattrs()).isEmpty();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] r = new byte[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Yields {@code size} zero bytes without allocating them. */
    static final class ZeroStream extends InputStream {
        private long remaining;

        ZeroStream(long size) {
            this.remaining = size;
        }

        @Override
        public int read() {
            if (remaining == 0) {
                return -1;
            }
            remaining--;
            return 0;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (remaining == 0) {
                return -1;
            }
            int n = (int) Math.min(len, remaining);
            java.util.Arrays.fill(b, off, off + n, (byte) 0);
            remaining -= n;
            return n;
        }
    }

    /** Counts bytes and keeps only the first few KiB. */
    static final class CountingSink extends java.io.OutputStream {
        long count;
        final byte[] head = new byte[4096];

        @Override
        public void write(int b) {
            if (count < head.length) {
                head[(int) count] = (byte) b;
            }
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            for (int i = 0; i < len && count + i < head.length; i++) {
                head[(int) count + i] = b[off + i];
            }
            count += len;
        }
    }
}
