package dev.lading.oci.archive;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lading.oci.Digest;
import dev.lading.oci.DockerReference;
import dev.lading.oci.ImageConfig;
import dev.lading.oci.Index;
import dev.lading.oci.Json;
import dev.lading.oci.Manifest;
import dev.lading.oci.MediaType;
import dev.lading.oci.archive.DockerArchive.Selection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** The archives against the reference implementation of these transports, skopeo (containers/image). */
@Tag("integration")
class SkopeoInteropTest {

    private static final Path SKOPEO = Path.of("/usr/bin/skopeo");

    @TempDir
    Path dir;

    @BeforeAll
    static void skopeoIsInstalled() {
        if (!Files.isExecutable(SKOPEO)) {
            fail("skopeo not installed: apt-get install skopeo (the integration tests check lading's archives against it)");
        }
    }

    private String skopeo(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(SKOPEO.toString(), "--insecure-policy"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (InputStream in = p.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("skopeo timed out: " + command);
        }
        assertThat(p.exitValue()).as("%s\n%s", command, output).isZero();
        return output;
    }

    /** The one manifest of the hand-written layout, and its config. */
    private static Manifest layoutManifest(Path layout) throws IOException {
        Index index = Index.parse(Files.readAllBytes(layout.resolve("index.json")));
        Digest d = index.manifests().get(0).digest();
        return Manifest.parse(Files.readAllBytes(layout.resolve("blobs/" + d.algorithm() + "/" + d.hex())));
    }

    @Test
    void readsWhatSkopeoWritesToADockerArchive() throws Exception {
        Path layout = OciArchiveTest.writeLayout(dir.resolve("layout"), "v1");
        Manifest original = layoutManifest(layout);
        Path archive = dir.resolve("skopeo.tar");
        skopeo("copy", "oci:" + layout + ":v1", "docker-archive:" + archive + ":example.com/team/app:v1");

        try (DockerArchiveReader r = DockerArchive.open(archive, Selection.parse("example.com/team/app:v1"))) {
            assertThat(r.selectedImage().repoTags()).containsExactly("example.com/team/app:v1");
            assertThat(r.manifest().config().digest()).isEqualTo(original.config().digest());
            byte[] config = r.readBlob(r.manifest().config());
            assertThat(Digest.sha256(config)).isEqualTo(original.config().digest());
            assertThat(ImageConfig.parse(config).diffIds()).hasSize(1);
            // skopeo 1.9 stores layers uncompressed (the gzip layer was decompressed on the way)
            try (InputStream in = r.openBlob(r.manifest().layers().get(0))) {
                assertThat(Digest.sha256(in.readAllBytes())).isEqualTo(ImageConfig.parse(config).diffIds().get(0));
            }
        }
    }

    @Test
    void skopeoReadsWhatTheWriterWrites() throws Exception {
        Path layout = OciArchiveTest.writeLayout(dir.resolve("layout"), "v1");
        Manifest original = layoutManifest(layout);
        // build a docker-archive from the layout by way of a legacy archive is not needed: feed the writer directly
        Path archive = dir.resolve("lading.tar");
        try (DockerArchiveWriter w = DockerArchive.create(archive, DockerReference.parse("example.com/team/app:v1"))) {
            for (var d : List.of(original.config(), original.layers().get(0))) {
                try (InputStream in = Files.newInputStream(layout.resolve("blobs/sha256/" + d.digest().hex()))) {
                    w.writeBlob(d, in);
                }
            }
            Index index = Index.parse(Files.readAllBytes(layout.resolve("index.json")));
            var root = index.manifests().get(0);
            w.commit(root, Files.readAllBytes(layout.resolve("blobs/sha256/" + root.digest().hex())));
        }

        JsonNode inspect = Json.mapper().readTree(skopeo("inspect", "docker-archive:" + archive));
        assertThat(inspect.get("RepoTags")).isNotNull();
        assertThat(inspect.get("Layers")).hasSize(1);
        assertThat(inspect.get("Os").asText()).isEqualTo("linux");
        JsonNode config = Json.mapper().readTree(skopeo("inspect", "--config", "docker-archive:" + archive));
        assertThat(config.get("rootfs").get("diff_ids").get(0).asText())
                .isEqualTo(ImageConfig.parse(Files.readAllBytes(layout.resolve("blobs/sha256/" + original.config().digest().hex())))
                        .diffIds().get(0).toString());

        Path copied = dir.resolve("copied");
        skopeo("copy", "docker-archive:" + archive, "oci:" + copied + ":x");
        Manifest m = layoutManifest(copied);
        assertThat(m.config().digest()).isEqualTo(original.config().digest());
        assertThat(m.layers()).hasSize(1);

        // and a tag given by name selects the image in skopeo too
        skopeo("inspect", "docker-archive:" + archive + ":example.com/team/app:v1");

        // GNU tar lists it without a warning (docker load's untar is Go's archive/tar, which skopeo used above)
        String listing = run(List.of("tar", "--list", "--verbose", "--file", archive.toString()));
        assertThat(listing).contains("manifest.json", "oci-layout", "index.json", "repositories")
                .doesNotContain("warning", "Warning", "PaxHeaders");
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (InputStream in = p.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("timed out: " + command);
        }
        assertThat(p.exitValue()).as("%s\n%s", command, output).isZero();
        return output;
    }

    @Test
    void skopeoReadsAPackedOciArchiveAndItsArchivesExtract() throws Exception {
        Path layout = OciArchiveTest.writeLayout(dir.resolve("layout"), "v1");
        Path packed = dir.resolve("packed.tar");
        OciArchive.pack(layout, packed);
        JsonNode inspect = Json.mapper().readTree(skopeo("inspect", "oci-archive:" + packed + ":v1"));
        assertThat(inspect.get("Digest").asText())
                .isEqualTo(Index.parse(Files.readAllBytes(layout.resolve("index.json"))).manifests().get(0).digest().toString());

        String listing = run(List.of("tar", "--list", "--verbose", "--file", packed.toString()));
        assertThat(listing).contains(" 0/0 ", "1970-01-01 00:00", "oci-layout").doesNotContain("arning");

        Path skopeoArchive = dir.resolve("skopeo-oci.tar");
        skopeo("copy", "oci:" + layout + ":v1", "oci-archive:" + skopeoArchive + ":v2");
        Path extracted = dir.resolve("extracted");
        OciArchive.extract(skopeoArchive, extracted);
        Index index = Index.parse(Files.readAllBytes(extracted.resolve("index.json")));
        assertThat(index.manifests()).hasSize(1);
        assertThat(index.manifests().get(0).annotation("org.opencontainers.image.ref.name")).isEqualTo("v2");
        Manifest m = layoutManifest(extracted);
        assertThat(m.layers()).extracting(d -> d.mediaType()).containsExactly(MediaType.OCI_LAYER_GZIP);
        for (var d : List.of(m.config(), m.layers().get(0))) {
            assertThat(Digest.sha256(Files.readAllBytes(extracted.resolve("blobs/sha256/" + d.digest().hex()))))
                    .isEqualTo(d.digest());
        }
    }
}
