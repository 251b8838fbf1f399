package dev.lading.oci.layout;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lading.oci.Json;
import dev.lading.oci.content.CopyOptions;
import dev.lading.oci.content.ImageCopier;
import dev.lading.oci.content.ResolvedImage;
import dev.lading.oci.testing.TestImages;
import dev.lading.oci.testing.Tools;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Layouts lading writes are read by skopeo and umoci; layouts skopeo writes are read by lading. */
@Tag("integration")
class LayoutInteropTest {

    @TempDir
    Path tmp;

    @BeforeAll
    static void tools() {
        Tools.require("skopeo", "skopeo");
        Tools.require("umoci", "umoci");
    }

    @Test
    void skopeoAndUmociReadWhatLadingWrites() throws Exception {
        OciLayout layout = OciLayout.createOrOpen(tmp.resolve("ours"));
        TestImages.Image img = TestImages.simple();
        TestImages.store(layout, img, "v1");

        JsonNode inspect = Json.mapper().readTree(Tools.ok(null, "skopeo", "inspect", "oci:" + layout.root() + ":v1"));
        assertThat(inspect.get("Digest").asText()).isEqualTo(img.manifestDescriptor().digest().toString());
        assertThat(inspect.get("Layers")).hasSize(2);

        Tools.ok(null, "umoci", "unpack", "--rootless", "--image", layout.root() + ":v1", tmp.resolve("bundle").toString());
        assertThat(Files.readString(tmp.resolve("bundle/rootfs/etc/hello.txt"))).isEqualTo("hello\n");
        assertThat(Files.readString(tmp.resolve("bundle/rootfs/app/run.sh"))).contains("echo hi");
    }

    @Test
    void ladingReadsWhatSkopeoWritesAndDigestsSurviveARoundTrip() throws Exception {
        OciLayout ours = OciLayout.createOrOpen(tmp.resolve("ours"));
        TestImages.Image img = TestImages.simple();
        TestImages.store(ours, img, "v1");
        Path theirs = tmp.resolve("theirs");
        Tools.ok(null, "skopeo", "copy", "oci:" + ours.root() + ":v1", "oci:" + theirs + ":copied");

        OciLayout skopeoLayout = OciLayout.open(theirs);
        ResolvedImage read = ResolvedImage.load(skopeoLayout.reader("copied"), null);
        assertThat(read.manifestDescriptor().digest()).isEqualTo(img.manifestDescriptor().digest());
        assertThat(read.config().config().entrypoint()).containsExactly("/app/run.sh");

        OciLayout back = OciLayout.createOrOpen(tmp.resolve("back"));
        try (var w = back.writer("again")) {
            ImageCopier.copy(skopeoLayout.reader("copied"), w, CopyOptions.defaults());
        }
        assertThat(back.resolveReference("again").digest()).isEqualTo(img.manifestDescriptor().digest());
    }
}
