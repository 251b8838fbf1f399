package dev.lading.oci.layout;

import dev.lading.oci.Descriptor;
import dev.lading.oci.Digest;
import dev.lading.oci.MediaType;
import dev.lading.oci.OciException;
import dev.lading.oci.Platform;
import dev.lading.oci.content.CopyOptions;
import dev.lading.oci.content.CopyProgress;
import dev.lading.oci.content.DigestMismatchException;
import dev.lading.oci.content.VerifyingInputStream;
import dev.lading.oci.content.ImageCopier;
import dev.lading.oci.content.ResolvedImage;
import dev.lading.oci.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OciLayoutTest {

    @TempDir
    Path tmp;

    @Test
    void createsASpecLayout() throws Exception {
        OciLayout layout = OciLayout.createOrOpen(tmp.resolve("l"));
        assertThat(Files.readString(tmp.resolve("l/oci-layout"))).contains("\"imageLayoutVersion\":\"1.0.0\"");
        assertThat(Files.readString(tmp.resolve("l/index.json"))).contains("\"schemaVersion\":2");
        assertThat(layout.entries()).isEmpty();
    }

    @Test
    void publishedFilesAreReadableByOtherUsers() throws Exception {
        OciLayout layout = OciLayout.createOrOpen(tmp.resolve("l"));
        TestImages.Image img = TestImages.simple();
        TestImages.store(layout, img, "v1");
        for (Path p : List.of(layout.root().resolve("index.json"), layout.root().resolve("oci-layout"),
                layout.blobPath(img.manifestDescriptor().digest()), layout.blobPath(img.layers().get(0).descriptor().digest()))) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p)))
                    .as(p.toString()).isEqualTo("rw-r--r--");
        }
    }

    @Test
    void aDigestReferenceMustNameAManifest() throws Exception {
        OciLayout layout = OciLayout.createOrOpen(tmp.resolve("l"));
        TestImages.Image img = TestImages.simple();
        TestImages.store(layout, img, "v1");
        TestImages.Layer big = TestImages.randomLayer("big", 9 * 1024 * 1024, 1);
        try (AutoCloseable s = layout.writeSession()) {
            layout.writeBlob(big.descriptor(), new ByteArrayInputStream(big.compressed()));
        }
        assertThat(layout.resolveReference(img.manifestDescriptor().digest().toString()).digest())
                .isEqualTo(img.manifestDescriptor().digest());
        assertThatThrownBy(() -> layout.resolveReference(big.descriptor().digest().toString()))
                .isInstanceOf(OciException.class).hasMessageContaining("not a manifest");
        assertThatThrownBy(() -> layout.resolveReference(img.layers().get(0).descriptor().digest().toString()))
                .isInstanceOf(OciException.class).hasMessageContaining("not a manifest");
    }

    @Test
    void refusesADirectoryThatIsNotALayout() {
        assertThatThrownBy(() -> OciLayout.open(tmp)).isInstanceOf(OciException.class).hasMessageContaining("not an OCI image layout");
    }

    @Test
    void aBlobThatDoesNotMatchItsDigestIsNeverStored() throws Exception {
        OciLayout layout = OciLayout.createOrOpen(tmp.resolve("l"));
        byte[] good = "good".getBytes(StandardCharsets.UTF_8);
        Descriptor d = Descriptor.of(MediaType.OCI_CONFIG, good);
        assertThatThrownBy(() -> layout.writeBlob(d, new ByteArrayInputStream("evil".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(DigestMismatchException.class).hasMessageContaining(d.digest().toString());
        assertThat(layout.hasBlob(d.digest())).isFalse();
        assertThat(tempFiles(layout)).isEmpty();
    }

    @Test
    void aStreamThatVerifiesItselfIsTrustedOnlyForItsOwnDigest() throws Exception {
        OciLayout layout = OciLayout.createOrOpen(tmp.resolve("l"));
        byte[] good = "good".getBytes(StandardCharsets.UTF_8);
        Descriptor d = Descriptor.of(MediaType.OCI_CONFIG, good);
        // A download that verifies against d: lying bytes still fail at EOF, and nothing is stored.
        InputStream lying = new VerifyingInputStream(new ByteArrayInputStream("evil".getBytes(StandardCharsets.UTF_8)), d, "blob");
        assertThatThrownBy(() -> layout.writeBlob(d, lying)).isInstanceOf(DigestMismatchException.class);
        assertThat(layout.hasBlob(d.digest())).isFalse();
        // A stream that verifies a different descriptor is no proof for this one: the layout hashes it itself.
        byte[] other = "other".getBytes(StandardCharsets.UTF_8);
        InputStream wrongProof = new VerifyingInputStream(new ByteArrayInputStream(other), Descriptor.of(MediaType.OCI_CONFIG, other), "blob");
        assertThatThrownBy(() -> layout.writeBlob(d, wrongProof)).isInstanceOf(DigestMismatchException.class);
        assertThat(layout.hasBlob(d.digest())).isFalse();
        assertThat(tempFiles(layout)).isEmpty();
        layout.writeBlob(d, new VerifyingInputStream(new ByteArrayInputStream(good), d, "blob"));
        assertThat(layout.hasBlob(d.digest())).isTrue();
    }

    @Test
    void aTruncatedBlobIsNeverStored() throws Exception {
        OciLayout layout = OciLayout.createOrOpen(tmp.resolve("l"));
        byte[] data = new byte[100_000];
        Descriptor d = Descriptor.of(MediaType.OCI_LAYER, data);
        InputStream truncated = new ByteArrayInputStream(data, 0, 50_000);
        assertThatThrownBy(() -> layout.writeBlob(d, truncated)).isInstanceOf(DigestMismatchException.class)
                .hasMessageContaining("truncated");
        assertThat(layout.hasBlob(d.digest())).isFalse();
        assertThat(tempFiles(layout)).isEmpty();
    }

    @Test
    void aSourceThatFailsMidStreamLeavesNothingBehind() throws Exception {
        OciLayout layout = OciLayout.createOrOpen(tmp.resolve("l"));
        byte[] data = new byte[100_000];
        Descriptor d = Descriptor.of(MediaType.OCI_LAYER, data);
        InputStream failing = new InputStream() {
            int n;

            @Override
            public int read() throws IOException {
                if (n++ > 10_000) {
                    throw new IOException("connection reset");
                }
                return 0;
            }
        };
        assertThatThrownBy(() -> layout.writeBlob(d, failing)).hasMessageContaining("connection reset");
        assertThat(layout.hasBlob(d.digest())).isFalse();
        assertThat(tempFiles(layout)).isEmpty();
    }

    @Test
    void aCorruptedBlobOnDiskIsDetectedWhenRead() throws Exception {
        OciLayout layout = OciLayout.createOrOpen(tmp.resolve("l"));
        Descriptor d = layout.writeBlob(MediaType.OCI_CONFIG, "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
        Files.writeString(layout.blobPath(d.digest()), "{\"a\":2}");
        assertThatThrownBy(() -> layout.readBlob(d)).isInstanceOf(DigestMismatchException.class);
    }

    @Test
    void anAdoptedTempFileMustHaveTheSizeItsWriterCounted() throws Exception {
        OciLayout layout = OciLayout.createOrOpen(tmp.resolve("l"));
        byte[] data = "layer bytes".getBytes(StandardCharsets.UTF_8);
        Descriptor d = Descriptor.of(MediaType.OCI_LAYER, data);
        Path cut = layout.newTempFile();
        Files.write(cut, java.util.Arrays.copyOf(data, 5));
        assertThatThrownBy(() -> layout.adoptVerifiedTempFile(cut, d)).isInstanceOf(DigestMismatchException.class)
                .hasMessageContaining("5 bytes");
        assertThat(layout.hasBlob(d.digest())).isFalse();
        Path whole = layout.newTempFile();
        Files.write(whole, data);
        layout.adoptVerifiedTempFile(whole, d);
        // read back without a second hash (this object wrote it), and with the right bytes
        assertThat(layout.readBlob(d)).isEqualTo(data);
        // a reader that did not adopt it still verifies
        Files.write(layout.blobPath(d.digest()), "LAYER BYTES".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> OciLayout.createOrOpen(tmp.resolve("l")).readBlob(d)).isInstanceOf(DigestMismatchException.class);
    }

    @Test
    void tagsReplaceAndUntag() throws Exception {
        OciLayout layout = OciLayout.createOrOpen(tmp.resolve("l"));
        TestImages.Image a = TestImages.simple();
        TestImages.store(layout, a, "v1");
        TestImages.store(layout, a, "v2");
        TestImages.store(layout, a, "v1");
        assertThat(layout.entries()).hasSize(2);
        assertThat(layout.resolveReference("v1").digest()).isEqualTo(a.manifestDescriptor().digest());
        assertThat(layout.untag("v1")).isTrue();
        assertThat(layout.untag("v1")).isFalse();
        assertThatThrownBy(() -> layout.resolveReference("v1")).hasMessageContaining("no image named 'v1'").hasMessageContaining("v2");
    }

    @Test
    void taggingTheNewestNameAgainLeavesTheIndexUnwrittenAndAnOlderOneMovesLast() throws Exception {
        OciLayout layout = OciLayout.createOrOpen(tmp.resolve("l"));
        TestImages.Image a = TestImages.simple();
        TestImages.store(layout, a, "v1");
        TestImages.store(layout, a, "v2");
        Path index = tmp.resolve("l/index.json");
        Object before = Files.readAttributes(index, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        byte[] bytes = Files.readAllBytes(index);
        Descriptor v2 = layout.entries().get(1);
        layout.tag("v2", v2);
        // every write goes through a new file renamed over the old one: the same inode means no write
        assertThat(Files.readAttributes(index, java.nio.file.attribute.BasicFileAttributes.class).fileKey()).isEqualTo(before);
        assertThat(Files.readAllBytes(index)).isEqualTo(bytes);

        layout.tag("v1", v2);
        assertThat(Files.readAttributes(index, java.nio.file.attribute.BasicFileAttributes.class).fileKey()).isNotEqualTo(before);
        assertThat(layout.entries()).extracting(d -> d.annotation(Descriptor.ANNOTATION_REF_NAME)).containsExactly("v2", "v1");
    }

    @Test
    void gcKeepsWhatIsReachableAndRemovesTheRest() throws Exception {
        OciLayout layout = OciLayout.createOrOpen(tmp.resolve("l"));
        TestImages.Image a = TestImages.simple();
        TestImages.Image b = TestImages.image(Platform.of("linux", "arm64", "v8"),
                List.of(TestImages.randomLayer("big.bin", 50_000, 7)), null);
        TestImages.store(layout, a, "a");
        TestImages.storeIndex(layout, "multi", a, b);
        Descriptor orphan = layout.writeBlob(MediaType.OCI_CONFIG, "{}".getBytes(StandardCharsets.UTF_8));

        OciLayout.GcResult dry = layout.gc(true);
        assertThat(dry.blobsRemoved()).isEqualTo(1);
        assertThat(layout.hasBlob(orphan.digest())).isTrue();

        OciLayout.GcResult r = layout.gc(false);
        assertThat(r.blobsRemoved()).isEqualTo(1);
        assertThat(layout.hasBlob(orphan.digest())).isFalse();

        layout.untag("multi");
        OciLayout.GcResult r2 = layout.gc(false);
        // the index, b's manifest, config and layer go; a's blobs stay (still tagged)
        assertThat(r2.blobsRemoved()).isEqualTo(4);
        ResolvedImage stillThere = ResolvedImage.load(layout.reader("a"), null);
        assertThat(stillThere.config().config().user()).isEqualTo("65532");
    }

    @Test
    void threadsWritingAndTaggingAtOnceLoseNothing() throws Exception {
        OciLayout layout = OciLayout.createOrOpen(tmp.resolve("l"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int n = i;
                fs.add(pool.submit(() -> {
                    TestImages.Image img = TestImages.image(Platform.of("linux", "amd64", null),
                            List.of(TestImages.layer(Map.of("f" + n, "content " + n))), null);
                    TestImages.store(layout, img, "t" + n);
                    if (n % 10 == 0) {
                        layout.gc(false);
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(layout.entries()).hasSize(40);
        for (int i = 0; i < 40; i++) {
            assertThat(ResolvedImage.load(layout.reader("t" + i), null).manifest().layers()).hasSize(1);
        }
    }

    @Test
    void twoProcessesTaggingAtOnceLoseNothing() throws Exception {
        Path dir = tmp.resolve("shared");
        OciLayout layout = OciLayout.createOrOpen(dir);
        String java = ProcessHandle.current().info().command().orElse("java");
        Process other = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                LayoutWriterProcess.class.getName(), dir.toString(), "p", "30")
                .redirectErrorStream(true).start();
        LayoutWriterProcess.writeImages(layout, "q", 30);
        String out = new String(other.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(other.waitFor()).as(out).isZero();
        assertThat(layout.entries()).hasSize(60);
    }

    @Test
    void copiesAnIndexWithAllPlatformsOrOnePlatform() throws Exception {
        OciLayout src = OciLayout.createOrOpen(tmp.resolve("src"));
        TestImages.Image amd = TestImages.simple();
        TestImages.Image arm = TestImages.image(Platform.of("linux", "arm64", "v8"),
                List.of(TestImages.randomLayer("x", 1000, 3)), null);
        Descriptor index = TestImages.storeIndex(src, "multi", amd, arm);

        OciLayout all = OciLayout.createOrOpen(tmp.resolve("all"));
        ImageCopier.Result r = ImageCopier.copy(src.reader("multi"), all.writer("m"),
                new CopyOptions(true, null, 4, CopyProgress.NONE));
        assertThat(r.root().digest()).isEqualTo(index.digest());
        assertThat(all.resolveReference("m").digest()).isEqualTo(index.digest());
        assertThat(r.blobsCopied()).isEqualTo(5);

        OciLayout one = OciLayout.createOrOpen(tmp.resolve("one"));
        ImageCopier.Result r1 = ImageCopier.copy(src.reader("multi"), one.writer("arm"),
                new CopyOptions(false, Platform.parse("linux/arm64"), 2, CopyProgress.NONE));
        assertThat(r1.root().digest()).isEqualTo(arm.manifestDescriptor().digest());
        assertThat(ResolvedImage.load(one.reader("arm"), null).config().architecture()).isEqualTo("arm64");

        ImageCopier.Result again = ImageCopier.copy(src.reader("multi"), all.writer("m2"),
                new CopyOptions(true, null, 4, CopyProgress.NONE));
        assertThat(again.blobsCopied()).isZero();
        assertThat(again.blobsSkipped()).isEqualTo(5);

        assertThatThrownBy(() -> ImageCopier.copy(src.reader("multi"), one.writer("x"),
                new CopyOptions(false, Platform.parse("linux/s390x"), 2, CopyProgress.NONE)))
                .hasMessageContaining("no manifest for linux/s390x").hasMessageContaining("linux/arm64/v8");
    }

    @Test
    void aCopyFromACorruptSourceStoresNothingWrong() throws Exception {
        OciLayout src = OciLayout.createOrOpen(tmp.resolve("src"));
        TestImages.Image img = TestImages.simple();
        TestImages.store(src, img, "v1");
        Digest layer = img.layers().get(1).descriptor().digest();
        byte[] bytes = Files.readAllBytes(src.blobPath(layer));
        bytes[bytes.length / 2] ^= 1;
        Files.write(src.blobPath(layer), bytes);

        OciLayout dst = OciLayout.createOrOpen(tmp.resolve("dst"));
        assertThatThrownBy(() -> ImageCopier.copy(src.reader("v1"), dst.writer("v1"), CopyOptions.defaults()))
                .isInstanceOf(DigestMismatchException.class);
        assertThat(dst.hasBlob(layer)).isFalse();
        assertThat(dst.entries()).isEmpty();
    }

    private static List<Path> tempFiles(OciLayout layout) throws IOException {
        Path t = layout.root().resolve(".lading-tmp");
        if (!Files.exists(t)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(t)) {
            return s.toList();
        }
    }

    /** Runs in a second JVM for the two-process test. */
    public static final class LayoutWriterProcess {
        public static void main(String[] args) throws Exception {
            writeImages(OciLayout.open(Path.of(args[0])), args[1], Integer.parseInt(args[2]));
        }

        static void writeImages(OciLayout layout, String prefix, int count) throws Exception {
            Map<String, Boolean> done = new ConcurrentHashMap<>();
            for (int i = 0; i < count; i++) {
                TestImages.Image img = TestImages.image(Platform.of("linux", "amd64", null),
                        List.of(TestImages.layer(Map.of(prefix + i, prefix + " " + i))), null);
                TestImages.store(layout, img, prefix + i);
                done.put(prefix + i, true);
            }
        }
    }
}
