package dev.lading.oci.archive;

import dev.lading.oci.Descriptor;
import dev.lading.oci.Digest;
import dev.lading.oci.DockerReference;
import dev.lading.oci.Manifest;
import dev.lading.oci.MediaType;
import dev.lading.oci.OciException;
import dev.lading.oci.archive.ArchiveFixtures.Image;
import dev.lading.oci.archive.ArchiveFixtures.TarBuilder;
import dev.lading.oci.archive.DockerArchive.Selection;
import dev.lading.oci.archive.DockerArchiveReader.ManifestSource;
import dev.lading.oci.content.DigestMismatchException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.lading.oci.archive.ArchiveFixtures.gzip;
import static dev.lading.oci.archive.ArchiveFixtures.layer;
import static dev.lading.oci.archive.ArchiveFixtures.legacyArchive;
import static dev.lading.oci.archive.ArchiveFixtures.plainImage;
import static dev.lading.oci.archive.ArchiveFixtures.zstd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DockerArchiveReaderTest {

    @TempDir
    Path dir;

    private final byte[] base = layer(Map.of("etc/os-release", "ID=test\n", "bin/app", "#!/bin/sh\necho hi\n"));
    private final byte[] top = layer("app/config.yaml", "port: 8080\n");

    private Path write(String name, TarBuilder t) throws IOException {
        return t.writeTo(dir.resolve(name));
    }

    private static byte[] readAll(DockerArchiveReader r, Descriptor d) throws IOException {
        try (InputStream in = r.openBlob(d)) {
            return in.readAllBytes();
        }
    }

    @Test
    void readsLegacyArchiveAndSynthesisesAnOciManifest() throws IOException {
        Image image = plainImage(List.of("app:1"), base, top);
        Path file = write("legacy.tar", legacyArchive(image));

        try (DockerArchiveReader r = DockerArchive.open(file, Selection.ONLY)) {
            assertThat(r.manifestSource()).isEqualTo(ManifestSource.SYNTHESIZED);
            Descriptor root = r.resolve();
            assertThat(root.mediaType()).isEqualTo(MediaType.OCI_MANIFEST);
            byte[] raw = r.fetchManifest(root);
            assertThat(Digest.sha256(raw)).isEqualTo(root.digest());
            Manifest m = Manifest.parse(raw);
            assertThat(m.config().digest()).isEqualTo(image.configDigest());
            assertThat(m.config().mediaType()).isEqualTo(MediaType.OCI_CONFIG);
            assertThat(m.layers()).extracting(Descriptor::mediaType).containsExactly(MediaType.OCI_LAYER, MediaType.OCI_LAYER);
            assertThat(m.layers()).extracting(Descriptor::digest).containsExactly(Digest.sha256(base), Digest.sha256(top));
            assertThat(m.layers()).extracting(Descriptor::size).containsExactly((long) base.length, (long) top.length);
            assertThat(r.readBlob(m.config())).isEqualTo(image.config());
            assertThat(readAll(r, m.layers().get(0))).isEqualTo(base);
            assertThat(readAll(r, m.layers().get(1))).isEqualTo(top);
            assertThat(r.config().diffIds()).containsExactly(Digest.sha256(base), Digest.sha256(top));
            assertThat(r.selectedImage().repoTags()).containsExactly("app:1");
        }
    }

    @Test
    void detectsGzipAndZstdLayersAndChecksTheirDiffIds() throws IOException {
        byte[] gz = gzip(base);
        byte[] zs = zstd(top);
        Image image = ArchiveFixtures.image(List.of("app:1"), List.of(gz, zs), List.of(base, top));
        Path file = write("compressed-layers.tar", legacyArchive(image));

        try (DockerArchiveReader r = DockerArchive.open(file, Selection.ONLY)) {
            Manifest m = r.manifest();
            assertThat(m.layers()).extracting(Descriptor::mediaType)
                    .containsExactly(MediaType.OCI_LAYER_GZIP, MediaType.OCI_LAYER_ZSTD);
            assertThat(m.layers()).extracting(Descriptor::digest).containsExactly(Digest.sha256(gz), Digest.sha256(zs));
            assertThat(readAll(r, m.layers().get(0))).isEqualTo(gz);
            assertThat(readAll(r, m.layers().get(1))).isEqualTo(zs);
        }
    }

    @Test
    void refusesLayersThatDoNotMatchTheConfig() throws IOException {
        Image honest = plainImage(List.of("app:1"), base, top);
        // the config claims the layers in the other order
        Image swapped = new Image(honest.repoTags(), ArchiveFixtures.config(List.of(top, base)), honest.layers());
        Path file = write("swapped.tar", legacyArchive(swapped));

        assertThatThrownBy(() -> DockerArchive.open(file, Selection.ONLY))
                .isInstanceOf(OciException.class)
                .hasMessageContaining("layer 1")
                .hasMessageContaining("diffID " + Digest.sha256(base))
                .hasMessageContaining("rootfs.diff_ids[0] is " + Digest.sha256(top));
    }

    @Test
    void refusesALayerCountThatDisagreesWithTheConfig() throws IOException {
        Image image = new Image(List.of("app:1"), ArchiveFixtures.config(List.of(base)), List.of(base, top));
        Path file = write("count.tar", legacyArchive(image));
        assertThatThrownBy(() -> DockerArchive.open(file, Selection.ONLY))
                .isInstanceOf(OciException.class)
                .hasMessageContaining("lists 2 layers in manifest.json but its config has 1 rootfs.diff_ids");
    }

    @Test
    void followsDockerSaveDedupSymlinksAndSelectsByTagOrIndex() throws IOException {
        Image a = plainImage(List.of("app:1", "app:latest"), base, top);
        byte[] other = layer("other.txt", "other\n");
        Image b = plainImage(List.of("registry.example.com/team/tool:2"), base, other);
        TarBuilder archive = legacyArchive(a, b);
        Path file = write("two.tar", archive);

        // b's first layer is a symlink to a's: reading it must give a's bytes
        try (DockerArchiveReader r = DockerArchive.open(file, Selection.parse("registry.example.com/team/tool:2"))) {
            assertThat(r.selectedImage().index()).isEqualTo(1);
            assertThat(readAll(r, r.manifest().layers().get(0))).isEqualTo(base);
            assertThat(readAll(r, r.manifest().layers().get(1))).isEqualTo(other);
        }
        try (DockerArchiveReader r = DockerArchive.open(file, Selection.parse("docker.io/library/app:latest"))) {
            assertThat(r.selectedImage().index()).isEqualTo(0);
        }
        try (DockerArchiveReader r = DockerArchive.open(file, Selection.parse("@1"))) {
            assertThat(r.selectedImage().repoTags()).containsExactly("registry.example.com/team/tool:2");
            assertThat(r.images()).hasSize(2);
        }
        assertThatThrownBy(() -> DockerArchive.open(file, Selection.ONLY))
                .isInstanceOf(OciException.class)
                .hasMessageContaining("holds 2 images")
                .hasMessageContaining("@0 [app:1, app:latest]")
                .hasMessageContaining("@1 [registry.example.com/team/tool:2]");
        assertThatThrownBy(() -> DockerArchive.open(file, Selection.parse("app:2")))
                .isInstanceOf(OciException.class)
                .hasMessageContaining("no image tagged app:2");
        assertThatThrownBy(() -> DockerArchive.open(file, Selection.parse("@2")))
                .isInstanceOf(OciException.class)
                .hasMessageContaining("no image @2");
    }

    @Test
    void prefersTheEmbeddedOciManifestOfADocker25Archive() throws IOException {
        Image image = plainImage(List.of("app:1"), base, top);
        Path file = write("docker25.tar", ArchiveFixtures.docker25Archive(image, true));

        try (DockerArchiveReader r = DockerArchive.open(file, Selection.ONLY)) {
            assertThat(r.manifestSource()).isEqualTo(ManifestSource.OCI_LAYOUT);
            Descriptor root = r.resolve();
            byte[] raw = r.fetchManifest(root);
            byte[] expected = Manifest.oci(Descriptor.of(MediaType.OCI_CONFIG, image.config()),
                    List.of(Descriptor.of(MediaType.OCI_LAYER, base), Descriptor.of(MediaType.OCI_LAYER, top)), null).toJson();
            assertThat(raw).isEqualTo(expected);
            assertThat(root.digest()).isEqualTo(Digest.sha256(expected));
            assertThat(readAll(r, r.manifest().layers().get(1))).isEqualTo(top);
            assertThat(r.readBlob(r.manifest().config())).isEqualTo(image.config());
        }
    }

    @Test
    void fallsBackToASynthesisedManifestWhenTheLayoutManifestListsNoLayers() throws IOException {
        // Docker 25.0's first releases wrote OCI manifests without their layers
        Image image = plainImage(List.of("app:1"), base, top);
        Path file = write("docker25-0.tar", ArchiveFixtures.docker25Archive(image, false));

        try (DockerArchiveReader r = DockerArchive.open(file, Selection.ONLY)) {
            assertThat(r.manifestSource()).isEqualTo(ManifestSource.SYNTHESIZED);
            assertThat(r.manifest().layers()).hasSize(2);
        }
    }

    @Test
    void findsThePlatformManifestOfAContainerdStoreArchive() throws IOException {
        byte[] gz = gzip(base);
        Image image = ArchiveFixtures.image(List.of("app:1"), List.of(gz), List.of(base));
        Path file = write("containerd.tar", ArchiveFixtures.containerdArchive(image, "app:1"));

        try (DockerArchiveReader r = DockerArchive.open(file, Selection.parse("app:1"))) {
            assertThat(r.manifestSource()).isEqualTo(ManifestSource.OCI_LAYOUT);
            assertThat(r.resolve().mediaType()).isEqualTo(MediaType.DOCKER_MANIFEST);
            assertThat(r.manifest().layers()).extracting(Descriptor::mediaType).containsExactly(MediaType.DOCKER_LAYER_GZIP);
            assertThat(r.manifest().layers().get(0).digest()).isEqualTo(Digest.sha256(gz));
            assertThat(readAll(r, r.manifest().layers().get(0))).isEqualTo(gz);
            assertThat(Digest.sha256(r.fetchManifest(r.resolve()))).isEqualTo(r.resolve().digest());
        }
    }

    @Test
    void readsLongNamesWrittenAsPaxOrGnuHeadersAndDotSlashPrefixes() throws IOException {
        String longDir = "d".repeat(120);
        byte[] config = ArchiveFixtures.config(List.of(base));
        for (int mode : new int[]{org.apache.commons.compress.archivers.tar.TarArchiveOutputStream.LONGFILE_POSIX,
                org.apache.commons.compress.archivers.tar.TarArchiveOutputStream.LONGFILE_GNU}) {
            Path file = write("long-" + mode + ".tar", new TarBuilder(mode).file("./c.json", config)
                    .file("./" + longDir + "/layer.tar", base)
                    .symlink(longDir + "/link.tar", "layer.tar")
                    .file("./manifest.json", manifestJson("c.json", longDir + "/link.tar")));
            try (DockerArchiveReader r = DockerArchive.open(file, Selection.ONLY)) {
                assertThat(readAll(r, r.manifest().layers().get(0))).isEqualTo(base);
            }
        }
    }

    @Test
    void readsAGzipCompressedArchiveAndDeletesItsTemporaryCopy() throws IOException {
        Image image = plainImage(List.of("app:1"), base, top);
        Path file = dir.resolve("image.tar.gz");
        Files.write(file, gzip(legacyArchive(image).bytes()));

        List<Path> before = tempCopies();
        try (DockerArchiveReader r = DockerArchive.open(file, Selection.parse("app:1"))) {
            assertThat(readAll(r, r.manifest().layers().get(0))).isEqualTo(base);
            assertThat(tempCopies()).hasSize(before.size() + 1);
        }
        assertThat(tempCopies()).hasSameElementsAs(before);

        Path zst = dir.resolve("image.tar.zst");
        Files.write(zst, zstd(legacyArchive(image).bytes()));
        try (DockerArchiveReader r = DockerArchive.open(zst, Selection.ONLY)) {
            assertThat(readAll(r, r.manifest().layers().get(1))).isEqualTo(top);
        }
        assertThat(tempCopies()).hasSameElementsAs(before);

        Path broken = dir.resolve("broken.tar.gz");
        byte[] gz = gzip(legacyArchive(image).bytes());
        Files.write(broken, java.util.Arrays.copyOf(gz, gz.length - 20));
        assertThatThrownBy(() -> DockerArchive.open(broken, Selection.ONLY))
                .isInstanceOf(OciException.class).hasMessageContaining("cannot decompress the gzip archive");
        assertThat(tempCopies()).hasSameElementsAs(before);
    }

    private static List<Path> tempCopies() throws IOException {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith("lading-docker-archive-")).toList();
        }
    }

    @Test
    void blobsAreVerifiedAndUnknownOnesRefused() throws IOException {
        Path file = write("legacy.tar", legacyArchive(plainImage(List.of("app:1"), base)));
        try (DockerArchiveReader r = DockerArchive.open(file, Selection.ONLY)) {
            Descriptor layer = r.manifest().layers().get(0);
            assertThatThrownBy(() -> r.openBlob(Descriptor.of(MediaType.OCI_LAYER, top)))
                    .isInstanceOf(OciException.class).hasMessageContaining("is not in the archive");
            assertThatThrownBy(() -> r.openBlob(Descriptor.of(layer.mediaType(), layer.digest(), layer.size() + 1)))
                    .isInstanceOf(DigestMismatchException.class);
            assertThatThrownBy(() -> r.fetchManifest(Descriptor.of(MediaType.OCI_MANIFEST, top)))
                    .isInstanceOf(OciException.class).hasMessageContaining("is not in the archive");
        }
    }

    // ------------------------------------------------------------------ hostile and broken archives

    private void assertRefused(TarBuilder archive, String... messageParts) throws IOException {
        Path file = write("hostile.tar", archive);
        var thrown = assertThatThrownBy(() -> DockerArchive.open(file, Selection.ONLY)).isInstanceOf(OciException.class);
        for (String part : messageParts) {
            thrown.hasMessageContaining(part);
        }
    }

    private static byte[] manifestJson(String config, String... layers) {
        return dev.lading.oci.Json.write(List.of(Map.of("Config", config, "RepoTags", List.of("x:1"), "Layers", List.of(layers))));
    }

    @Test
    void refusesEntryNamesThatClimbOut() throws IOException {
        assertRefused(legacyArchive(plainImage(List.of("app:1"), base)).file("../evil", new byte[1]), "'../evil'", "..");
    }

    @Test
    void refusesManifestPathsOutsideTheArchive() throws IOException {
        byte[] config = ArchiveFixtures.config(List.of(base));
        assertRefused(new TarBuilder().file("c.json", config).file("manifest.json", manifestJson("../../etc/passwd", "l.tar")),
                "config path '../../etc/passwd' points outside the archive");
        assertRefused(new TarBuilder().file("c.json", config).file("manifest.json", manifestJson("/etc/passwd", "l.tar")),
                "points outside the archive");
        assertRefused(new TarBuilder().file("c.json", config).file("manifest.json", manifestJson("c.json", "missing/layer.tar")),
                "layer 1 'missing/layer.tar' is not in the archive");
    }

    @Test
    void refusesSymlinksThatLeaveTheArchiveOrLoop() throws IOException {
        byte[] config = ArchiveFixtures.config(List.of(base));
        assertRefused(new TarBuilder().file("c.json", config).symlink("a/layer.tar", "../../outside/layer.tar")
                .file("manifest.json", manifestJson("c.json", "a/layer.tar")), "points outside the archive");
        assertRefused(new TarBuilder().file("c.json", config).symlink("a/layer.tar", "/etc/shadow")
                .file("manifest.json", manifestJson("c.json", "a/layer.tar")), "absolute path '/etc/shadow'");
        assertRefused(new TarBuilder().file("c.json", config).symlink("a/layer.tar", "../b/layer.tar")
                .symlink("b/layer.tar", "../a/layer.tar")
                .file("manifest.json", manifestJson("c.json", "a/layer.tar")), "link loop");
    }

    @Test
    void followsAHardLinkInsideTheArchive() throws IOException {
        byte[] config = ArchiveFixtures.config(List.of(base));
        Path file = write("hard.tar", new TarBuilder().file("c.json", config).file("a/layer.tar", base)
                .hardlink("b/layer.tar", "a/layer.tar").file("manifest.json", manifestJson("c.json", "b/layer.tar")));
        try (DockerArchiveReader r = DockerArchive.open(file, Selection.ONLY)) {
            assertThat(readAll(r, r.manifest().layers().get(0))).isEqualTo(base);
        }
    }

    @Test
    void refusesADirectoryOrDeviceWhereAFileIsExpected() throws IOException {
        byte[] config = ArchiveFixtures.config(List.of(base));
        assertRefused(new TarBuilder().file("c.json", config).directory("a/layer.tar")
                .file("manifest.json", manifestJson("c.json", "a/layer.tar")), "is a directory");
        assertRefused(new TarBuilder().file("c.json", config).special("a/layer.tar", (byte) '3')
                .file("manifest.json", manifestJson("c.json", "a/layer.tar")), "not a regular file");
    }

    @Test
    void refusesAbsurdSizesAndTruncation() throws IOException {
        byte[] tar = legacyArchive(plainImage(List.of("app:1"), base)).bytes();
        // a file entry that claims 8 GiB (octal) or 2^62 bytes (GNU base-256): rewrite the size and fix the checksum
        byte[] absurd = new TarBuilder().file("layer.tar", base).file("manifest.json", new byte[10]).bytes();
        byte[] size = String.format("%011o\0", 1L << 33).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(size, 0, absurd, 124, 12);
        fixChecksum(absurd, 0);
        Files.write(dir.resolve("absurd.tar"), absurd);
        assertThatThrownBy(() -> DockerArchive.open(dir.resolve("absurd.tar"), Selection.ONLY))
                .isInstanceOf(OciException.class).hasMessageContaining("'layer.tar' claims 8589934592 bytes");
        byte[] huge = absurd.clone();
        java.util.Arrays.fill(huge, 124, 136, (byte) 0);
        huge[124] = (byte) 0x80;
        huge[128] = 0x40; // 2^62 in base-256
        fixChecksum(huge, 0);
        Files.write(dir.resolve("huge.tar"), huge);
        assertThatThrownBy(() -> DockerArchive.open(dir.resolve("huge.tar"), Selection.ONLY))
                .isInstanceOf(OciException.class).hasMessageContaining("claims 4611686018427387904 bytes");

        Files.write(dir.resolve("truncated.tar"), java.util.Arrays.copyOf(tar, 1024 + 100));
        assertThatThrownBy(() -> DockerArchive.open(dir.resolve("truncated.tar"), Selection.ONLY))
                .isInstanceOf(OciException.class).hasMessageContaining("truncated");

        byte[] corrupt = tar.clone();
        corrupt[10] ^= 0x5a;
        Files.write(dir.resolve("corrupt.tar"), corrupt);
        assertThatThrownBy(() -> DockerArchive.open(dir.resolve("corrupt.tar"), Selection.ONLY))
                .isInstanceOf(OciException.class).hasMessageContaining("checksum");

        Files.write(dir.resolve("noise.tar"), "this is not a tar archive at all, just some text".repeat(20).getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> DockerArchive.open(dir.resolve("noise.tar"), Selection.ONLY))
                .isInstanceOf(OciException.class);
    }

    private static void fixChecksum(byte[] tar, int headerOffset) {
        long sum = 0;
        for (int i = 0; i < 512; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : tar[headerOffset + i] & 0xff;
        }
        byte[] chk = String.format("%06o\0 ", sum).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(chk, 0, tar, headerOffset + 148, 8);
    }

    @Test
    void refusesDuplicateEntries() throws IOException {
        byte[] config = ArchiveFixtures.config(List.of(base));
        assertRefused(new TarBuilder().file("c.json", config).file("l.tar", base).file("l.tar", top)
                .file("manifest.json", manifestJson("c.json", "l.tar")), "'l.tar' twice");
    }

    @Test
    void refusesAConfigThatDoesNotMatchItsName() throws IOException {
        byte[] config = ArchiveFixtures.config(List.of(base));
        String wrongName = Digest.sha256(top).hex() + ".json";
        Path file = write("misnamed.tar", new TarBuilder().file(wrongName, config).file("l.tar", base)
                .file("manifest.json", manifestJson(wrongName, "l.tar")));
        assertThatThrownBy(() -> DockerArchive.open(file, Selection.ONLY))
                .isInstanceOf(DigestMismatchException.class).hasMessageContaining("does not match its name");
    }

    @Test
    void explainsWhatAnArchiveWithoutManifestJsonIs() throws IOException {
        assertRefused(new TarBuilder().file("oci-layout", "{}".getBytes(StandardCharsets.UTF_8))
                .file("index.json", "{}".getBytes(StandardCharsets.UTF_8)), "OCI image layout", "oci-archive:");
        assertRefused(new TarBuilder().file("repositories", "{}".getBytes(StandardCharsets.UTF_8)), "predates Docker 1.10");
        assertRefused(new TarBuilder().file("manifest.json", "[{\"Config\": ".getBytes(StandardCharsets.UTF_8)),
                "malformed manifest.json");
        assertRefused(new TarBuilder().file("manifest.json", "[]".getBytes(StandardCharsets.UTF_8)), "lists no images");
    }

    @Test
    void refusesBzip2Layers() throws IOException {
        byte[] fake = "BZh91AY&SY not really".getBytes(StandardCharsets.US_ASCII);
        byte[] config = ArchiveFixtures.config(List.of(base));
        assertRefused(new TarBuilder().file("c.json", config).file("l.tar", fake)
                .file("manifest.json", manifestJson("c.json", "l.tar")), "bzip2");
    }

    @Test
    void reportsACorruptGzipLayerClearly() throws IOException {
        byte[] gz = gzip(base);
        byte[] broken = java.util.Arrays.copyOf(gz, gz.length / 2);
        byte[] config = ArchiveFixtures.config(List.of(base));
        assertRefused(new TarBuilder().file("c.json", config).file("l.tar", broken)
                .file("manifest.json", manifestJson("c.json", "l.tar")), "could not be decompressed as gzip");
    }

    @Test
    void parsesSelections() {
        assertThat(Selection.parse("")).isEqualTo(Selection.ONLY);
        assertThat(Selection.parse(null)).isEqualTo(Selection.ONLY);
        assertThat(Selection.parse("@3")).isEqualTo(new Selection.ByIndex(3));
        assertThat(Selection.parse("app:1")).isEqualTo(new Selection.ByTag(DockerReference.parse("app:1")));
        assertThat(Selection.parse("app")).isEqualTo(new Selection.ByTag(DockerReference.parse("app:latest")));
        assertThatThrownBy(() -> Selection.parse("@x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Selection.parse("@")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Selection.parse("app@sha256:" + "a".repeat(64))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parsesLocations() {
        var plain = DockerArchive.Location.parse("/tmp/a.tar");
        assertThat(plain.file()).isEqualTo(Path.of("/tmp/a.tar"));
        assertThat(plain.selection()).isEqualTo(Selection.ONLY);
        assertThat(plain.tagForWriting()).isNull();
        var tagged = DockerArchive.Location.parse("a.tar:localhost:5000/app:1");
        assertThat(tagged.file()).isEqualTo(Path.of("a.tar"));
        assertThat(tagged.tagForWriting()).isEqualTo(DockerReference.parse("localhost:5000/app:1"));
        var indexed = DockerArchive.Location.parse("a.tar:@2");
        assertThat(indexed.selection()).isEqualTo(new Selection.ByIndex(2));
        assertThatThrownBy(indexed::tagForWriting).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DockerArchive.Location.parse(":app:1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void familiarNamesFollowDocker() {
        assertThat(DockerArchive.familiar(DockerReference.parse("docker.io/library/x:1"))).isEqualTo("x:1");
        assertThat(DockerArchive.familiar(DockerReference.parse("docker.io/user/x:1"))).isEqualTo("user/x:1");
        assertThat(DockerArchive.familiar(DockerReference.parse("x"))).isEqualTo("x:latest");
        assertThat(DockerArchive.familiar(DockerReference.parse("ghcr.io/o/x:2"))).isEqualTo("ghcr.io/o/x:2");
        assertThat(DockerArchive.familiar(DockerReference.parse("localhost:5000/x:2"))).isEqualTo("localhost:5000/x:2");
    }
}
