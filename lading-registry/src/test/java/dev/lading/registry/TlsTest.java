package dev.lading.registry;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * TLS modes against an HTTPS server with a self-signed certificate. The server is reached by the machine's host
 * name, not "localhost", because localhost registries are spoken to over plain HTTP.
 */
class TlsTest {

    @TempDir
    Path tmp;
    private HttpsServer server;
    private String hostName;
    private X509Certificate certificate;

    @BeforeEach
    void startServer() throws Exception {
        hostName = InetAddress.getLocalHost().getHostName();
        assumeTrue(!hostName.equals("localhost") && resolves(hostName), "the machine's host name must resolve for this test");
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        KeyPair keys = g.generateKeyPair();
        Instant now = Instant.now();
        X500Name name = new X500Name("CN=" + hostName);
        var builder = new JcaX509v3CertificateBuilder(name, BigInteger.TEN, Date.from(now.minusSeconds(60)), Date.from(now.plusSeconds(3600)), name, keys.getPublic())
                .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.dNSName, hostName)));
        certificate = new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", keys.getPrivate(), "pw".toCharArray(), new X509Certificate[]{certificate});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "pw".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ctx));
        server.createContext("/v2/", ex -> {
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
    }

    private static boolean resolves(String name) {
        try {
            InetAddress.getByName(name);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private String host() {
        return hostName + ":" + server.getAddress().getPort();
    }

    private RegistryOptions quick() {
        return RegistryOptions.defaults().withRetry(RetryPolicy.none());
    }

    @Test
    void untrustedCertificateFailsWithAHint() throws IOException {
        RegistryClient c = RegistryClient.create(host(), CredentialProvider.anonymous(), quick());
        assertThatThrownBy(c::ping).isInstanceOfSatisfying(RegistryException.class, e -> {
            assertThat(e.getMessage()).contains(host()).contains("TLS").contains("--tls-verify=false");
            assertThat(e.status()).isZero();
        });
    }

    @Test
    void extraCaFileIsTrusted() throws Exception {
        Path pem = tmp.resolve("ca.pem");
        Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder().encodeToString(certificate.getEncoded()) + "\n-----END CERTIFICATE-----\n");
        RegistryClient.create(host(), CredentialProvider.anonymous(), quick().withCaCertificates(List.of(pem))).ping();
    }

    /**
     * Without extra CAs the system trust store decides (loaded only at the first handshake); here the system store
     * is pointed at one holding the test certificate, the way javax.net.ssl.trustStore works for any JDK client.
     */
    @Test
    void theSystemTrustStoreIsConsultedAtTheHandshake() throws Exception {
        Path store = tmp.resolve("trust.p12");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry("test", certificate);
        try (var out = Files.newOutputStream(store)) {
            ks.store(out, "changeit".toCharArray());
        }
        RegistryClient client = RegistryClient.create(host(), CredentialProvider.anonymous(), quick());
        Map<String, String> saved = new java.util.HashMap<>();
        for (String p : List.of("javax.net.ssl.trustStore", "javax.net.ssl.trustStorePassword", "javax.net.ssl.trustStoreType")) {
            saved.put(p, System.getProperty(p));
        }
        try {
            System.setProperty("javax.net.ssl.trustStore", store.toString());
            System.setProperty("javax.net.ssl.trustStorePassword", "changeit");
            System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
            client.ping(); // created before the properties were set: the store is read at the handshake
        } finally {
            saved.forEach((k, v) -> {
                if (v == null) {
                    System.clearProperty(k);
                } else {
                    System.setProperty(k, v);
                }
            });
        }
    }

    @Test
    void unreadableCaFileIsAClearError() throws IOException {
        Path pem = Files.writeString(tmp.resolve("empty.pem"), "not a certificate");
        assertThatThrownBy(() -> RegistryClient.create(host(), CredentialProvider.anonymous(), quick().withCaCertificates(List.of(pem))))
                .isInstanceOf(IOException.class).hasMessageContaining(pem.toString());
    }

    @Test
    void tlsVerifyFalseAcceptsAnyCertificateAndHostName() throws IOException {
        RegistryClient.create(host(), CredentialProvider.anonymous(), quick().withTlsVerify(false)).ping();
        // the same server by its IP address: the certificate does not name it, verification is off
        String byIp = InetAddress.getByName(hostName).getHostAddress();
        if (!byIp.startsWith("127.")) {
            RegistryClient.create(byIp + ":" + server.getAddress().getPort(), CredentialProvider.anonymous(), quick().withTlsVerify(false)).ping();
        }
    }

    @Test
    void tlsIsSetUpAtTheFirstHttpsConnectionOnly() throws IOException {
        // a registry on plain HTTP (localhost) never needs TLS: the client's context stays unmade
        try (ScriptedHttpServer plain = new ScriptedHttpServer((r, out) -> ScriptedHttpServer.respond(out, 200, Map.of(), "{}"))) {
            RegistryClient local = RegistryClient.create("localhost:" + plain.port(), CredentialProvider.anonymous(), quick());
            local.ping();
            assertThat(plain.requests()).hasSize(1);
            assertThat(TlsContexts.notSetUp(local.sslContext())).isTrue();
        }
        // HTTPS: made at the handshake, and it verifies as the eager one did (the test certificate is untrusted)
        RegistryClient remote = RegistryClient.create(host(), CredentialProvider.anonymous(), quick());
        assertThat(TlsContexts.notSetUp(remote.sslContext())).isTrue();
        assertThatThrownBy(remote::ping).isInstanceOf(RegistryException.class).hasMessageContaining("TLS");
        assertThat(TlsContexts.notSetUp(remote.sslContext())).isFalse();
        assertThat(remote.sslContext().getDefaultSSLParameters().getProtocols()).contains("TLSv1.3");
        // with verification off, the lazy context accepts the certificate
        RegistryClient.create(host(), CredentialProvider.anonymous(), quick().withTlsVerify(false)).ping();
    }

    @Test
    void tlsVerifyFalseFallsBackToPlainHttp() throws IOException {
        try (ScriptedHttpServer plain = new ScriptedHttpServer((r, out) -> ScriptedHttpServer.respond(out, 200, Map.of(), "{}"), null)) {
            String h = hostName + ":" + plain.port();
            RegistryClient.create(h, CredentialProvider.anonymous(), quick().withTlsVerify(false)).ping();
            assertThat(plain.requests()).extracting(ScriptedHttpServer.Request::target).containsExactly("/v2/");
            // with verification on, plain HTTP is never used
            assertThatThrownBy(() -> RegistryClient.create(h, CredentialProvider.anonymous(), quick()).ping())
                    .isInstanceOf(RegistryException.class);
            assertThat(plain.requests()).hasSize(1);
        }
    }
}
