package dev.lading.oci.testing;

import dev.lading.oci.Descriptor;
import dev.lading.oci.Digest;
import dev.lading.oci.ImageConfig;
import dev.lading.oci.Index;
import dev.lading.oci.Manifest;
import dev.lading.oci.MediaType;
import dev.lading.oci.Platform;
import dev.lading.oci.layout.OciLayout;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Small real images for tests, made in memory (no network, no binary fixtures): gzip layers of tar files,
 * a config whose diff_ids match, and an OCI manifest.
 */
public final class TestImages {
    private TestImages() {
    }

    public record Layer(Descriptor descriptor, Digest diffId, byte[] compressed) {
    }

    public record Image(Descriptor manifestDescriptor, byte[] manifest, byte[] config, List<Layer> layers) {
    }

    /** A layer holding the given files (path → content), as a gzip tar. */
    public static Layer layer(Map<String, String> files) throws IOException {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(tar)) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, String> f : files.entrySet()) {
                byte[] data = f.getValue().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry e = new TarArchiveEntry(f.getKey());
                e.setSize(data.length);
                e.setMode(0100644);
                e.setModTime(0);
                out.putArchiveEntry(e);
                out.write(data);
                out.closeArchiveEntry();
            }
        }
        byte[] plain = tar.toByteArray();
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(gz)) {
            g.write(plain);
        }
        byte[] compressed = gz.toByteArray();
        return new Layer(Descriptor.of(MediaType.OCI_LAYER_GZIP, compressed), Digest.sha256(plain), compressed);
    }

    /** A layer of {@code size} random (incompressible) bytes in one file. */
    public static Layer randomLayer(String path, int size, long seed) throws IOException {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return layer(Map.of(path, new String(data, StandardCharsets.ISO_8859_1)));
    }

    public static Image image(Platform platform, List<Layer> layers, ImageConfig.Config runConfig) {
        List<Digest> diffIds = new ArrayList<>();
        List<ImageConfig.History> history = new ArrayList<>();
        for (Layer l : layers) {
            diffIds.add(l.diffId());
            history.add(new ImageConfig.History("1970-01-01T00:00:00Z", "test layer", null, null, null));
        }
        ImageConfig config = new ImageConfig("1970-01-01T00:00:00Z", null, platform.architecture(), platform.os(), null, null,
                platform.variant(), runConfig, new ImageConfig.RootFs("layers", diffIds), history);
        byte[] rawConfig = config.toJson();
        Manifest m = Manifest.oci(Descriptor.of(MediaType.OCI_CONFIG, rawConfig),
                layers.stream().map(Layer::descriptor).toList(), null);
        byte[] raw = m.toJson();
        return new Image(Descriptor.of(MediaType.OCI_MANIFEST, raw).withPlatform(platform), raw, rawConfig, layers);
    }

    /** A two-layer linux/amd64 image with a user, env, entrypoint and labels. */
    public static Image simple() throws IOException {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("etc/", "");
        a.put("etc/hello.txt", "hello\n");
        return image(Platform.of("linux", "amd64", null),
                List.of(layer(Map.of("etc/hello.txt", "hello\n")), layer(Map.of("app/run.sh", "#!/bin/sh\necho hi\n"))),
                ImageConfig.Config.EMPTY.withUser("65532").withEnv(List.of("PATH=/usr/bin:/bin"))
                        .withEntrypoint(List.of("/app/run.sh")).withLabel("org.opencontainers.image.version", "1.0"));
    }

    /** Stores the image's blobs and manifest in the layout, tagged {@code tag}. */
    public static void store(OciLayout layout, Image image, String tag) throws Exception {
        try (AutoCloseable session = layout.writeSession()) {
            storeUnlocked(layout, image, tag);
        }
    }

    private static void storeUnlocked(OciLayout layout, Image image, String tag) throws IOException {
        for (Layer l : image.layers()) {
            layout.writeBlob(l.descriptor(), new java.io.ByteArrayInputStream(l.compressed()));
        }
        layout.writeBlob(MediaType.OCI_CONFIG, image.config());
        layout.writeBlob(MediaType.OCI_MANIFEST, image.manifest());
        layout.tag(tag, image.manifestDescriptor());
    }

    /** An index over two single-platform images, stored with their blobs; returns the index descriptor. */
    public static Descriptor storeIndex(OciLayout layout, String tag, Image... images) throws Exception {
        try (AutoCloseable session = layout.writeSession()) {
            return storeIndexUnlocked(layout, tag, images);
        }
    }

    private static Descriptor storeIndexUnlocked(OciLayout layout, String tag, Image... images) throws IOException {
        List<Descriptor> entries = new ArrayList<>();
        for (Image image : images) {
            for (Layer l : image.layers()) {
                layout.writeBlob(l.descriptor(), new java.io.ByteArrayInputStream(l.compressed()));
            }
            layout.writeBlob(MediaType.OCI_CONFIG, image.config());
            layout.writeBlob(MediaType.OCI_MANIFEST, image.manifest());
            entries.add(image.manifestDescriptor());
        }
        byte[] raw = Index.oci(entries).toJson();
        Descriptor d = layout.writeBlob(MediaType.OCI_INDEX, raw);
        layout.tag(tag, d);
        return d;
    }
}
