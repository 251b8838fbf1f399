package dev.lading.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lading.oci.Json;
import dev.lading.oci.Platform;
import dev.lading.oci.layout.OciLayout;
import dev.lading.oci.testing.TestImages;
import dev.lading.oci.testing.Tools;
import dev.lading.registry.testing.RegistryFixture;
import dev.lading.registry.testing.TestPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** copy, tag, inspect, login and logout against a real docker-registry, checked with skopeo. */
@Tag("integration")
class RegistryCommandsTest {

    static RegistryFixture registry;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws Exception {
        Tools.require("skopeo", "skopeo");
        registry = RegistryFixture.anonymous();
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    private String ref(String repoTag) {
        return "docker://" + registry.host() + "/" + repoTag;
    }

    @Test
    void pushPullAndRepushKeepDigestsAndSkipExistingBlobs() throws Exception {
        TestImages.Image image = TestImages.simple();
        Path src = tmp.resolve("src");
        TestImages.store(OciLayout.createOrOpen(src), image, "v1");
        String digest = image.manifestDescriptor().digest().toString();

        Cli.Result push = Cli.run("copy", "--progress", "plain", "oci:" + src + ":v1", ref("team/app:1.0"));
        assertThat(push.exitCode()).as(push.err()).isZero();
        assertThat(push.err()).contains("3 blobs sent");

        JsonNode skopeo = Json.mapper().readTree(Tools.ok(null, "skopeo", "inspect", "--tls-verify=false", ref("team/app:1.0")));
        assertThat(skopeo.get("Digest").asText()).isEqualTo(digest);
        // skopeo pulls what lading pushed, byte for byte
        Path bySkopeo = tmp.resolve("by-skopeo");
        Tools.ok(null, "skopeo", "copy", "--src-tls-verify=false", ref("team/app:1.0"), "oci:" + bySkopeo + ":pulled");
        assertThat(OciLayout.open(bySkopeo).resolveReference("pulled").digest().toString()).isEqualTo(digest);

        Cli.Result again = Cli.run("copy", "--progress", "plain", "oci:" + src + ":v1", ref("team/app:1.0"));
        assertThat(again.err()).contains("0 blobs sent").contains("3 already there");

        Path pulled = tmp.resolve("pulled");
        Cli.Result pull = Cli.run("copy", "-q", ref("team/app:1.0"), "oci:" + pulled + ":app");
        assertThat(pull.exitCode()).as(pull.err()).isZero();
        assertThat(OciLayout.open(pulled).resolveReference("app").digest().toString()).isEqualTo(digest);

        Cli.Result inspect = Cli.run("inspect", ref("team/app:1.0"));
        assertThat(inspect.out()).contains("Digest:        " + digest).contains("Tags:          1.0");
    }

    @Test
    void tagReusesBlobsAndMountsAcrossRepositories() throws Exception {
        TestImages.Image image = TestImages.simple();
        Path src = tmp.resolve("src");
        TestImages.store(OciLayout.createOrOpen(src), image, "v1");
        assertThat(Cli.run("copy", "-q", "oci:" + src + ":v1", ref("tagme/app:1.2.3")).exitCode()).isZero();

        Cli.Result tag = Cli.run("tag", registry.host() + "/tagme/app:1.2.3", registry.host() + "/tagme/app:1.2",
                registry.host() + "/other/app:1");
        assertThat(tag.exitCode()).as(tag.err()).isZero();
        assertThat(tag.err()).doesNotContain("blobs copied");
        for (String r : List.of("tagme/app:1.2", "other/app:1")) {
            JsonNode n = Json.mapper().readTree(Tools.ok(null, "skopeo", "inspect", "--tls-verify=false", ref(r)));
            assertThat(n.get("Digest").asText()).isEqualTo(image.manifestDescriptor().digest().toString());
        }
    }

    @Test
    void copyAllKeepsTheIndexAndPlatformPicksOne() throws Exception {
        Path src = tmp.resolve("multi");
        TestImages.Image arm = TestImages.image(Platform.of("linux", "arm64", "v8"),
                List.of(TestImages.layer(Map.of("arm", "arm"))), null);
        var index = TestImages.storeIndex(OciLayout.createOrOpen(src), "m", TestImages.simple(), arm);
        assertThat(Cli.run("copy", "-q", "--all", "oci:" + src + ":m", ref("multi/app:1")).exitCode()).isZero();
        String raw = Tools.ok(null, "skopeo", "inspect", "--raw", "--tls-verify=false", ref("multi/app:1"));
        assertThat(raw).contains("linux").contains("arm64");
        Cli.Result listing = Cli.run("inspect", ref("multi/app:1"));
        assertThat(listing.out()).contains(index.digest().toString()).contains("linux/arm64/v8");

        Path one = tmp.resolve("one");
        assertThat(Cli.run("copy", "-q", "--platform", "linux/arm64", ref("multi/app:1"), "oci:" + one + ":arm").exitCode()).isZero();
        assertThat(OciLayout.open(one).resolveReference("arm").digest()).isEqualTo(arm.manifestDescriptor().digest());
    }

    @Test
    void missingImagesAreReportedClearly() {
        Cli.Result r = Cli.run("inspect", ref("nothing/here:1"));
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains("nothing/here").doesNotContain("Exception:");
    }

    @Test
    void registriesConfMirrorsAndBlockedRegistriesApplyToCopy() throws Exception {
        TestImages.Image image = TestImages.simple();
        Path src = tmp.resolve("src");
        TestImages.store(OciLayout.createOrOpen(src), image, "v1");
        String digest = image.manifestDescriptor().digest().toString();
        try (RegistryFixture mirror = RegistryFixture.anonymous()) {
            assertThat(Cli.run("copy", "-q", "oci:" + src + ":v1", "docker://" + mirror.host() + "/hub/team/app:1").exitCode()).isZero();
            // the primary is a registry that does not exist: only the mirror can serve the pull
            Path conf = Files.writeString(tmp.resolve("registries.conf"), """
                    [[registry]]
                    location = "primary.invalid:5000"
                    [[registry.mirror]]
                    location = "%s/hub"
                    insecure = true

                    [[registry]]
                    location = "blocked.invalid"
                    blocked = true
                    """.formatted(mirror.host()));
            Path pulled = tmp.resolve("via-mirror");
            Cli.Result pull = Cli.run("copy", "-q", "--registries-conf", conf.toString(),
                    "docker://primary.invalid:5000/team/app:1", "oci:" + pulled + ":app");
            assertThat(pull.exitCode()).as(pull.err()).isZero();
            assertThat(OciLayout.open(pulled).resolveReference("app").digest().toString()).isEqualTo(digest);

            Cli.Result blocked = Cli.run("copy", "-q", "--registries-conf", conf.toString(),
                    "oci:" + src + ":v1", "docker://blocked.invalid/team/app:1");
            assertThat(blocked.exitCode()).isEqualTo(3);
            assertThat(blocked.err()).contains("registry blocked.invalid is blocked in " + conf).doesNotContain("Exception:");

            Cli.Result missing = Cli.run("copy", "-q", "--registries-conf", tmp.resolve("nope.conf").toString(),
                    "docker://primary.invalid:5000/team/app:1", "oci:" + pulled + ":app");
            assertThat(missing.exitCode()).isEqualTo(2);
        }
    }

    @Test
    void certDirGivesTheCaAndClientCertificateForAMutualTlsRegistry() throws Exception {
        Path pki = tmp.resolve("pki");
        TestPki serverCa = TestPki.create(pki.resolve("server"), "server");
        TestPki clientCa = TestPki.create(pki.resolve("clients"), "clients");
        Path[] server = serverCa.server("registry");
        Path[] client = clientCa.client("ci", false);
        try (RegistryFixture tls = RegistryFixture.tls(server[0], server[1], clientCa.caCertificate())) {
            TestImages.Image image = TestImages.simple();
            Path src = tmp.resolve("src");
            TestImages.store(OciLayout.createOrOpen(src), image, "v1");
            Path certs = Files.createDirectories(tmp.resolve("certs"));
            Files.copy(serverCa.caCertificate(), certs.resolve("ca.crt"));
            Files.copy(client[0], certs.resolve("client.cert"));
            Files.copy(client[1], certs.resolve("client.key"));
            String dst = "docker://" + tls.host() + "/secure/app:1";

            Cli.Result without = Cli.run("copy", "-q", "oci:" + src + ":v1", dst);
            assertThat(without.exitCode()).isEqualTo(3);
            assertThat(without.err()).contains("HTTPS").contains("certs.d");

            Cli.Result push = Cli.run("copy", "-q", "--cert-dir", certs.toString(), "oci:" + src + ":v1", dst);
            assertThat(push.exitCode()).as(push.err()).isZero();
            Cli.Result inspect = Cli.run("inspect", "--cert-dir", certs.toString(), dst);
            assertThat(inspect.out()).contains(image.manifestDescriptor().digest().toString());
        }
    }

    @Test
    void loginSavesCredentialsThatCopyUsesAndLogoutRemovesThem() throws Exception {
        try (RegistryFixture secured = RegistryFixture.basicAuth("ci", "s3cret-pass")) {
            Path auth = tmp.resolve("auth.json");
            TestImages.Image image = TestImages.simple();
            Path src = tmp.resolve("src");
            TestImages.store(OciLayout.createOrOpen(src), image, "v1");
            String dst = "docker://" + secured.host() + "/private/app:1";

            Cli.Result denied = Cli.run("copy", "-q", "--authfile", auth.toString(), "oci:" + src + ":v1", dst);
            assertThat(denied.exitCode()).isEqualTo(3);
            assertThat(denied.err()).contains("lading login");

            Cli.Result wrong = Cli.run("login", "--authfile", auth.toString(), secured.host(), "-u", "ci", "-p", "wrong-pass");
            assertThat(wrong.exitCode()).isEqualTo(3);
            assertThat(wrong.err()).doesNotContain("wrong-pass");
            assertThat(Files.exists(auth)).isFalse();

            Cli.Result login = Cli.run("login", "--authfile", auth.toString(), secured.host(), "-u", "ci", "-p", "s3cret-pass");
            assertThat(login.exitCode()).as(login.err()).isZero();
            assertThat(Files.readString(auth)).contains(secured.host()).doesNotContain("s3cret-pass"); // base64, as docker writes it

            Cli.Result push = Cli.run("copy", "-q", "--authfile", auth.toString(), "oci:" + src + ":v1", dst);
            assertThat(push.exitCode()).as(push.err()).isZero();

            assertThat(Cli.run("logout", "--authfile", auth.toString(), secured.host()).exitCode()).isZero();
            assertThat(Files.readString(auth)).doesNotContain(secured.host());
        }
    }
}
