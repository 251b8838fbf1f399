package dev.lading.oci.layer;

import com.sun.security.auth.module.UnixSystem;
import dev.lading.oci.Descriptor;
import dev.lading.oci.Digest;
import dev.lading.oci.MediaType;
import dev.lading.oci.MediaType.Compression;
import dev.lading.oci.content.DigestMismatchException;
import dev.lading.oci.content.VerifyingInputStream;
import dev.lading.oci.OciException;
import dev.lading.oci.layer.ExtractOptions.OwnershipMode;
import dev.lading.oci.layer.ExtractOptions.SymlinkParents;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class LayerExtractorTest {
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    @TempDir
    Path temp;
    Path target;
    Path outside;
    Map<String, String> outsideBefore;

    @BeforeEach
    void setUp() throws IOException {
        target = Files.createDirectory(temp.resolve("target"));
        outside = Files.createDirectory(temp.resolve("outside"));
        Files.writeString(outside.resolve("secret"), "original");
        outsideBefore = snapshotOutsideTarget();
    }

    /** Every path under the temp dir except the target, with type and content: nothing there may change. */
    private Map<String, String> snapshotOutsideTarget() throws IOException {
        Map<String, String> snap = new TreeMap<>();
        try (Stream<Path> all = Files.walk(temp)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if (p.startsWith(target)) {
                    continue;
                }
                String what = Files.isSymbolicLink(p) ? "link:" + Files.readSymbolicLink(p)
                        : Files.isDirectory(p, NOFOLLOW) ? "dir" : "file:" + Files.readString(p)
                        + ":links=" + Files.getAttribute(p, "unix:nlink", NOFOLLOW);
                snap.put(temp.relativize(p).toString(), what);
            }
        }
        return snap;
    }

    private void assertNothingOutsideChanged() throws IOException {
        assertThat(snapshotOutsideTarget()).isEqualTo(outsideBefore);
    }

    private static ExtractOptions rootless() {
        return ExtractOptions.defaults().withOwnership(OwnershipMode.RECORD);
    }

    private ExtractionReport apply(byte[] layer) throws IOException {
        return apply(layer, rootless());
    }

    private ExtractionReport apply(byte[] layer, ExtractOptions options) throws IOException {
        return new LayerExtractor(options).apply(new ByteArrayInputStream(layer), target);
    }

    private static byte[] written(List<LayerEntry> entries, Compression c) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new LayerWriter(LayerWriter.Options.of(c).withSourceDateEpoch(1_600_000_000L)).write(entries, out);
        return out.toByteArray();
    }

    private static boolean isRoot() {
        return new UnixSystem().getUid() == 0;
    }

    private int mode(String path) throws IOException {
        return (Integer) Files.getAttribute(target.resolve(path), "unix:mode", NOFOLLOW) & 07777;
    }

    // ---- ordinary layers

    @Test
    void appliesWhatTheWriterWroteInEveryCompression() throws IOException {
        for (Compression c : Compression.values()) {
            List<LayerEntry> entries = List.of(
                    LayerEntry.directory("usr", 0755),
                    LayerEntry.directory("usr/bin", 0755),
                    LayerEntry.file("usr/bin/tool", 0750, "#!/bin/sh\n"),
                    LayerEntry.hardlink("usr/bin/tool2", "usr/bin/tool"),
                    LayerEntry.symlink("usr/bin/alias", "tool"),
                    LayerEntry.symlink("dangling", "/nowhere/at/all"),
                    LayerEntry.file("etc/motd", 0644, "hello " + c));
            Path dir = Files.createDirectory(temp.resolve("t-" + c));
            ExtractionReport r = new LayerExtractor(rootless()).apply(new ByteArrayInputStream(written(entries, c)), dir);

            assertThat(Files.readString(dir.resolve("etc/motd"))).isEqualTo("hello " + c);
            assertThat(Files.readString(dir.resolve("usr/bin/tool2"))).isEqualTo("#!/bin/sh\n");
            assertThat(Files.getAttribute(dir.resolve("usr/bin/tool2"), "unix:ino"))
                    .isEqualTo(Files.getAttribute(dir.resolve("usr/bin/tool"), "unix:ino"));
            assertThat(Files.readSymbolicLink(dir.resolve("usr/bin/alias")).toString()).isEqualTo("tool");
            assertThat(Files.readSymbolicLink(dir.resolve("dangling")).toString()).isEqualTo("/nowhere/at/all");
            assertThat((Integer) Files.getAttribute(dir.resolve("usr/bin/tool"), "unix:mode") & 07777).isEqualTo(0750);
            assertThat(Files.getLastModifiedTime(dir.resolve("usr/bin/tool"))).isEqualTo(FileTime.fromMillis(1_600_000_000_000L));
            // directory mtimes are set after their children were written
            assertThat(Files.getLastModifiedTime(dir.resolve("usr/bin"))).isEqualTo(FileTime.fromMillis(1_600_000_000_000L));
            assertThat(Files.getLastModifiedTime(dir.resolve("dangling"), NOFOLLOW)).isEqualTo(FileTime.fromMillis(1_600_000_000_000L));
            assertThat(r.files()).isEqualTo(2);
            assertThat(r.directories()).isEqualTo(2);
            assertThat(r.symlinks()).isEqualTo(2);
            assertThat(r.hardlinks()).isEqualTo(1);
            assertThat(r.bytes()).isEqualTo(10 + ("hello " + c).length());
            assertThat(r.warnings()).isEmpty();
        }
    }

    @Test
    void readOnlyDirectoriesStillReceiveTheirEntriesAndKeepTheirMode() throws IOException {
        apply(TarBuilder.tar().dir("ro", 0555).file("ro/f", "1").dir("ro/locked", 0).file("ro/locked/deep", "2").build());
        assertThat(Files.readString(target.resolve("ro/f"))).isEqualTo("1");
        assertThat(mode("ro")).isEqualTo(0555);
        assertThat(mode("ro/locked")).isZero();
        // a second layer writes into the read-only directory of the first and gives the mode back
        apply(TarBuilder.tar().file("ro/g", "3").file("ro/locked/deeper", "4").build());
        assertThat(mode("ro")).isEqualTo(0555);
        assertThat(mode("ro/locked")).isZero();
        Files.setAttribute(target.resolve("ro/locked"), "unix:mode", 0755);
        assertThat(Files.readString(target.resolve("ro/locked/deeper"))).isEqualTo("4");
        assertThat(Files.readString(target.resolve("ro/g"))).isEqualTo("3");
    }

    @Test
    void laterEntriesReplaceEarlierOnesOfAnotherType() throws IOException {
        apply(TarBuilder.tar().dir("a", 0755).file("a/inner", "x").file("b", "file").symlink("c", "b").build());
        ExtractionReport r = apply(TarBuilder.tar().file("a", "now a file").dir("b", 0700).file("c", "no longer a link").build());
        assertThat(Files.readString(target.resolve("a"))).isEqualTo("now a file");
        assertThat(Files.isDirectory(target.resolve("b"), NOFOLLOW)).isTrue();
        assertThat(Files.isSymbolicLink(target.resolve("c"))).isFalse();
        assertThat(Files.readString(target.resolve("c"))).isEqualTo("no longer a link");
        assertThat(r.removed()).contains("a", "b", "c");
    }

    @Test
    void setsSetuidBitsAndChownsWhenRoot() throws IOException {
        assumeTrue(isRoot(), "needs root");
        ExtractionReport r = apply(TarBuilder.tar()
                .file("suid", "x", e -> {
                    e.setMode(0104755);
                    e.setIds(1234, 5678);
                })
                .symlink("lnk", "suid")
                .build(), ExtractOptions.defaults());
        assertThat(mode("suid")).isEqualTo(04755);
        assertThat(Files.getAttribute(target.resolve("suid"), "unix:uid")).isEqualTo(1234);
        assertThat(Files.getAttribute(target.resolve("suid"), "unix:gid")).isEqualTo(5678);
        assertThat(r.ownership()).isEmpty();
    }

    // ---- whiteouts

    @Test
    void whiteoutsAndOpaqueDirectoriesHideLowerLayersOnly() throws IOException {
        apply(TarBuilder.tar()
                .dir("a", 0755).file("a/keep", "k").file("a/old", "o")
                .dir("b", 0755).file("b/x", "x")
                .dir("c", 0755).file("c/lower", "l").dir("c/sub", 0755).file("c/sub/lower", "l")
                .build());
        // the opaque marker comes AFTER entries of the same layer in c: they must survive it
        ExtractionReport r = apply(TarBuilder.tar()
                .file("c/new", "n")
                .file("c/sub/new", "n")
                .file("c/.wh..wh..opq", "")
                .file(".wh.b", "")
                .file("a/.wh.old", "")
                .file("a/.wh.never-existed", "")
                .build());
        assertThat(Files.exists(target.resolve("a/keep"))).isTrue();
        assertThat(Files.exists(target.resolve("a/old"), NOFOLLOW)).isFalse();
        assertThat(Files.exists(target.resolve("b"), NOFOLLOW)).isFalse();
        assertThat(Files.exists(target.resolve("c/lower"), NOFOLLOW)).isFalse();
        assertThat(Files.exists(target.resolve("c/sub/lower"), NOFOLLOW)).isFalse();
        assertThat(Files.readString(target.resolve("c/new"))).isEqualTo("n");
        assertThat(Files.readString(target.resolve("c/sub/new"))).isEqualTo("n");
        try (Stream<Path> all = Files.walk(target)) {
            assertThat(all.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".wh."));
        }
        assertThat(r.whiteouts()).isEqualTo(4);
        assertThat(r.opaqueDirs()).containsExactly("c");
        assertThat(r.removed()).contains("b", "a/old");
    }

    @Test
    void opaqueMarkerBeforeEntriesAlsoWorksAndWriterOutputRoundTrips() throws IOException {
        apply(written(List.of(LayerEntry.directory("d", 0755), LayerEntry.file("d/lower", 0644, "l")), Compression.GZIP));
        apply(written(List.of(LayerEntry.opaque("d"), LayerEntry.file("d/upper", 0644, "u"), LayerEntry.whiteout("nothing")), Compression.ZSTD));
        try (Stream<Path> list = Files.list(target.resolve("d"))) {
            assertThat(list.map(p -> p.getFileName().toString())).containsExactly("upper");
        }
    }

    @Test
    void whiteoutOfDotDotIsRefused() {
        assertThatThrownBy(() -> apply(TarBuilder.tar().file("a/.wh...", "").build()))
                .isInstanceOf(LayerException.class).hasMessageContaining("a/.wh...");
        assertThatThrownBy(() -> apply(TarBuilder.tar().file(".wh.", "").build()))
                .isInstanceOf(LayerException.class).hasMessageContaining("names no file");
    }

    // ---- hostile layers

    @Test
    void dotDotThatClimbsOutIsAnError() throws IOException {
        for (String name : List.of("../evil", "a/../../evil", "./../outside/secret", "/../outside/secret")) {
            assertThatThrownBy(() -> apply(TarBuilder.tar().file(name, "pwned").build()))
                    .as(name).isInstanceOf(LayerException.class).isInstanceOf(OciException.class)
                    .hasMessageContaining("'" + name + "'").hasMessageContaining("climbs out");
        }
        assertNothingOutsideChanged();
        assertThat(Files.exists(temp.resolve("evil"))).isFalse();
    }

    @Test
    void dotDotThatStaysInsideIsResolved() throws IOException {
        apply(TarBuilder.tar().file("a/b/../c", "inside").build());
        assertThat(Files.readString(target.resolve("a/c"))).isEqualTo("inside");
    }

    @Test
    void absolutePathsAreTakenRelativeToTheTarget() throws IOException {
        apply(TarBuilder.tar().file(outside.resolve("secret").toString(), "pwned").file("/etc/passwd", "root::0:0").build());
        assertThat(Files.readString(target.resolve(outside.toString().substring(1)).resolve("secret"))).isEqualTo("pwned");
        assertThat(Files.readString(target.resolve("etc/passwd"))).isEqualTo("root::0:0");
        assertNothingOutsideChanged();
    }

    @Test
    void writingThroughASymlinkFromTheSameLayerStaysInsideTheTarget() throws IOException {
        ExtractionReport r = apply(TarBuilder.tar()
                .symlink("evil", outside.toString())
                .file("evil/secret", "pwned")
                .symlink("up", "../../../..")
                .file("up/escaped", "pwned")
                .build());
        assertNothingOutsideChanged();
        // resolved as if the target were "/": the absolute link lands inside, ".." stops at the top
        assertThat(Files.readString(target.resolve(outside.toString().substring(1)).resolve("secret"))).isEqualTo("pwned");
        assertThat(Files.readString(target.resolve("escaped"))).isEqualTo("pwned");
        assertThat(Files.readSymbolicLink(target.resolve("evil"))).isEqualTo(outside);
        assertThat(r.files()).isEqualTo(2);
    }

    @Test
    void aDirectoryWalkedThroughAndThenReplacedByASymlinkIsNotRememberedAsADirectory() throws IOException {
        // the extractor remembers the parents it walked to; replacing one must make the next entry walk again
        ExtractionReport r = apply(TarBuilder.tar()
                .file("d/first", "one")
                .symlink("d", outside.toString())
                .file("d/second", "two")
                .dir("e", 0755)
                .file("e/sub/x", "x")
                .file("e", "now a file")
                .file("e2/y", "y")
                .build());
        assertNothingOutsideChanged();
        assertThat(Files.readSymbolicLink(target.resolve("d"))).isEqualTo(outside);
        assertThat(Files.readString(target.resolve(outside.toString().substring(1)).resolve("second"))).isEqualTo("two");
        assertThat(Files.readString(target.resolve("e"))).isEqualTo("now a file");
        assertThat(Files.readString(target.resolve("e2/y"))).isEqualTo("y");
        assertThat(r.files()).isEqualTo(5);
    }

    @Test
    void symlinkedParentsCanBeRefused() throws IOException {
        ExtractOptions refuse = rootless().withSymlinkParents(SymlinkParents.REFUSE);
        assertThatThrownBy(() -> apply(TarBuilder.tar().symlink("evil", outside.toString()).file("evil/secret", "pwned").build(), refuse))
                .isInstanceOf(LayerException.class)
                .hasMessageContaining("'evil/secret'")
                .hasMessageContaining("symlink");
        assertNothingOutsideChanged();
    }

    @Test
    void symlinkLoopsInParentsAreAnError() throws IOException {
        assertThatThrownBy(() -> apply(TarBuilder.tar().symlink("a", "b").symlink("b", "a").file("a/x", "x").build()))
                .isInstanceOf(LayerException.class).hasMessageContaining("too many levels of symlinks");
        assertNothingOutsideChanged();
    }

    @Test
    void aFileEntryReplacesASymlinkInsteadOfWritingThroughIt() throws IOException {
        apply(TarBuilder.tar().symlink("link", outside.resolve("secret").toString()).build());
        apply(TarBuilder.tar().file("link", "pwned").build());
        assertNothingOutsideChanged();
        assertThat(Files.isSymbolicLink(target.resolve("link"))).isFalse();
        assertThat(Files.readString(target.resolve("link"))).isEqualTo("pwned");
    }

    @Test
    void aDirectoryEntryReplacesASymlinkInsteadOfChangingItsTarget() throws IOException {
        apply(TarBuilder.tar().symlink("d", outside.toString()).dir("d", 0777).build());
        assertNothingOutsideChanged();
        assertThat(Files.isDirectory(target.resolve("d"), NOFOLLOW)).isTrue();
        assertThat((Integer) Files.getAttribute(outside, "unix:mode") & 0777).isNotEqualTo(0777);
    }

    @Test
    void hardlinksOutsideTheRootOrThroughSymlinksAreRefused() throws IOException {
        String secret = outside.resolve("secret").toString();
        assertThatThrownBy(() -> apply(TarBuilder.tar().hardlink("h", "../outside/secret").build()))
                .isInstanceOf(LayerException.class).hasMessageContaining("'h'").hasMessageContaining("climbs out");
        // absolute: taken inside the target, where it does not exist
        assertThatThrownBy(() -> apply(TarBuilder.tar().hardlink("h", secret).build()))
                .isInstanceOf(LayerException.class).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> apply(TarBuilder.tar().symlink("s", outside.toString()).hardlink("h", "s/secret").build()))
                .isInstanceOf(LayerException.class).hasMessageContaining("goes through the symlink 's'");
        assertThatThrownBy(() -> apply(TarBuilder.tar().symlink("s2", secret).hardlink("h2", "s2").build()))
                .isInstanceOf(LayerException.class).hasMessageContaining("not a regular file");
        assertThatThrownBy(() -> apply(TarBuilder.tar().dir("d", 0755).hardlink("h3", "d").build()))
                .isInstanceOf(LayerException.class).hasMessageContaining("not a regular file");
        assertThatThrownBy(() -> apply(TarBuilder.tar().file("f", "x").hardlink("f", "f").build()))
                .isInstanceOf(LayerException.class).hasMessageContaining("itself");
        assertNothingOutsideChanged(); // includes the secret's link count: no hardlink to it was made
    }

    @Test
    void hardlinksToFilesOfLowerLayersWork() throws IOException {
        apply(TarBuilder.tar().file("lib/a.so", "elf").build());
        apply(TarBuilder.tar().hardlink("lib/b.so", "/lib/a.so").build());
        assertThat(Files.getAttribute(target.resolve("lib/b.so"), "unix:ino")).isEqualTo(Files.getAttribute(target.resolve("lib/a.so"), "unix:ino"));
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // opening a fifo would block forever
    void fifosAreCreatedAndDevicesWhenRoot() throws IOException {
        ExtractionReport r = apply(TarBuilder.tar()
                .device("dev/null", TarConstants.LF_CHR, 1, 3)
                .device("dev/loop9", TarConstants.LF_BLK, 7, 9)
                .device("run/fifo", TarConstants.LF_FIFO, 0, 0)
                .file("ok", "still extracted")
                .build());
        assertThat(Files.readString(target.resolve("ok"))).isEqualTo("still extracted");
        assertThat((Integer) Files.getAttribute(target.resolve("run/fifo"), "unix:mode", NOFOLLOW) & 0170000).isEqualTo(0010000);
        assertThat(mode("run/fifo")).isEqualTo(0666);
        if (isRoot()) {
            assertThat((Integer) Files.getAttribute(target.resolve("dev/null"), "unix:mode", NOFOLLOW) & 0170000).isEqualTo(0020000);
            assertThat(Files.getAttribute(target.resolve("dev/null"), "unix:rdev", NOFOLLOW)).isEqualTo(0x103L); // makedev(1, 3)
            assertThat((Integer) Files.getAttribute(target.resolve("dev/loop9"), "unix:mode", NOFOLLOW) & 0170000).isEqualTo(0060000);
            assertThat(r.specials()).isEqualTo(3);
            assertThat(r.skipped()).isZero();
        } else {
            assertThat(r.specials()).isEqualTo(1);
            assertThat(r.skipped()).isEqualTo(2);
            assertThat(r.warnings().get(0)).contains("character device 1,3").contains("dev/null").contains("need root");
            assertThat(Files.exists(target.resolve("dev/null"), NOFOLLOW)).isFalse();
        }
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // opening a fifo would block forever
    void aDeviceEntryReplacesWhatWasThereEvenWhenSkipped() throws IOException {
        apply(TarBuilder.tar().file("dev/x", "lower").build());
        apply(TarBuilder.tar().device("dev/x", TarConstants.LF_FIFO, 0, 0).build());
        assertThat(Files.isRegularFile(target.resolve("dev/x"), NOFOLLOW)).isFalse();
    }

    @Test
    void entriesDeclaringAbsurdSizesAreRefusedBeforeAnythingIsRead() throws IOException {
        // the header promises 1 TiB and the tar ends: the limit must trip before any read
        byte[] bomb = TarBuilder.tar().declaredOnly("big", 1L << 40).build();
        assertThatThrownBy(() -> apply(bomb))
                .isInstanceOf(LayerException.class)
                .hasMessageContaining("'big'").hasMessageContaining("more than the limit");
        assertThat(Files.exists(target.resolve("big"))).isFalse();

        ExtractOptions small = rootless().withMaxEntrySize(1000);
        assertThatThrownBy(() -> apply(TarBuilder.tar().file("f", "x".repeat(1001)).build(), small))
                .isInstanceOf(LayerException.class).hasMessageContaining("1001 bytes, more than the limit of 1000 per entry");
    }

    @Test
    void theTotalExtractedSizeIsBounded() {
        ExtractOptions small = rootless().withMaxTotalBytes(1500);
        assertThatThrownBy(() -> apply(TarBuilder.tar().file("a", "x".repeat(1000)).file("b", "y".repeat(1000)).build(), small))
                .isInstanceOf(LayerException.class).hasMessageContaining("'b'").hasMessageContaining("limit of 1500");
    }

    @Test
    void idsThatDoNotFitAUidAreRefused() {
        assertThatThrownBy(() -> apply(TarBuilder.tar().file("f", "x", e -> ids(e, 5_000_000_000L, 0)).build(), ExtractOptions.defaults()))
                .isInstanceOf(LayerException.class).hasMessageContaining("'f'").hasMessageContaining("impossible owner 5000000000:0");
        assertThatThrownBy(() -> apply(TarBuilder.tar().file("g", "x", e -> ids(e, 0, 0xFFFFFFFFL)).build(), ExtractOptions.defaults()))
                .isInstanceOf(LayerException.class).hasMessageContaining("impossible owner");
    }

    @Test
    void theNumberOfEntriesIsBounded() {
        assertThatThrownBy(() -> apply(TarBuilder.tar().file("a", "").file("b", "").file("c", "").build(), rootless().withMaxEntries(2)))
                .isInstanceOf(LayerException.class).hasMessageContaining("more than 2 entries");
    }

    @Test
    void truncatedTarsAreErrors() throws IOException {
        byte[] full = TarBuilder.tar().file("first", "1").file("second", "x".repeat(4000)).build();
        // inside the content of "second": its header is at 1024, content from 1536
        byte[] midContent = Arrays.copyOf(full, 1536 + 1000);
        assertThatThrownBy(() -> apply(midContent))
                .isInstanceOf(LayerException.class).hasMessageContaining("'second'").hasMessageContaining("truncated");
        // inside the header of "second"
        byte[] midHeader = Arrays.copyOf(full, 1024 + 100);
        assertThatThrownBy(() -> apply(midHeader))
                .isInstanceOf(LayerException.class).hasMessageContaining("after entry 'first'");
        // a header promising content that never comes
        assertThatThrownBy(() -> apply(TarBuilder.tar().declaredOnly("promised", 10).build()))
                .isInstanceOf(LayerException.class).hasMessageContaining("'promised'").hasMessageContaining("truncated");
    }

    @Test
    void truncatedCompressedLayersAreErrors() throws IOException {
        byte[] tar = TarBuilder.tar().file("a", "content ".repeat(2000)).build();
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(tar);
        }
        byte[] cut = Arrays.copyOf(gz.toByteArray(), gz.size() / 2);
        assertThatThrownBy(() -> apply(cut)).isInstanceOf(LayerException.class);
        byte[] zstd = written(List.of(LayerEntry.file("a", 0644, "content ".repeat(20000))), Compression.ZSTD);
        assertThatThrownBy(() -> apply(Arrays.copyOf(zstd, zstd.length / 2))).isInstanceOf(LayerException.class);
    }

    @Test
    void corruptHeadersAreErrors() {
        byte[] tar = TarBuilder.tar().file("a", "1").build();
        tar[100] = 'Z'; // mode field: checksum no longer matches
        assertThatThrownBy(() -> apply(tar)).isInstanceOf(LayerException.class).hasMessageContaining("corrupt");
    }

    @Test
    void hugeMetadataHeadersAreRefusedBeforeTheyAreRead() {
        // a PAX header declaring 64 MiB: the library would read it into memory whole
        byte[] h = new byte[512];
        put(h, 0, "PaxHeaders.0/x");
        put(h, 100, "0000644\0");
        put(h, 108, "0000000\0");
        put(h, 116, "0000000\0");
        put(h, 124, String.format("%011o", 64L << 20) + "\0");
        put(h, 136, "00000000000\0");
        h[156] = 'x';
        put(h, 257, "ustar\0");
        put(h, 263, "00");
        Arrays.fill(h, 148, 156, (byte) ' ');
        int sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, String.format("%06o", sum) + "\0 ");
        byte[] layer = Arrays.copyOf(h, 512 + 4096);
        assertThatThrownBy(() -> apply(layer)).isInstanceOf(LayerException.class).hasMessageContaining("metadata header");
    }

    @Test
    void theWholeBlobIsReadSoAVerifyingStreamChecksTheDigest() throws IOException {
        byte[] blob = written(List.of(LayerEntry.file("a", 0644, "content")), Compression.GZIP);
        Descriptor right = Descriptor.of(MediaType.OCI_LAYER_GZIP, blob);
        new LayerExtractor(rootless()).apply(new VerifyingInputStream(new ByteArrayInputStream(blob), right, "layer"), target);

        Descriptor wrong = Descriptor.of(MediaType.OCI_LAYER_GZIP, Digest.sha256("other".getBytes(StandardCharsets.UTF_8)), blob.length);
        Path other = temp.resolve("other");
        assertThatThrownBy(() -> new LayerExtractor(rootless()).apply(new VerifyingInputStream(new ByteArrayInputStream(blob), wrong, "layer"), other))
                .hasRootCauseInstanceOf(DigestMismatchException.class);
    }

    @Test
    void theCallersStreamIsReadToItsEndButNotClosed() throws IOException {
        byte[] blob = written(List.of(LayerEntry.file("a", 0644, "content")), Compression.ZSTD);
        boolean[] closed = {false};
        ByteArrayInputStream in = new ByteArrayInputStream(blob) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        new LayerExtractor(rootless()).apply(in, target);
        assertThat(closed[0]).isFalse();
        assertThat(in.available()).isZero();
    }

    @Test
    void aCorruptGzipTrailerIsAnError() throws IOException {
        byte[] blob = written(List.of(LayerEntry.file("a", 0644, "content")), Compression.GZIP);
        blob[blob.length - 6] ^= 1; // inside the CRC32
        assertThatThrownBy(() -> apply(blob)).isInstanceOf(LayerException.class).hasMessageContaining("corrupt");
    }

    @Test
    void hugeDataAfterTheTarEndIsAnError() throws IOException {
        byte[] tar = TarBuilder.tar().file("a", "1").build();
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(tar);
            out.write(new byte[4 << 20]); // 4 MiB of zeros: a few KiB compressed
        }
        assertThatThrownBy(() -> apply(gz.toByteArray())).isInstanceOf(LayerException.class).hasMessageContaining("after the end of its tar");
    }

    private static void ids(org.apache.commons.compress.archivers.tar.TarArchiveEntry e, long uid, long gid) {
        e.setUserId(uid);
        e.setGroupId(gid);
    }

    private static void put(byte[] h, int off, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, off, b.length);
    }

    @Test
    void nulBytesInPaxPathsEndTheNameAndCannotSmuggleDotDot() throws IOException {
        // commons-compress reads names as C strings: the NUL ends the name, the "../" after it is never seen
        apply(TarBuilder.tar().file("x", "1", e -> e.addPaxHeader("path", "ok\0/../../../escaped")).build());
        assertThat(Files.readString(target.resolve("ok"))).isEqualTo("1");
        assertNothingOutsideChanged();
    }

    @Test
    void aTarCutAtAnEntryBoundaryIsAppliedWithAWarning() throws IOException {
        byte[] full = TarBuilder.tar().file("a", "1").build();
        ExtractionReport r = apply(Arrays.copyOf(full, 1024)); // header + content, no end marker
        assertThat(r.warnings()).singleElement().asString().contains("end-of-archive marker");
        ExtractionReport complete = apply(full);
        assertThat(complete.warnings()).isEmpty();
    }

    // ---- rootless

    @Test
    void rootlessRecordsOwnershipInsteadOfChowning() throws IOException {
        UnixSystem me = new UnixSystem();
        long otherUid = me.getUid() + 1000;
        ExtractionReport r = apply(TarBuilder.tar()
                .dir("etc", 0755, e -> ids(e, me.getUid(), me.getGid()))
                .file("etc/shadow", "secret", e -> {
                    ids(e, otherUid, 42);
                    e.setMode(0100640);
                })
                .file("etc/mine", "m", e -> ids(e, me.getUid(), me.getGid()))
                .symlink("etc/link", "shadow")
                .dir("srv", 0750, e -> ids(e, otherUid, 9))
                .build());
        assertThat(Files.getAttribute(target.resolve("etc/shadow"), "unix:uid")).isEqualTo((int) me.getUid());
        assertThat(mode("etc/shadow")).isEqualTo(0640);
        assertThat(r.ownership()).containsEntry("etc/shadow", new Ownership(otherUid, 42, 0640));
        assertThat(r.ownership()).doesNotContainKeys("etc", "etc/mine");
        if (me.getUid() != 0) {
            assertThat(r.ownership()).containsKey("etc/link"); // TarBuilder's default ids are 0:0
        }
        // a later layer that deletes or rewrites recorded paths drops their records
        Map<String, Ownership> lower = r.mergeOwnership(Map.of());
        ExtractionReport r2 = apply(TarBuilder.tar().file("etc/.wh.shadow", "").build());
        assertThat(r2.mergeOwnership(lower)).doesNotContainKey("etc/shadow");
        ExtractionReport r3 = apply(TarBuilder.tar().file("etc/new", "n", e -> ids(e, otherUid, 7)).file("srv/data", "d").build());
        Map<String, Ownership> merged = r3.mergeOwnership(r2.mergeOwnership(lower));
        assertThat(merged).containsEntry("etc/new", new Ownership(otherUid, 7, 0644));
        // srv was only written into, not re-declared: its record from layer 1 stays
        assertThat(merged).containsEntry("srv", new Ownership(otherUid, 9, 0750));
        // a layer that re-declares srv as owned by the current user supersedes the record
        ExtractionReport r4 = apply(TarBuilder.tar().dir("srv", 0700, e -> ids(e, me.getUid(), me.getGid())).build());
        assertThat(r4.mergeOwnership(merged)).doesNotContainKey("srv").containsKey("etc/new");
    }

    @Test
    void binaryXattrsSurviveAndThoseJavaCannotSetAreRecorded() throws IOException {
        byte[] cap = {1, 0, 0, 2, 0, 0x20, 0, 0, (byte) 0xff, (byte) 0xfe, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        ExtractionReport r = apply(written(List.of(
                LayerEntry.directory("bin", 0755).withXattrs(Map.of("trusted.dir", new byte[] {(byte) 0x80})),
                LayerEntry.file("bin/ping", 04755, "elf").withXattrs(Map.of("security.capability", cap))), Compression.NONE));
        assertThat(r.unappliedXattrs().get("bin/ping")).containsOnlyKeys("security.capability");
        assertThat(r.unappliedXattrs().get("bin/ping").get("security.capability")).isEqualTo(cap);
        assertThat(r.unappliedXattrs().get("bin").get("trusted.dir")).isEqualTo(new byte[] {(byte) 0x80});
    }

    @Test
    void userXattrsAreSetWhereTheFilesystemAllowsIt() throws IOException {
        Path probe = Files.writeString(temp.resolve("probe"), "");
        var view = Files.getFileAttributeView(probe, java.nio.file.attribute.UserDefinedFileAttributeView.class);
        try {
            view.write("lading", java.nio.ByteBuffer.wrap(new byte[] {1}));
        } catch (IOException | UnsupportedOperationException e) {
            assumeTrue(false, "the temp filesystem has no user xattrs: " + e);
        }
        byte[] value = {0, (byte) 0xc3, 0x28, 7}; // not valid UTF-8: must still arrive byte for byte
        ExtractionReport r = apply(written(List.of(LayerEntry.file("f", 0644, "x").withXattrs(Map.of("user.note", value))), Compression.NONE));
        assertThat(r.unappliedXattrs()).isEmpty();
        var fView = Files.getFileAttributeView(target.resolve("f"), java.nio.file.attribute.UserDefinedFileAttributeView.class);
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(fView.size("note"));
        fView.read("note", buf);
        assertThat(buf.array()).isEqualTo(value);
    }

    @Test
    void paxRecordsParseToRawBytes() {
        // the first record's length is computed so the test does not depend on counting by hand
        String rec = " SCHILY.xattr.user.a=\u00ff\u0000\n";
        int len = rec.length() + 2;
        String text = len + rec + "18 path=some/path\n" + "22 SCHILY.xattr.b=a=b\n";
        Map<String, byte[]> parsed = GuardedTarInputStream.parseXattrs(text.getBytes(StandardCharsets.ISO_8859_1));
        assertThat(parsed).containsOnlyKeys("user.a", "b");
        assertThat(parsed.get("b")).isEqualTo("a=b".getBytes(StandardCharsets.US_ASCII));
        assertThat(parsed.get("user.a")).isEqualTo(new byte[] {(byte) 0xff, 0});
        assertThat(GuardedTarInputStream.parseXattrs("99 SCHILY.xattr.x=truncated\n".getBytes(StandardCharsets.ISO_8859_1))).isEmpty();
    }
}
