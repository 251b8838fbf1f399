package dev.lading.scan;

import dev.lading.oci.Descriptor;
import dev.lading.oci.ImageConfig;
import dev.lading.oci.Platform;
import dev.lading.oci.content.ContentReader;
import dev.lading.oci.content.ResolvedImage;
import dev.lading.oci.layer.LayerEntry;
import dev.lading.oci.layer.LayerResult;
import dev.lading.oci.layer.LayerWriter;
import dev.lading.oci.layout.OciLayout;
import dev.lading.oci.testing.TestImages;

import dev.lading.oci.Digest;
import dev.lading.oci.MediaType;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.ByteArrayOutputStream;
import java.util.zip.GZIPOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Images for scan tests: layers of text files (or any LayerEntry), stored in an OCI layout and scanned from it. */
final class ScanImages {
    private ScanImages() {
    }

    /** A layer of text files, path → content, written by lading's own LayerWriter (sorted, reproducible). */
    static TestImages.Layer layer(Map<String, String> files) throws IOException {
        List<LayerEntry> entries = new ArrayList<>();
        new TreeMap<>(files).forEach((p, c) -> entries.add(LayerEntry.file(p, 0644, c)));
        return layer(entries);
    }

    static TestImages.Layer layer(List<LayerEntry> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LayerResult r = new LayerWriter(LayerWriter.Options.defaults()).write(entries, out);
        return new TestImages.Layer(r.descriptor(), r.diffId(), out.toByteArray());
    }

    /** A gzip layer written entry by entry with commons-compress: for tars lading's writer refuses to make. */
    static TestImages.Layer rawLayer(TarBody body) throws IOException {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(tar)) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            body.write(out);
        }
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(gz)) {
            g.write(tar.toByteArray());
        }
        byte[] compressed = gz.toByteArray();
        return new TestImages.Layer(Descriptor.of(MediaType.OCI_LAYER_GZIP, compressed), Digest.sha256(tar.toByteArray()), compressed);
    }

    interface TarBody {
        void write(TarArchiveOutputStream out) throws IOException;
    }

    static TestImages.Image image(TestImages.Layer... layers) {
        return TestImages.image(Platform.of("linux", "amd64", null), List.of(layers), ImageConfig.Config.EMPTY);
    }

    /** Stores the image in a layout under {@code dir} and runs {@code scanner} on it. */
    static Sbom scan(Path dir, SbomScanner scanner, TestImages.Layer... layers) throws Exception {
        OciLayout layout = OciLayout.createOrOpen(dir.resolve("layout"));
        TestImages.store(layout, image(layers), "t");
        try (ContentReader reader = layout.reader("t")) {
            return scanner.scan(reader, ResolvedImage.load(reader, null), "test:image");
        }
    }

    static Sbom scan(Path dir, TestImages.Layer... layers) throws Exception {
        return scan(dir, SbomScanner.standard(), layers);
    }

    /** The final filesystem view of the image, keeping what {@code selector} asks for. */
    static ImageFiles files(Path dir, FileSelector selector, ImageFiles.Limits limits, List<String> warnings,
                            TestImages.Layer... layers) throws Exception {
        OciLayout layout = OciLayout.createOrOpen(dir.resolve("layout"));
        TestImages.store(layout, image(layers), "t");
        try (ContentReader reader = layout.reader("t")) {
            List<Descriptor> ls = ResolvedImage.load(reader, null).manifest().layers();
            return ImageFiles.read(reader, ls, selector, limits, warnings::add);
        }
    }
}
