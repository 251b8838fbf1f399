package dev.lading.oci.content;

import dev.lading.oci.layout.OciLayout;
import dev.lading.oci.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeferredContentWriterTest {

    @TempDir
    Path tmp;

    @Test
    void aCopyThroughAWriterStillBeingOpenedWaitsForItAndWritesEverything() throws Exception {
        OciLayout src = OciLayout.createOrOpen(tmp.resolve("src"));
        TestImages.Image img = TestImages.simple();
        TestImages.store(src, img, "v1");
        CountDownLatch sourceRead = new CountDownLatch(1);
        AtomicInteger closed = new AtomicInteger();
        ImageCopier.Result result;
        try (DeferredContentWriter writer = DeferredContentWriter.start(() -> {
            // not open until the copy has already read the source's manifest
            try {
                sourceRead.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            ContentWriter layout = OciLayout.createOrOpen(tmp.resolve("dst")).writer("v1");
            return new ForwardingWriter(layout, closed);
        })) {
            ContentReader reader = new ForwardingReader(src.reader("v1"), sourceRead);
            result = ImageCopier.copy(reader, writer, CopyOptions.defaults());
        }
        assertThat(closed.get()).isEqualTo(1);
        assertThat(result.root().digest()).isEqualTo(img.manifestDescriptor().digest());
        OciLayout dst = OciLayout.open(tmp.resolve("dst"));
        assertThat(dst.resolveReference("v1").digest()).isEqualTo(result.root().digest());
        assertThat(result.blobsCopied()).isEqualTo(1 + img.layers().size());
    }

    @Test
    void aFailureToOpenIsThrownUnchangedByTheFirstCallAndCloseHasNothingToClose() throws IOException {
        NoSuchFileException failure = new NoSuchFileException("/no/such/layout");
        DeferredContentWriter writer = DeferredContentWriter.start(() -> {
            throw failure;
        });
        assertThatThrownBy(() -> writer.hasBlob(TestImages.simple().layers().get(0).descriptor())).isSameAs(failure);
        IllegalArgumentException usage = new IllegalArgumentException("a destination layout reference must be a name");
        DeferredContentWriter refused = DeferredContentWriter.start(() -> {
            throw usage;
        });
        assertThatThrownBy(() -> refused.commit(null, new byte[0])).isSameAs(usage);
        writer.close();
        refused.close();
    }

    /** Delegates to a layout's reader, and says when the copy has asked for the manifest. */
    private record ForwardingReader(ContentReader in, CountDownLatch manifestRead) implements ContentReader {
        @Override
        public dev.lading.oci.Descriptor resolve() throws IOException {
            return in.resolve();
        }

        @Override
        public byte[] fetchManifest(dev.lading.oci.Descriptor descriptor) throws IOException {
            byte[] raw = in.fetchManifest(descriptor);
            manifestRead.countDown();
            return raw;
        }

        @Override
        public java.io.InputStream openBlob(dev.lading.oci.Descriptor descriptor) throws IOException {
            return in.openBlob(descriptor);
        }
    }

    /** Delegates to a layout's writer and counts how often it is closed. */
    private record ForwardingWriter(ContentWriter out, AtomicInteger closed) implements ContentWriter {
        @Override
        public boolean hasBlob(dev.lading.oci.Descriptor descriptor) throws IOException {
            return out.hasBlob(descriptor);
        }

        @Override
        public void writeBlob(dev.lading.oci.Descriptor descriptor, java.io.InputStream content) throws IOException {
            out.writeBlob(descriptor, content);
        }

        @Override
        public void writeManifest(dev.lading.oci.Descriptor descriptor, byte[] raw) throws IOException {
            out.writeManifest(descriptor, raw);
        }

        @Override
        public void commit(dev.lading.oci.Descriptor root, byte[] raw) throws IOException {
            out.commit(root, raw);
        }

        @Override
        public void close() throws IOException {
            closed.incrementAndGet();
            out.close();
        }
    }
}
