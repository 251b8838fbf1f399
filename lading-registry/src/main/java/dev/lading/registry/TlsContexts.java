package dev.lading.registry;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

/** SSL contexts for the three trust modes: the system CAs, the system CAs plus extra PEM files, or no verification. */
final class TlsContexts {
    private TlsContexts() {
    }

    static SSLContext create(RegistryOptions options) throws IOException {
        try {
            if (!options.tlsVerify()) {
                SSLContext ctx = SSLContext.getInstance("TLS");
                ctx.init(null, new TrustManager[]{new TrustAll()}, null);
                return ctx;
            }
            if (options.caCertificates().isEmpty()) {
                return SSLContext.getDefault();
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            TrustManagerFactory system = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            system.init((KeyStore) null);
            int i = 0;
            for (TrustManager tm : system.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) {
                    for (X509Certificate c : x.getAcceptedIssuers()) {
                        store.setCertificateEntry("system-" + i++, c);
                    }
                }
            }
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            for (Path file : options.caCertificates()) {
                List<? extends Certificate> certs;
                try (InputStream in = Files.newInputStream(file)) {
                    certs = List.copyOf(cf.generateCertificates(in));
                } catch (GeneralSecurityException | IOException e) {
                    throw new IOException("cannot read CA certificates from " + file + ": " + e.getMessage(), e);
                }
                if (certs.isEmpty()) {
                    throw new IOException("no PEM certificates found in " + file);
                }
                for (Certificate c : certs) {
                    store.setCertificateEntry("extra-" + i++, c);
                }
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /**
     * Accepts any certificate. It is an X509ExtendedTrustManager on purpose: JSSE checks the host name inside the
     * trust manager, so this one also skips that check, per client, without the JDK-wide system property.
     */
    private static final class TrustAll extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
