package dev.lading.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lading.oci.Json;
import dev.lading.oci.Platform;
import dev.lading.oci.layout.OciLayout;
import dev.lading.oci.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** inspect, copy, tag, images and gc on OCI layouts and the store, through the real command line. */
class LayoutCommandsTest {

    @TempDir
    Path tmp;

    private TestImages.Image image;
    private Path src;

    private void source() throws Exception {
        image = TestImages.simple();
        src = tmp.resolve("src");
        TestImages.store(OciLayout.createOrOpen(src), image, "v1");
    }

    @Test
    void inspectShowsWhatAUserLooksFor() throws Exception {
        source();
        Cli.Result r = Cli.run("inspect", "oci:" + src + ":v1");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Digest:        " + image.manifestDescriptor().digest())
                .contains("Platform:      linux/amd64")
                .contains("User:          65532")
                .contains("Entrypoint:    [\"/app/run.sh\"]")
                .contains("org.opencontainers.image.version=1.0")
                .contains("Layers (2,");
    }

    @Test
    void inspectJsonRawAndConfig() throws Exception {
        source();
        Cli.Result json = Cli.run("inspect", "--format", "json", "oci:" + src + ":v1");
        JsonNode n = Json.mapper().readTree(json.out());
        assertThat(n.get("Digest").asText()).isEqualTo(image.manifestDescriptor().digest().toString());
        assertThat(n.get("Architecture").asText()).isEqualTo("amd64");
        assertThat(n.get("LayersData")).hasSize(2);
        assertThat(n.get("User").asText()).isEqualTo("65532");

        Cli.Result raw = Cli.run("inspect", "--raw", "oci:" + src + ":v1");
        assertThat(raw.out()).isEqualTo(new String(image.manifest(), java.nio.charset.StandardCharsets.UTF_8));
        Cli.Result config = Cli.run("inspect", "--config", "oci:" + src + ":v1");
        assertThat(config.out()).isEqualTo(new String(image.config(), java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void inspectAnIndexListsPlatformsAndPicksOne() throws Exception {
        Path dir = tmp.resolve("multi");
        TestImages.Image arm = TestImages.image(Platform.of("linux", "arm64", "v8"),
                List.of(TestImages.layer(Map.of("arm", "arm"))), null);
        TestImages.storeIndex(OciLayout.createOrOpen(dir), "m", TestImages.simple(), arm);
        Cli.Result r = Cli.run("inspect", "oci:" + dir + ":m");
        assertThat(r.out()).contains("multi-platform index").contains("linux/amd64").contains("linux/arm64/v8");
        Cli.Result one = Cli.run("inspect", "--platform", "linux/arm64", "oci:" + dir + ":m");
        assertThat(one.out()).contains("Digest:        " + arm.manifestDescriptor().digest()).contains("Platform:      linux/arm64/v8");
    }

    @Test
    void copyKeepsTheDigestAndSkipsWhatIsThere() throws Exception {
        source();
        Path dst = tmp.resolve("dst");
        Cli.Result r = Cli.run("copy", "--progress", "plain", "oci:" + src + ":v1", "oci:" + dst + ":copied");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("3 blobs sent").contains(image.manifestDescriptor().digest().toString());
        assertThat(OciLayout.open(dst).resolveReference("copied").digest()).isEqualTo(image.manifestDescriptor().digest());

        Cli.Result again = Cli.run("copy", "-q", "--digestfile", tmp.resolve("d").toString(), "oci:" + src + ":v1", "oci:" + dst + ":again");
        assertThat(again.exitCode()).isZero();
        assertThat(again.err()).isEmpty();
        assertThat(Files.readString(tmp.resolve("d"))).isEqualTo(image.manifestDescriptor().digest().toString());
    }

    @Test
    void theStoreHoldsTaggedImagesAndGcCleansIt() throws Exception {
        source();
        Map<String, String> env = Map.of("LADING_HOME", tmp.resolve("home").toString());
        Cli.Result copy = Cli.runProcess(env, "copy", "-q", "oci:" + src + ":v1", "store:app:dev");
        assertThat(copy.exitCode()).as(copy.err()).isZero();
        Cli.Result tag = Cli.runProcess(env, "tag", "store:app:dev", "store:app:1.0");
        assertThat(tag.exitCode()).as(tag.err()).isZero();
        Cli.Result images = Cli.runProcess(env, "images", "-q");
        assertThat(images.out().lines()).containsExactly("docker.io/library/app:dev", "docker.io/library/app:1.0");
        // a bare name finds the store image first
        Cli.Result inspect = Cli.runProcess(env, "inspect", "app:1.0");
        assertThat(inspect.out()).contains(image.manifestDescriptor().digest().toString());

        OciLayout store = OciLayout.open(tmp.resolve("home/store"));
        store.untag("docker.io/library/app:dev");
        store.untag("docker.io/library/app:1.0");
        Cli.Result gc = Cli.runProcess(env, "gc");
        assertThat(gc.out()).contains("Removed 4 blobs");
        assertThat(Cli.runProcess(env, "gc").out()).contains("Removed 0 blobs");
    }

    @Test
    void gcEmptiesThePoolOfExtractedFilesBuildsKeep() throws Exception {
        Map<String, String> env = Map.of("LADING_HOME", tmp.resolve("home").toString());
        Path pooled = tmp.resolve("home/cache/files/ab/ab12");
        Files.createDirectories(pooled.getParent());
        Files.writeString(pooled, "kept for the next working root");
        assertThat(Cli.runProcess(env, "gc", "--dry-run").out()).contains("Would remove 1 extracted files");
        assertThat(pooled).exists();
        assertThat(Cli.runProcess(env, "gc").out()).contains("Removed 1 extracted files");
        assertThat(tmp.resolve("home/cache/files")).doesNotExist();
        assertThat(Cli.runProcess(env, "gc").out()).doesNotContain("extracted files");
    }

    @Test
    void errorsNameTheProblemAndUseTheDocumentedExitCodes() throws Exception {
        Cli.Result missing = Cli.run("inspect", "oci:" + tmp.resolve("nope") + ":x");
        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(missing.err()).contains("is not an OCI image layout").doesNotContain("Exception");

        source();
        Cli.Result noTag = Cli.run("inspect", "oci:" + src + ":v9");
        assertThat(noTag.exitCode()).isEqualTo(3);
        assertThat(noTag.err()).contains("no image named 'v9'").contains("v1");

        Cli.Result badRef = Cli.run("inspect", "docker://UPPER/Case:x");
        assertThat(badRef.exitCode()).isEqualTo(2);

        Cli.Result badFlag = Cli.run("copy", "--bogus", "a", "b");
        assertThat(badFlag.exitCode()).isEqualTo(2);
        assertThat(badFlag.err()).contains("--bogus");

        Cli.Result both = Cli.run("copy", "--all", "--platform", "linux/amd64", "oci:" + src + ":v1", "oci:" + tmp.resolve("x"));
        assertThat(both.exitCode()).isEqualTo(2);
    }
}
