package dev.lading.registry;

import dev.lading.registry.testing.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class CertsDirectoriesTest {

    @TempDir
    Path tmp;

    @Test
    void theFirstRootWithADirectoryForTheRegistryWins() throws IOException {
        Path user = tmp.resolve("user");
        Path etc = tmp.resolve("etc");
        Files.createDirectories(etc.resolve("reg.example:5000"));
        Files.writeString(etc.resolve("reg.example:5000/ca.crt"), "x");
        Files.writeString(etc.resolve("reg.example:5000/extra.crt"), "x");
        Files.writeString(etc.resolve("reg.example:5000/client.cert"), "x");
        Files.writeString(etc.resolve("reg.example:5000/client.key"), "x");
        Files.writeString(etc.resolve("reg.example:5000/README"), "ignored");
        CertsDirectories dirs = CertsDirectories.roots(List.of(user, etc));

        CertsDirectories.HostCertificates found = dirs.forRegistry("reg.example:5000").orElseThrow();
        assertThat(found.directory()).isEqualTo(etc.resolve("reg.example:5000"));
        assertThat(found.caCertificates()).containsExactly(etc.resolve("reg.example:5000/ca.crt"), etc.resolve("reg.example:5000/extra.crt"));
        assertThat(found.clientCertificates()).containsExactly(new RegistryOptions.ClientCertificate(
                etc.resolve("reg.example:5000/client.cert"), etc.resolve("reg.example:5000/client.key")));
        // the port is part of the name, as in docker's certs.d
        assertThat(dirs.forRegistry("reg.example")).isEmpty();

        // a directory in an earlier root shadows the later one, even when empty
        Files.createDirectories(user.resolve("reg.example:5000"));
        assertThat(dirs.forRegistry("reg.example:5000").orElseThrow().isEmpty()).isTrue();
    }

    @Test
    void aCertificateWithoutItsKeyOrAKeyWithoutItsCertificateIsAnError() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("r:1"));
        Files.writeString(dir.resolve("client.cert"), "x");
        assertThatThrownBy(() -> CertsDirectories.read(dir)).hasMessageContaining("client.key").hasMessageContaining("*.crt");
        Files.delete(dir.resolve("client.cert"));
        Files.writeString(dir.resolve("other.key"), "x");
        assertThatThrownBy(() -> CertsDirectories.read(dir)).hasMessageContaining("other.cert");
    }

    @Test
    void theEnvironmentReplacesTheDefaultRoots() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        CertsDirectories env = CertsDirectories.system(new HostEnvironment(Map.of("LADING_CERTS_DIR", a + ":" + b), tmp));
        assertThat(env.searched()).containsExactly(a, b);
        CertsDirectories defaults = CertsDirectories.system(new HostEnvironment(Map.of(), tmp.resolve("home")));
        assertThat(defaults.searched()).containsExactly(tmp.resolve("home/.config/containers/certs.d"),
                Path.of("/etc/containers/certs.d"), Path.of("/etc/docker/certs.d"));
        // skopeo's --cert-dir: one directory for every registry
        Files.createDirectories(a);
        assertThat(CertsDirectories.single(a).forRegistry("any.example").orElseThrow().directory()).isEqualTo(a);
    }

    @Test
    void registryNamesCannotEscapeTheRoot() throws IOException {
        Files.createDirectories(tmp.resolve("root"));
        CertsDirectories dirs = CertsDirectories.roots(List.of(tmp.resolve("root")));
        assertThat(dirs.forRegistry("..")).isEmpty();
        assertThat(dirs.forRegistry("a/../..")).isEmpty();
    }

    @Test
    void pemKeysInPkcs8AndTheTraditionalFormsAreRead() throws IOException {
        assumeTrue(TestPki.isAvailable(), "openssl is needed");
        TestPki.openssl(tmp, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "ec8.pem");
        TestPki.openssl(tmp, "ec", "-in", "ec8.pem", "-out", "sec1.pem");
        TestPki.openssl(tmp, "ecparam", "-name", "secp384r1", "-genkey", "-out", "sec1-params.pem");
        TestPki.openssl(tmp, "genrsa", "-traditional", "-out", "rsa1.pem", "2048");
        TestPki.openssl(tmp, "pkey", "-in", "rsa1.pem", "-out", "rsa8.pem");
        TestPki.openssl(tmp, "genpkey", "-algorithm", "ED25519", "-out", "ed.pem");
        TestPki.openssl(tmp, "pkey", "-in", "rsa1.pem", "-aes256", "-passout", "pass:secret", "-out", "enc.pem");
        TestPki.openssl(tmp, "rsa", "-in", "rsa1.pem", "-aes256", "-passout", "pass:secret", "-traditional", "-out", "enc1.pem");

        assertThat(Files.readString(tmp.resolve("sec1.pem"))).contains("BEGIN EC PRIVATE KEY");
        assertThat(Files.readString(tmp.resolve("sec1-params.pem"))).contains("BEGIN EC PARAMETERS");
        assertThat(Files.readString(tmp.resolve("rsa1.pem"))).contains("BEGIN RSA PRIVATE KEY");
        PrivateKey ec8 = PemKeys.read(tmp.resolve("ec8.pem"));
        PrivateKey sec1 = PemKeys.read(tmp.resolve("sec1.pem"));
        assertThat(sec1.getAlgorithm()).isEqualTo("EC");
        assertThat(((java.security.interfaces.ECPrivateKey) sec1).getS()).isEqualTo(((java.security.interfaces.ECPrivateKey) ec8).getS());
        assertThat(PemKeys.read(tmp.resolve("sec1-params.pem")).getAlgorithm()).isEqualTo("EC");
        PrivateKey rsa1 = PemKeys.read(tmp.resolve("rsa1.pem"));
        PrivateKey rsa8 = PemKeys.read(tmp.resolve("rsa8.pem"));
        assertThat(rsa1.getAlgorithm()).isEqualTo("RSA");
        assertThat(rsa1.getEncoded()).isEqualTo(rsa8.getEncoded());
        assertThat(PemKeys.read(tmp.resolve("ed.pem")).getAlgorithm()).isIn("EdDSA", "Ed25519");
        assertThatThrownBy(() -> PemKeys.read(tmp.resolve("enc.pem"))).hasMessageContaining("encrypted");
        assertThatThrownBy(() -> PemKeys.read(tmp.resolve("enc1.pem"))).hasMessageContaining("encrypted");
        Path notAKey = Files.writeString(tmp.resolve("cert-only.pem"), "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        assertThatThrownBy(() -> PemKeys.read(notAKey)).hasMessageContaining("no PEM private key");
    }
}
