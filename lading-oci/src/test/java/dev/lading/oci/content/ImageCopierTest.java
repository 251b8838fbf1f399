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
}
