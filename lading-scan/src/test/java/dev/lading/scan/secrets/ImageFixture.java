package dev.lading.scan.secrets;

import dev.lading.oci.Descriptor;
import dev.lading.oci.ImageConfig;
import dev.lading.oci.Manifest;
import dev.lading.oci.MediaType;
import dev.lading.oci.Platform;
import dev.lading.oci.content.ContentReader;
import dev.lading.oci.content.ResolvedImage;
import dev.lading.oci.layer.LayerEntry;
import dev.lading.oci.layer.LayerResult;
import dev.lading.oci.layer.LayerWriter;
import dev.lading.oci.layout.OciLayout;
import dev.lading.oci.testing.TestImages;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Images for the secrets, policy and efficiency tests: layers written by lading's LayerWriter, a config with
 * the run settings and history a test needs, stored in an OCI layout and opened from it as the scan would.
 */
public final class ImageFixture {
    private ImageFixture() {
    }

    public static TestImages.Layer layer(Map<String, String> files) throws IOException {
        List<LayerEntry> entries = new ArrayList<>();
        new TreeMap<>(files).forEach((p, c) -> entries.add(LayerEntry.file(p, 0644, c)));
        return layer(entries);
    }

    public static TestImages.Layer layer(LayerEntry... entries) throws IOException {
        return layer(List.of(entries));
    }

    public static TestImages.Layer layer(List<LayerEntry> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LayerResult r = new LayerWriter(LayerWriter.Options.defaults()).write(entries, out);
        return new TestImages.Layer(r.descriptor(), r.diffId(), out.toByteArray());
    }

    /** An image whose history has one entry per layer, {@code createdBy.get(i)} (or "test layer"), then the rest. */
    public static TestImages.Image image(ImageConfig.Config run, List<String> createdBy, Map<String, String> annotations,
                                         List<TestImages.Layer> layers) {
        List<ImageConfig.History> history = new ArrayList<>();
        for (int i = 0; i < Math.max(layers.size(), createdBy.size()); i++) {
            String by = i < createdBy.size() ? createdBy.get(i) : "test layer";
            history.add(new ImageConfig.History("1970-01-01T00:00:00Z", by, null, null, i >= layers.size() ? Boolean.TRUE : null));
        }
        Platform platform = Platform.of("linux", "amd64", null);
        ImageConfig config = new ImageConfig("1970-01-01T00:00:00Z", null, platform.architecture(), platform.os(), null, null,
                null, run, new ImageConfig.RootFs("layers", layers.stream().map(TestImages.Layer::diffId).toList()), history);
        byte[] rawConfig = config.toJson();
        Manifest m = Manifest.oci(Descriptor.of(MediaType.OCI_CONFIG, rawConfig),
                layers.stream().map(TestImages.Layer::descriptor).toList(), annotations);
        byte[] raw = m.toJson();
        return new TestImages.Image(Descriptor.of(MediaType.OCI_MANIFEST, raw).withPlatform(platform), raw, rawConfig, layers);
    }

    public static TestImages.Image image(ImageConfig.Config run, TestImages.Layer... layers) {
        return image(run, List.of(), null, List.of(layers));
    }

    public static TestImages.Image image(TestImages.Layer... layers) {
        return image(ImageConfig.Config.EMPTY, layers);
    }

    /** The image stored in a fresh layout under {@code dir}, opened for reading. */
    public static Opened open(Path dir, TestImages.Image image) throws Exception {
        OciLayout layout = OciLayout.createOrOpen(dir.resolve("layout-" + image.manifestDescriptor().digest().shortHex()));
        TestImages.store(layout, image, "t");
        ContentReader reader = layout.reader("t");
        return new Opened(reader, ResolvedImage.load(reader, null));
    }

    public record Opened(ContentReader reader, ResolvedImage image) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            reader.close();
        }
    }
}
