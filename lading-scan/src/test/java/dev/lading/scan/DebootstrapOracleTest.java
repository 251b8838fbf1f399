package dev.lading.scan;

import dev.lading.oci.Descriptor;
import dev.lading.oci.ImageConfig;
import dev.lading.oci.MediaType;
import dev.lading.oci.Platform;
import dev.lading.oci.content.ContentReader;
import dev.lading.oci.content.ResolvedImage;
import dev.lading.oci.layer.DirectoryOptions;
import dev.lading.oci.layer.LayerEntries;
import dev.lading.oci.layer.LayerEntry;
import dev.lading.oci.layer.LayerResult;
import dev.lading.oci.layer.LayerWriter;
import dev.lading.oci.layout.OciLayout;
import dev.lading.oci.testing.TestImages;
import dev.lading.oci.testing.Tools;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The oracle: a Debian bookworm root filesystem made by {@code debootstrap --variant=minbase}, packed
 * whole into an image layer (plus a second layer that deletes a copyright file), must catalog exactly what
 * {@code dpkg-query --admindir=ROOT/var/lib/dpkg -W} lists. debootstrap needs root and the Debian archive; its
 * result is cached in {@code java.io.tmpdir/lading-debootstrap-bookworm} (or {@code -Dlading.debootstrap.cache})
 * and reused, since it takes about a minute.
 */
@Tag("integration")
class DebootstrapOracleTest {
    static Path root;

    @TempDir
    Path tmp;

    @BeforeAll
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    static void debootstrap() throws Exception {
        Path cache = Path.of(System.getProperty("lading.debootstrap.cache", System.getProperty("java.io.tmpdir") + "/lading-debootstrap-bookworm"));
        root = cache.resolve("root");
        if (Files.isRegularFile(root.resolve("var/lib/dpkg/status"))) {
            return;
        }
        Tools.require("debootstrap", "debootstrap");
        assertThat(ProcessHandle.current().info().user().orElse("")).as("debootstrap needs root").isEqualTo("root");
        Path partial = cache.resolve("root.partial");
        Files.createDirectories(cache);
        Tools.run(null, "rm", "-rf", partial.toString());
        Tools.Result r = Tools.run(null, "debootstrap", "--variant=minbase", "bookworm", partial.toString(), "http://deb.debian.org/debian");
        assertThat(r.exitCode()).as(r.output()).isZero();
        // only a finished root is ever at the cached path
        Files.move(partial, root);
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void theCatalogOfADebootstrappedRootEqualsDpkgQuery() throws Exception {
        List<String> expected = DpkgOracleTest.dpkgQuery(root.resolve("var/lib/dpkg"));
        assertThat(expected).hasSizeGreaterThan(50);

        OciLayout layout = OciLayout.createOrOpen(tmp.resolve("layout"));
        List<TestImages.Layer> layers = new ArrayList<>();
        try (AutoCloseable session = layout.writeSession()) {
            layers.add(writeLayer(layout, LayerEntries.fromDirectory(root, DirectoryOptions.preserveIds())));
            layers.add(writeLayer(layout, List.of(LayerEntry.whiteout("usr/share/doc/zlib1g/copyright"))));
            TestImages.Image image = TestImages.image(Platform.of("linux", "amd64", null), layers, ImageConfig.Config.EMPTY);
            layout.writeBlob(MediaType.OCI_CONFIG, image.config());
            layout.writeBlob(MediaType.OCI_MANIFEST, image.manifest());
            layout.tag("bookworm", image.manifestDescriptor());
        }
        Sbom sbom;
        long start = System.nanoTime();
        try (ContentReader reader = layout.reader("bookworm")) {
            sbom = SbomScanner.standard().scan(reader, ResolvedImage.load(reader, null), "debootstrap:bookworm");
        }
        System.out.printf("scanned a %d MiB debootstrap layer in %d ms%n", layers.getFirst().descriptor().size() >> 20,
                (System.nanoTime() - start) / 1_000_000);

        List<String> actual = sbom.packages().stream()
                .map(p -> p.name() + " " + p.architecture() + " " + p.version() + " " + p.source().name() + " " + p.source().version())
                .sorted().toList();
        assertThat(actual).containsExactlyElementsOf(expected);
        assertThat(sbom.warnings()).isEmpty();
        assertThat(sbom.distro()).map(Distro::purlQualifier).contains("debian-12");
        assertThat(sbom.packages()).allMatch(p -> p.layer().equals(layers.getFirst().descriptor().digest()) && p.path().equals("/var/lib/dpkg/status"));
        Package zlib = sbom.packages().stream().filter(p -> p.name().equals("zlib1g")).findFirst().orElseThrow();
        assertThat(zlib.licenses()).as("its copyright file is deleted by the second layer").isEmpty();
        Package libc = sbom.packages().stream().filter(p -> p.name().equals("libc6")).findFirst().orElseThrow();
        assertThat(libc.purl()).matches("pkg:deb/debian/libc6@2\\.36-9%2Bdeb12u\\d+\\?arch=amd64&distro=debian-12");
        assertThat(libc.licenses()).as("its copyright file is free-form").isEmpty();
        Package zstd = sbom.packages().stream().filter(p -> p.name().equals("libzstd1")).findFirst().orElseThrow();
        assertThat(zstd.licenses()).as("DEP-5").contains("BSD-3-clause", "BSD-3-clause or GPL-2", "Expat");
    }

    /** Writes a gzip layer to a file first (a root filesystem does not belong in memory), then into the layout. */
    private TestImages.Layer writeLayer(OciLayout layout, List<LayerEntry> entries) throws Exception {
        Path file = Files.createTempFile(tmp, "layer", ".tar.gz");
        LayerResult r;
        try (OutputStream out = Files.newOutputStream(file)) {
            r = new LayerWriter(LayerWriter.Options.defaults()).write(entries, out);
        }
        Descriptor d = r.descriptor();
        try (InputStream in = Files.newInputStream(file)) {
            layout.writeBlob(d, in);
        }
        return new TestImages.Layer(d, r.diffId(), null);
    }
}
