package dev.lading.registry;

import dev.lading.oci.Descriptor;
import dev.lading.oci.DockerReference;
import dev.lading.oci.content.ContentReader;
import dev.lading.oci.content.CopyOptions;
import dev.lading.oci.content.ImageCopier;
import dev.lading.oci.layout.OciLayout;
import dev.lading.registry.testing.RegistryFixture;
import dev.lading.registry.testing.TestPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * certs.d and registries.conf against real registries: a docker-registry that serves TLS with a CA made here and
 * requires client certificates, and pairs of plain registries for mirrors.
 */
@Tag("integration")
class RegistryHostsIntegrationTest {

    @TempDir
    static Path pkiDir;
    @TempDir
    Path tmp;

    private static TestPki serverCa;
    private static TestPki clientCa;
    private static TestPki otherCa;
    private static RegistryFixture tlsRegistry;

    @BeforeAll
    static void start() throws IOException {
        assumeTrue(TestPki.isAvailable() && RegistryFixture.isAvailable(), "openssl and docker-registry are needed");
        serverCa = TestPki.create(pkiDir.resolve("server"), "server");
        clientCa = TestPki.create(pkiDir.resolve("clients"), "clients");
        otherCa = TestPki.create(pkiDir.resolve("other"), "other");
        Path[] server = serverCa.server("registry");
        tlsRegistry = RegistryFixture.tls(server[0], server[1], clientCa.caCertificate());
    }

    @AfterAll
    static void stop() {
        if (tlsRegistry != null) {
            tlsRegistry.close();
        }
    }

    private static RegistryOptions quick() {
        return RegistryOptions.defaults().withRetry(RetryPolicy.none());
    }

    /** A certs.d root with a directory for the TLS registry holding the given files (name → source). */
    private Path certsRoot(String name, Map<String, Path> files) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name).resolve(tlsRegistry.host()));
        for (Map.Entry<String, Path> f : files.entrySet()) {
            Files.copy(f.getValue(), dir.resolve(f.getKey()));
        }
        return tmp.resolve(name);
    }

    private static RegistryClient client(CertsDirectories certs) throws IOException {
        RegistryHosts hosts = new RegistryHosts(RegistriesConf.empty(), certs, null);
        return RegistryClient.create(tlsRegistry.host(), CredentialProvider.anonymous(), hosts.optionsFor(tlsRegistry.host(), false, quick()));
    }

    @Test
    void withTheRegistrysCertsDirectoryLadingPushesAndPullsOverMutualTls() throws IOException {
        Path[] client = clientCa.client("good-client", false);
        Path root = certsRoot("good", Map.of("ca.crt", serverCa.caCertificate(), "client.cert", client[0], "client.key", client[1]));
        CertsDirectories certs = CertsDirectories.system(new HostEnvironment(Map.of("LADING_CERTS_DIR", root.toString()), tmp));

        RegistryClient c = client(certs);
        c.ping();
        byte[] manifest = RegistryIntegrationTest.pushImage(c, "tls/app", "1", 11);

        DockerReference ref = tlsRegistry.reference("tls/app:1");
        RegistryHosts hosts = new RegistryHosts(RegistriesConf.empty(), certs, null);
        Path out = tmp.resolve("pulled");
        try (ContentReader reader = hosts.openForPull(ref, CredentialProvider.anonymous(), quick())) {
            ImageCopier.Result r = ImageCopier.copy(reader, OciLayout.createOrOpen(out).writer("app"), CopyOptions.defaults());
            assertThat(r.root().digest()).isEqualTo(dev.lading.oci.Digest.sha256(manifest));
        }
        assertThat(OciLayout.open(out).resolveReference("app").digest()).isEqualTo(dev.lading.oci.Digest.sha256(manifest));
    }

    @Test
    void aTraditionalRsaClientKeyAndSkopeosCertDirWork() throws IOException {
        Path[] client = clientCa.client("rsa-client", true);
        assertThat(Files.readString(client[1])).contains("BEGIN RSA PRIVATE KEY");
        Path dir = Files.createDirectories(tmp.resolve("cert-dir"));
        Files.copy(serverCa.caCertificate(), dir.resolve("ca.crt"));
        Files.copy(client[0], dir.resolve("me.cert"));
        Files.copy(client[1], dir.resolve("me.key"));
        client(CertsDirectories.single(dir)).ping();
    }

    @Test
    void withoutTheRightFilesTheConnectionIsRefused() throws IOException {
        // no directory for the registry: a registry on this machine is spoken to over plain HTTP, which a TLS port refuses
        assertThatThrownBy(() -> client(CertsDirectories.roots(List.of(tmp.resolve("empty")))).ping())
                .isInstanceOf(RegistryException.class).hasMessageContaining("speak HTTPS").hasMessageContaining("certs.d/" + tlsRegistry.host());

        // the CA but no client certificate: the registry ends the handshake
        Path caOnly = certsRoot("ca-only", Map.of("ca.crt", serverCa.caCertificate()));
        assertThatThrownBy(() -> client(CertsDirectories.roots(List.of(caOnly))).ping())
                .isInstanceOf(RegistryException.class).hasMessageContaining(tlsRegistry.host());

        // a client certificate from a CA the registry does not accept
        Path[] stranger = otherCa.client("stranger", false);
        Path wrongClient = certsRoot("wrong-client", Map.of("ca.crt", serverCa.caCertificate(), "client.cert", stranger[0], "client.key", stranger[1]));
        assertThatThrownBy(() -> client(CertsDirectories.roots(List.of(wrongClient))).ping())
                .isInstanceOf(RegistryException.class).hasMessageContaining(tlsRegistry.host());

        // the right client certificate, but the registry's CA is not trusted
        Path[] client = clientCa.client("untrusting-client", false);
        Path noCa = certsRoot("no-ca", Map.of("client.cert", client[0], "client.key", client[1]));
        assertThatThrownBy(() -> client(CertsDirectories.roots(List.of(noCa))).ping())
                .isInstanceOf(RegistryException.class).hasMessageContaining("TLS").hasMessageContaining("certs.d");
    }

    // ---------------------------------------------------------------- mirrors and blocked registries

    private Path conf(String toml) throws IOException {
        return Files.writeString(tmp.resolve("registries.conf"), toml);
    }

    private static RegistryClient plain(RegistryFixture r) throws IOException {
        return RegistryClient.create(r.host(), CredentialProvider.anonymous(), quick());
    }

    private Descriptor pull(RegistryHosts hosts, DockerReference ref, String dir) throws IOException {
        try (ContentReader reader = hosts.openForPull(ref, CredentialProvider.anonymous(), quick())) {
            ImageCopier.Result r = ImageCopier.copy(reader, OciLayout.createOrOpen(tmp.resolve(dir)).writer("img"), CopyOptions.defaults());
            return r.root();
        }
    }

    @Test
    void anImageOnlyTheMirrorHasIsPulledThroughIt() throws IOException {
        RegistryFixture primary = RegistryFixture.anonymous();
        try (RegistryFixture mirror = RegistryFixture.anonymous()) {
            byte[] onMirror = RegistryIntegrationTest.pushImage(plain(mirror), "cache/team/app", "1", 21);
            byte[] onPrimary = RegistryIntegrationTest.pushImage(plain(primary), "team/app", "2", 22);
            Path file = conf("""
                    [[registry]]
                    location = "%s"

                    [[registry.mirror]]
                    location = "%s/cache"
                    """.formatted(primary.host(), mirror.host()));
            RegistryHosts hosts = new RegistryHosts(RegistriesConf.load(List.of(file)), CertsDirectories.none(), null);

            // tag 1 exists only on the mirror (under its rewritten name)
            assertThat(pull(hosts, primary.reference("team/app:1"), "one").digest()).isEqualTo(dev.lading.oci.Digest.sha256(onMirror));
            // tag 2 is not on the mirror: the registry itself serves it
            assertThat(pull(hosts, primary.reference("team/app:2"), "two").digest()).isEqualTo(dev.lading.oci.Digest.sha256(onPrimary));
            // neither has tag 3: the error names every source tried
            assertThatThrownBy(() -> pull(hosts, primary.reference("team/app:3"), "three"))
                    .isInstanceOf(RegistryException.class)
                    .hasMessageContaining("mirror " + mirror.host() + "/cache/team/app:3")
                    .hasMessageContaining(primary.host() + "/team/app:3");

            // the primary gone: the mirror still serves what it has
            String primaryHost = primary.host();
            primary.close();
            assertThat(pull(hosts, DockerReference.parse(primaryHost + "/team/app:1"), "offline").digest())
                    .isEqualTo(dev.lading.oci.Digest.sha256(onMirror));
        } finally {
            primary.close();
        }
    }

    @Test
    void aBlockedRegistryIsRefusedForPullAndPushWithTheFileNamed() throws IOException {
        try (RegistryFixture primary = RegistryFixture.anonymous(); RegistryFixture mirror = RegistryFixture.anonymous()) {
            RegistryIntegrationTest.pushImage(plain(mirror), "team/app", "1", 31);
            Path file = conf("""
                    [[registry]]
                    location = "%s"
                    blocked = true

                    [[registry.mirror]]
                    location = "%s"
                    """.formatted(primary.host(), mirror.host()));
            RegistryHosts hosts = new RegistryHosts(RegistriesConf.load(List.of(file)), CertsDirectories.none(), null);
            DockerReference ref = primary.reference("team/app:1");
            // as in podman, blocking a registry blocks pulls of its names, mirrors included
            assertThatThrownBy(() -> pull(hosts, ref, "blocked"))
                    .isInstanceOf(RegistryException.class)
                    .hasMessageContaining("registry " + primary.host() + " is blocked in " + file);
            assertThatThrownBy(() -> hosts.openForPush(ref, CredentialProvider.anonymous(), quick()))
                    .isInstanceOf(RegistryException.class).hasMessageContaining("blocked");
            // the mirror's own names are not blocked
            pull(hosts, mirror.reference("team/app:1"), "direct");
        }
    }

    // ---------------------------------------------------------------- short names

    private Descriptor pullShort(RegistryHosts hosts, String shortName, List<String> notices) throws IOException {
        try (ContentReader reader = hosts.openForPull(shortName, DockerReference.parse(shortName), CredentialProvider.anonymous(), quick(),
                notices::add)) {
            return ImageCopier.copy(reader, OciLayout.createOrOpen(tmp.resolve("short-" + notices.size())).writer("img"),
                    CopyOptions.defaults()).root();
        }
    }

    @Test
    void aShortNameIsPulledFromTheFirstSearchRegistryThatHasIt() throws IOException {
        try (RegistryFixture first = RegistryFixture.anonymous(); RegistryFixture second = RegistryFixture.anonymous()) {
            byte[] onlySecond = RegistryIntegrationTest.pushImage(plain(second), "team/app", "1", 41);
            byte[] bothFirst = RegistryIntegrationTest.pushImage(plain(first), "team/app", "2", 42);
            RegistryIntegrationTest.pushImage(plain(second), "team/app", "2", 43);
            Path file = conf("unqualified-search-registries = [\"%s\", \"%s\"]\n".formatted(first.host(), second.host()));
            RegistryHosts hosts = new RegistryHosts(RegistriesConf.load(List.of(file)), CertsDirectories.none(), null);

            List<String> notices = new java.util.ArrayList<>();
            assertThat(pullShort(hosts, "team/app:1", notices).digest()).isEqualTo(dev.lading.oci.Digest.sha256(onlySecond));
            assertThat(notices).containsExactly("short name team/app resolved to " + second.host() + "/team/app:1"
                    + " (unqualified-search-registries in " + file + ")");
            assertThat(pullShort(hosts, "team/app:2", notices).digest()).isEqualTo(dev.lading.oci.Digest.sha256(bothFirst));
            assertThat(notices.get(1)).contains(first.host() + "/team/app:2");

            assertThatThrownBy(() -> pullShort(hosts, "team/app:3", notices))
                    .isInstanceOf(RegistryException.class)
                    .hasMessageContaining("short name team/app:3 was not found")
                    .hasMessageContaining(first.host() + "/team/app:3").hasMessageContaining(second.host() + "/team/app:3");

            // the first registry down: an error, not a silent switch to the second
            String firstHost = first.host();
            first.close();
            assertThatThrownBy(() -> pullShort(hosts, "team/app:1", notices))
                    .isInstanceOf(RegistryException.class)
                    .hasMessageContaining("cannot connect to http://" + firstHost);
            assertThat(notices).hasSize(2);
            // a qualified name never searches
            assertThat(hosts.openForPull("docker.io/team/app:1", DockerReference.parse("docker.io/team/app:1"), CredentialProvider.anonymous(),
                    quick(), notices::add)).isInstanceOf(RegistryContent.class);
        }
    }

    @Test
    void anAliasWinsOverTheSearchListAndABlockedRegistryStaysBlocked() throws IOException {
        try (RegistryFixture searched = RegistryFixture.anonymous(); RegistryFixture aliased = RegistryFixture.anonymous()) {
            RegistryIntegrationTest.pushImage(plain(searched), "app", "1", 51);
            byte[] viaAlias = RegistryIntegrationTest.pushImage(plain(aliased), "vendor/app", "1", 52);
            Path file = conf("""
                    unqualified-search-registries = ["%s", "%s"]
                    short-name-mode = "enforcing"
                    [aliases]
                    "app" = "%s/vendor/app"
                    "bad" = "blocked.invalid/bad"
                    [[registry]]
                    location = "blocked.invalid"
                    blocked = true
                    """.formatted(searched.host(), aliased.host(), aliased.host()));
            RegistryHosts hosts = new RegistryHosts(RegistriesConf.load(List.of(file)), CertsDirectories.none(), null);
            List<String> notices = new java.util.ArrayList<>();
            assertThat(pullShort(hosts, "app:1", notices).digest()).isEqualTo(dev.lading.oci.Digest.sha256(viaAlias));
            assertThat(notices).containsExactly("short name app resolved to " + aliased.host() + "/vendor/app:1 (alias in " + file + ")");
            assertThatThrownBy(() -> pullShort(hosts, "bad:1", notices))
                    .isInstanceOf(RegistryException.class).hasMessageContaining("registry blocked.invalid is blocked in " + file);
            assertThatThrownBy(() -> pullShort(hosts, "other:1", notices))
                    .isInstanceOf(dev.lading.oci.OciException.class).hasMessageContaining("is ambiguous");
        }
    }

    @Test
    void insecureTurnsVerificationOffUnlessTheUserSaidOtherwise() throws IOException {
        RegistriesConf conf = RegistriesConf.parse("[[registry]]\nlocation = \"reg.example:5000\"\ninsecure = true\n", tmp.resolve("r.conf"));
        DockerReference ref = DockerReference.parse("reg.example:5000/a:1");
        assertThat(new RegistryHosts(conf, CertsDirectories.none(), null).optionsFor(ref, quick()).tlsVerify()).isFalse();
        assertThat(new RegistryHosts(conf, CertsDirectories.none(), true).optionsFor(ref, quick()).tlsVerify()).isTrue();
        assertThat(new RegistryHosts(conf, CertsDirectories.none(), null).optionsFor(DockerReference.parse("other.example/a:1"), quick())
                .tlsVerify()).isTrue();
    }
}
