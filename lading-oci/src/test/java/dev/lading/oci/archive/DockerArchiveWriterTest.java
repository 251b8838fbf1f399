package dev.lading.oci.archive;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lading.oci.Descriptor;
import dev.lading.oci.Digest;
import dev.lading.oci.DockerReference;
import dev.lading.oci.Index;
import dev.lading.oci.Json;
import dev.lading.oci.Manifest;
import dev.lading.oci.MediaType;
import dev.lading.oci.OciException;
import dev.lading.oci.Platform;
import dev.lading.oci.archive.ArchiveFixtures.Image;
import dev.lading.oci.archive.DockerArchive.Selection;
import dev.lading.oci.archive.DockerArchiveReader.ManifestSource;
import dev.lading.oci.content.ContentReader;
import dev.lading.oci.content.DigestMismatchException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.lading.oci.archive.ArchiveFixtures.gzip;
import static dev.lading.oci.archive.ArchiveFixtures.layer;
import static dev.lading.oci.archive.ArchiveFixtures.legacyArchive;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DockerArchiveWriterTest {

    @TempDir
    Path dir;

    private final byte[] base = layer(Map.of("etc/os-release", "ID=test\n", "bin/app", "#!/bin/sh\necho hi\n"));
    private final byte[] top = layer("app/config.yaml", "port: 8080\n");

    /** Copies the root image of {@code source} into {@code writer}, as the copy engine does: blobs, then commit. */
    static void copy(ContentReader source, DockerArchiveWriter writer) throws IOException {
        Descriptor root = source.resolve();
        byte[] raw = source.fetchManifest(root);
        Manifest m = Manifest.parse(raw);
        List<Descriptor> blobs = new ArrayList<>();
        blobs.add(m.config());
        blobs.addAll(m.layers());
        for (Descriptor d : blobs) {
            if (!writer.hasBlob(d)) {
                try (InputStream in = source.openBlob(d)) {
                    writer.writeBlob(d, in);
                }
            }
        }
        writer.commit(root, raw);
    }

    private Path legacy(Image image) throws IOException {
        return legacyArchive(image).writeTo(dir.resolve("source.tar"));
    }

    private Path writeCopy(Path source, String target, String tag) throws IOException {
        Path out = dir.resolve(target);
        try (DockerArchiveReader r = DockerArchive.open(source, Selection.ONLY);
             DockerArchiveWriter w = DockerArchive.create(out, tag == null ? null : DockerReference.parse(tag))) {
            copy(r, w);
        }
        return out;
    }

    @Test
    void roundTripKeepsConfigLayersAndTheManifestDigest() throws IOException {
        byte[] gz = gzip(top);
        Image image = ArchiveFixtures.image(List.of("app:1"), List.of(base, gz), List.of(base, top));
        Path source = legacy(image);
        Path out = writeCopy(source, "out.tar", "docker.io/library/app:1");

        try (DockerArchiveReader original = DockerArchive.open(source, Selection.ONLY);
             DockerArchiveReader copied = DockerArchive.open(out, Selection.parse("app:1"))) {
            assertThat(copied.manifestSource()).isEqualTo(ManifestSource.OCI_LAYOUT);
            assertThat(copied.resolve().digest()).isEqualTo(original.resolve().digest());
            assertThat(copied.readBlob(copied.manifest().config())).isEqualTo(image.config());
            assertThat(copied.config().diffIds()).isEqualTo(original.config().diffIds());
            assertThat(copied.manifest().layers()).isEqualTo(original.manifest().layers());
            try (InputStream in = copied.openBlob(copied.manifest().layers().get(1))) {
                assertThat(in.readAllBytes()).isEqualTo(gz); // compressed layers are archived as they are
            }
            assertThat(copied.selectedImage().repoTags()).containsExactly("app:1");
        }
    }

    @Test
    void streamsLayersLargerThanAnyBuffer() throws IOException {
        // 3 MiB of incompressible content across many tar entries: every buffer boundary is crossed many times
        java.util.Random random = new java.util.Random(42);
        ArchiveFixtures.TarBuilder big = new ArchiveFixtures.TarBuilder();
        for (int i = 0; i < 48; i++) {
            byte[] chunk = new byte[64 * 1024 + i];
            random.nextBytes(chunk);
            big.file("data/" + i + ".bin", chunk);
        }
        byte[] bigTar = big.bytes();
        byte[] bigGz = gzip(bigTar);
        Image image = ArchiveFixtures.image(List.of("big:1"), List.of(base, bigGz), List.of(base, bigTar));
        Path out = writeCopy(legacy(image), "big.tar", "big:1");
        try (DockerArchiveReader r = DockerArchive.open(out, Selection.ONLY)) {
            Descriptor layer = r.manifest().layers().get(1);
            assertThat(layer.mediaType()).isEqualTo(MediaType.OCI_LAYER_GZIP);
            assertThat(layer.size()).isEqualTo(bigGz.length);
            try (InputStream in = r.openBlob(layer)) {
                assertThat(Digest.sha256(in.readAllBytes())).isEqualTo(Digest.sha256(bigGz));
            }
            assertThat(r.config().diffIds().get(1)).isEqualTo(Digest.sha256(bigTar));
        }
    }

    @Test
    void writesDocker25LayoutWithDeterministicEntries() throws IOException {
        Image image = ArchiveFixtures.plainImage(List.of("x:1"), base, top);
        Path out = writeCopy(legacy(image), "out.tar", "docker.io/library/x:1");

        Map<String, byte[]> files = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(Files.newInputStream(out))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                names.add(e.getName());
                assertThat(e.getModTime().getTime()).as(e.getName()).isZero();
                assertThat(e.getLongUserId()).isZero();
                assertThat(e.getLongGroupId()).isZero();
                assertThat(e.getUserName()).isEmpty();
                assertThat(e.getGroupName()).isEmpty();
                assertThat(e.getMode() & 07777).isEqualTo(e.isDirectory() ? 0755 : 0644);
                if (e.isFile()) {
                    files.put(e.getName(), tar.readAllBytes());
                }
            }
        }
        assertThat(names).isSorted();
        assertThat(names).startsWith("blobs/", "blobs/sha256/").endsWith("index.json", "manifest.json", "oci-layout", "repositories");

        JsonNode manifestJson = Json.mapper().readTree(files.get("manifest.json"));
        assertThat(manifestJson).hasSize(1);
        assertThat(manifestJson.get(0).get("Config").asText()).isEqualTo("blobs/sha256/" + image.configDigest().hex());
        assertThat(manifestJson.get(0).get("RepoTags").get(0).asText()).isEqualTo("x:1");
        assertThat(manifestJson.get(0).get("Layers").get(1).asText()).isEqualTo("blobs/sha256/" + Digest.sha256(top).hex());

        Index index = Index.parse(files.get("index.json"));
        Descriptor root = index.manifests().get(0);
        assertThat(root.annotation("io.containerd.image.name")).isEqualTo("docker.io/library/x:1");
        assertThat(root.annotation(Descriptor.ANNOTATION_REF_NAME)).isEqualTo("1");
        assertThat(root.platform()).isEqualTo(Platform.of("linux", "amd64", null));
        byte[] manifestBlob = files.get("blobs/sha256/" + root.digest().hex());
        assertThat(Digest.sha256(manifestBlob)).isEqualTo(root.digest());

        assertThat(new String(files.get("oci-layout"), StandardCharsets.UTF_8)).isEqualTo("{\"imageLayoutVersion\":\"1.0.0\"}");
        JsonNode repositories = Json.mapper().readTree(files.get("repositories"));
        assertThat(repositories.get("x").get("1").asText()).isEqualTo(Digest.sha256(top).hex());
    }

    @Test
    void sameImageGivesTheSameBytes() throws IOException {
        Path source = legacy(ArchiveFixtures.plainImage(List.of("x:1"), base, top));
        Path first = writeCopy(source, "first.tar", "x:1");
        Path second = writeCopy(source, "second.tar", "x:1");
        assertThat(Files.readAllBytes(first)).isEqualTo(Files.readAllBytes(second));
        assertThat(Files.readAllBytes(writeCopy(source, "other-tag.tar", "x:2"))).isNotEqualTo(Files.readAllBytes(first));
    }

    @Test
    void untaggedImagesHaveNullRepoTagsAndNoRepositoriesFile() throws IOException {
        Path out = writeCopy(legacy(ArchiveFixtures.plainImage(List.of("x:1"), base)), "untagged.tar", null);
        try (DockerArchiveReader r = DockerArchive.open(out, Selection.ONLY)) {
            assertThat(r.selectedImage().repoTags()).isEmpty();
        }
        try (TarArchiveInputStream tar = new TarArchiveInputStream(Files.newInputStream(out))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                assertThat(e.getName()).isNotEqualTo("repositories");
                if (e.getName().equals("manifest.json")) {
                    assertThat(new String(tar.readAllBytes(), StandardCharsets.UTF_8)).contains("\"RepoTags\":null");
                }
            }
        }
    }

    @Test
    void replacesAnExistingFileAndLeavesNoSpoolBehind() throws IOException {
        Path out = dir.resolve("out.tar");
        Files.writeString(out, "old content");
        writeCopy(legacy(ArchiveFixtures.plainImage(List.of("x:1"), base)), "out.tar", "x:1");
        try (DockerArchiveReader r = DockerArchive.open(out, Selection.ONLY)) {
            assertThat(r.manifest().layers()).hasSize(1);
        }
        assertThat(leftovers()).isEmpty();
    }

    private List<String> leftovers() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
        }
    }

    @Test
    void refusesAnIndexAndCleansUp() throws IOException {
        Path out = dir.resolve("multi.tar");
        byte[] config = ArchiveFixtures.config(List.of(base));
        Descriptor configDescriptor = Descriptor.of(MediaType.OCI_CONFIG, config);
        byte[] index = Index.oci(List.of(Descriptor.of(MediaType.OCI_MANIFEST, "{}".getBytes(StandardCharsets.UTF_8))
                .withPlatform(Platform.of("linux", "amd64", null)))).toJson();
        try (DockerArchiveWriter w = DockerArchive.create(out, DockerReference.parse("x:1"))) {
            w.writeBlob(configDescriptor, new ByteArrayInputStream(config));
            assertThat(w.hasBlob(configDescriptor)).isTrue();
            assertThatThrownBy(() -> w.commit(Descriptor.of(MediaType.OCI_INDEX, index), index))
                    .isInstanceOf(OciException.class)
                    .hasMessageContaining("single-platform")
                    .hasMessageContaining("select one platform");
            assertThatThrownBy(() -> w.writeBlob(configDescriptor, new ByteArrayInputStream(config)))
                    .isInstanceOf(IllegalStateException.class);
        }
        assertThat(out).doesNotExist();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aStreamThatVerifiesItselfIsTrustedOnlyForItsOwnDigest() throws IOException {
        byte[] config = ArchiveFixtures.config(List.of(base));
        Descriptor d = Descriptor.of(MediaType.OCI_CONFIG, config);
        byte[] evil = config.clone();
        evil[0] ^= 1;
        try (DockerArchiveWriter w = DockerArchive.create(dir.resolve("v.tar"), DockerReference.parse("x:1"))) {
            // a download verifying against d still fails at EOF on lying bytes, and nothing is kept
            assertThatThrownBy(() -> w.writeBlob(d, new dev.lading.oci.content.VerifyingInputStream(new ByteArrayInputStream(evil), d, "blob")))
                    .isInstanceOf(dev.lading.oci.content.DigestMismatchException.class);
            assertThat(w.hasBlob(d)).isFalse();
            // proof for another descriptor is no proof for this one
            Descriptor other = Descriptor.of(MediaType.OCI_CONFIG, evil);
            assertThatThrownBy(() -> w.writeBlob(d, new dev.lading.oci.content.VerifyingInputStream(new ByteArrayInputStream(evil), other, "blob")))
                    .isInstanceOf(dev.lading.oci.content.DigestMismatchException.class);
            assertThat(w.hasBlob(d)).isFalse();
            w.writeBlob(d, new dev.lading.oci.content.VerifyingInputStream(new ByteArrayInputStream(config), d, "blob"));
            assertThat(w.hasBlob(d)).isTrue();
        }
    }

    @Test
    void refusesACommitWithMissingBlobsOrWrongDiffIds() throws IOException {
        byte[] config = ArchiveFixtures.config(List.of(base));
        Descriptor configDescriptor = Descriptor.of(MediaType.OCI_CONFIG, config);
        Descriptor baseDescriptor = Descriptor.of(MediaType.OCI_LAYER, base);
        Descriptor topDescriptor = Descriptor.of(MediaType.OCI_LAYER, top);

        byte[] missing = Manifest.oci(configDescriptor, List.of(baseDescriptor), null).toJson();
        try (DockerArchiveWriter w = DockerArchive.create(dir.resolve("a.tar"), null)) {
            w.writeBlob(configDescriptor, new ByteArrayInputStream(config));
            assertThatThrownBy(() -> w.commit(Descriptor.of(MediaType.OCI_MANIFEST, missing), missing))
                    .isInstanceOf(OciException.class)
                    .hasMessageContaining("layer 1 blob " + baseDescriptor.digest() + " was not written");
        }

        byte[] wrong = Manifest.oci(configDescriptor, List.of(topDescriptor), null).toJson();
        try (DockerArchiveWriter w = DockerArchive.create(dir.resolve("b.tar"), null)) {
            w.writeBlob(configDescriptor, new ByteArrayInputStream(config));
            w.writeBlob(topDescriptor, new ByteArrayInputStream(top));
            assertThatThrownBy(() -> w.commit(Descriptor.of(MediaType.OCI_MANIFEST, wrong), wrong))
                    .isInstanceOf(OciException.class)
                    .hasMessageContaining("has diffID " + Digest.sha256(top))
                    .hasMessageContaining("rootfs.diff_ids[0] is " + Digest.sha256(base));
        }
        assertThat(dir.resolve("a.tar")).doesNotExist();
        assertThat(dir.resolve("b.tar")).doesNotExist();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void refusesArtifacts() throws IOException {
        byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
        Descriptor configDescriptor = Descriptor.of("application/vnd.example.sbom+json", config);
        byte[] m = Manifest.oci(configDescriptor, List.of(), null).toJson();
        try (DockerArchiveWriter w = DockerArchive.create(dir.resolve("art.tar"), null)) {
            w.writeBlob(configDescriptor, new ByteArrayInputStream(config));
            assertThatThrownBy(() -> w.commit(Descriptor.of(MediaType.OCI_MANIFEST, m), m))
                    .isInstanceOf(OciException.class).hasMessageContaining("artifact");
        }
    }

    @Test
    void refusesABlobThatDoesNotMatchItsDescriptor() throws IOException {
        Descriptor claimed = Descriptor.of(MediaType.OCI_LAYER, base);
        try (DockerArchiveWriter w = DockerArchive.create(dir.resolve("c.tar"), null)) {
            assertThatThrownBy(() -> w.writeBlob(claimed, new ByteArrayInputStream(top)))
                    .isInstanceOf(DigestMismatchException.class);
            assertThat(w.hasBlob(claimed)).isFalse();
            // the spool holds no partial file either
            try (Stream<Path> spool = Files.list(dir).filter(p -> p.getFileName().toString().contains(".spool-"))) {
                Path s = spool.findFirst().orElseThrow();
                try (Stream<Path> inside = Files.list(s)) {
                    assertThat(inside).isEmpty();
                }
            }
        }
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void closingWithoutCommitWritesNothing() throws IOException {
        Path out = dir.resolve("aborted.tar");
        try (DockerArchiveWriter w = DockerArchive.create(out, DockerReference.parse("x:1"))) {
            w.writeBlob(Descriptor.of(MediaType.OCI_LAYER, base), new ByteArrayInputStream(base));
        }
        assertThat(out).doesNotExist();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void refusesADigestAsTag() {
        assertThatThrownBy(() -> DockerArchive.create(dir.resolve("d.tar"),
                DockerReference.parse("x@sha256:" + "a".repeat(64))))
                .isInstanceOf(OciException.class).hasMessageContaining("name:tag");
    }
}
