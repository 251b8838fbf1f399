package dev.lading.oci.content;

import dev.lading.oci.Descriptor;
import dev.lading.oci.layout.OciLayout;
import dev.lading.oci.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ImageCopierTest {

    @TempDir
    Path tmp;

    /** A destination that already holds the manifest is not asked about its blobs, and gets only the tag. */
    @Test
    void aManifestTheDestinationHoldsSkipsEveryBlobQuestion() throws Exception {
        OciLayout src = OciLayout.createOrOpen(tmp.resolve("src"));
        TestImages.Image img = TestImages.simple();
        TestImages.store(src, img, "v1");
        List<String> calls = new ArrayList<>();
        ContentWriter holdsIt = new ContentWriter() {
            @Override
            public boolean hasManifest(Descriptor manifest) {
                calls.add("hasManifest " + manifest.digest().shortHex());
                return true;
            }

            @Override
            public boolean hasBlob(Descriptor descriptor) {
                calls.add("hasBlob");
                return false;
            }

            @Override
            public void writeBlob(Descriptor descriptor, InputStream content) {
                calls.add("writeBlob");
            }

            @Override
            public void writeManifest(Descriptor descriptor, byte[] raw) {
                calls.add("writeManifest");
            }

            @Override
            public void commit(Descriptor root, byte[] raw) throws IOException {
                VerifyingInputStream.checkBytes(raw, root, "manifest");
                calls.add("commit " + root.digest().shortHex());
            }
        };
        ImageCopier.Result r = ImageCopier.copy(src.reader("v1"), holdsIt, CopyOptions.defaults());
        String d = img.manifestDescriptor().digest().shortHex();
        assertThat(calls).containsExactly("hasManifest " + d, "commit " + d);
        assertThat(r.blobsSkipped()).isEqualTo(3);
        assertThat(r.blobsCopied()).isZero();
    }

    /**
     * A destination that has to send a blob twice (an upload retried) reopens it from the source; progress still
     * counts each byte once, and the destination can tell the stream is verified against the descriptor.
     */
    @Test
    void aBlobReopenedForARetryIsCountedOnceAndStaysVerified() throws Exception {
        OciLayout src = OciLayout.createOrOpen(tmp.resolve("src2"));
        TestImages.Image img = TestImages.simple();
        TestImages.store(src, img, "v1");
        java.util.Map<String, Long> advanced = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicLong planned = new java.util.concurrent.atomic.AtomicLong();
        CopyProgress progress = new CopyProgress() {
            @Override
            public void planned(int blobs, long bytes) {
                planned.addAndGet(bytes);
            }

            @Override
            public void advanced(Descriptor blob, long bytes) {
                advanced.merge(blob.digest().toString(), bytes, Long::sum);
            }
        };
        List<Boolean> verified = new ArrayList<>();
        ContentWriter retrying = new ContentWriter() {
            @Override
            public boolean hasBlob(Descriptor descriptor) {
                return false;
            }

            @Override
            public void writeBlob(Descriptor descriptor, InputStream content) {
                throw new AssertionError("the copier hands over a reopenable blob");
            }

            @Override
            public void writeBlob(Descriptor descriptor, BlobOpener content) throws IOException {
                try (InputStream first = content.open()) {
                    first.readNBytes((int) descriptor.size() / 2); // then the connection "breaks"
                }
                try (InputStream again = content.open()) {
                    verified.add(again instanceof ObservingInputStream o && o.verifies(descriptor));
                    again.readAllBytes();
                }
            }

            @Override
            public void writeManifest(Descriptor descriptor, byte[] raw) {
            }

            @Override
            public void commit(Descriptor root, byte[] raw) {
            }
        };
        ImageCopier.copy(src.reader("v1"), retrying, CopyOptions.defaults().withProgress(progress));
        assertThat(verified).isNotEmpty().containsOnly(true);
        assertThat(advanced.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(planned.get());
    }
}
