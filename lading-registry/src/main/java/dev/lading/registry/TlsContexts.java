package dev.lading.registry;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
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
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * SSL contexts for the three trust modes: the system CAs, the system CAs plus extra PEM files, or no verification;
 * each with the client certificates of {@link RegistryOptions#clientCertificates()} for registries that ask for one.
 */
final class TlsContexts {
    private TlsContexts() {
    }

    /**
     * A context whose real one ({@link #create}) is made at its first use, for an HTTP client that may never open a
     * TLS connection (a registry on plain HTTP, as local ones are): setting up JSSE costs ~30 ms of a command's
     * start. Goes with {@link #lazyParameters()}, so the client does not ask the context for its defaults at once.
     * A failure to set it up then surfaces at the first TLS connection, as the error of that request.
     */
    static SSLContext lazy(RegistryOptions options) {
        return new LazyContext(new LazySpi(options));
    }

    /** Whether {@code ctx} is a lazy context whose real one has not been made yet. */
    static boolean notSetUp(SSLContext ctx) {
        return ctx instanceof LazyContext l && l.spi.real == null;
    }

    private static final class LazyContext extends SSLContext {
        private final LazySpi spi;

        LazyContext(LazySpi spi) {
            super(spi, null, "TLS");
            this.spi = spi;
        }
    }

    /**
     * The client's TLS parameters where the context is lazy: what the JDK enables for a client by default (TLS 1.3
     * and 1.2; cipher suites left to the engine's defaults). The HTTP client copies these onto every connection
     * and adds SNI, ALPN and host name checking itself. Null when the user chose protocols with the JDK's
     * {@code jdk.tls.client.protocols}, and with CA or client certificate files: then the context is made at
     * once and its own defaults are used.
     */
    static javax.net.ssl.SSLParameters lazyParameters(RegistryOptions options) {
        // CA and certificate files are read at once, so that a file that is missing or not PEM is reported before
        // anything is sent, naming the option
        if (System.getProperty("jdk.tls.client.protocols") != null || !options.caCertificates().isEmpty()
                || !options.clientCertificates().isEmpty() || System.getProperty("javax.net.ssl.keyStore") != null) {
            return null;
        }
        javax.net.ssl.SSLParameters p = new javax.net.ssl.SSLParameters();
        p.setProtocols(new String[]{"TLSv1.3", "TLSv1.2"});
        return p;
    }

    private static final class LazySpi extends javax.net.ssl.SSLContextSpi {
        private final RegistryOptions options;
        private volatile SSLContext real;

        LazySpi(RegistryOptions options) {
            this.options = options;
        }

        private SSLContext real() {
            SSLContext r = real;
            if (r == null) {
                synchronized (this) {
                    r = real;
                    if (r == null) {
                        try {
                            r = create(options);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                        real = r;
                    }
                }
            }
            return r;
        }

        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, java.security.SecureRandom sr) {
            throw new UnsupportedOperationException("set up from the registry options");
        }

        @Override
        protected javax.net.ssl.SSLSocketFactory engineGetSocketFactory() {
            return real().getSocketFactory();
        }

        @Override
        protected javax.net.ssl.SSLServerSocketFactory engineGetServerSocketFactory() {
            return real().getServerSocketFactory();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            return real().createSSLEngine();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            return real().createSSLEngine(host, port);
        }

        @Override
        protected javax.net.ssl.SSLSessionContext engineGetServerSessionContext() {
            return real().getServerSessionContext();
        }

        @Override
        protected javax.net.ssl.SSLSessionContext engineGetClientSessionContext() {
            return real().getClientSessionContext();
        }

        @Override
        protected javax.net.ssl.SSLParameters engineGetDefaultSSLParameters() {
            return real().getDefaultSSLParameters();
        }

        @Override
        protected javax.net.ssl.SSLParameters engineGetSupportedSSLParameters() {
            return real().getSupportedSSLParameters();
        }
    }

    static SSLContext create(RegistryOptions options) throws IOException {
        try {
            KeyManager[] keys = keyManagers(options.clientCertificates());
            if (!options.tlsVerify()) {
                SSLContext ctx = SSLContext.getInstance("TLS");
                ctx.init(keys, new TrustManager[]{new TrustAll()}, null);
                return ctx;
            }
            if (options.caCertificates().isEmpty() && keys == null) {
                if (System.getProperty("javax.net.ssl.keyStore") != null) {
                    return SSLContext.getDefault(); // the JDK's default context also presents that key store
                }
                SSLContext ctx = SSLContext.getInstance("TLS");
                ctx.init(null, new TrustManager[]{new LazySystemTrust()}, null);
                return ctx;
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(keys, options.caCertificates().isEmpty() ? null : trustManagers(options.caCertificates()), null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /** The system CAs plus the certificates in {@code files}. */
    private static TrustManager[] trustManagers(List<Path> files) throws IOException, GeneralSecurityException {
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
        for (Path file : files) {
            for (Certificate c : certificates(file, "CA certificates")) {
                store.setCertificateEntry("extra-" + i++, c);
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        return tmf.getTrustManagers();
    }

    /**
     * Client certificates for mutual TLS, or null when there are none. With several, JSSE presents the one whose
     * issuer the server says it accepts (as Go's TLS stack does for skopeo and podman).
     */
    private static KeyManager[] keyManagers(List<RegistryOptions.ClientCertificate> pairs) throws IOException, GeneralSecurityException {
        if (pairs.isEmpty()) {
            return null;
        }
        char[] password = new char[0];
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        int i = 0;
        for (RegistryOptions.ClientCertificate pair : pairs) {
            List<? extends Certificate> chain = certificates(pair.certificate(), "client certificate");
            PrivateKey key = PemKeys.read(pair.key());
            try {
                store.setKeyEntry("client-" + i++, key, password, chain.toArray(new Certificate[0]));
            } catch (GeneralSecurityException e) {
                throw new IOException("client certificate " + pair.certificate() + " does not go with the key " + pair.key()
                        + ": " + e.getMessage(), e);
            }
            if (!chain.get(0).getPublicKey().getAlgorithm().equals(key.getAlgorithm())) {
                throw new IOException("client certificate " + pair.certificate() + " is for a " + chain.get(0).getPublicKey().getAlgorithm()
                        + " key but " + pair.key() + " holds a " + key.getAlgorithm() + " key");
            }
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, password);
        return kmf.getKeyManagers();
    }

    private static List<? extends Certificate> certificates(Path file, String what) throws IOException {
        List<? extends Certificate> certs;
        try (InputStream in = Files.newInputStream(file)) {
            certs = List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
        } catch (GeneralSecurityException | IOException e) {
            throw new IOException("cannot read " + what + " from " + file + ": " + e.getMessage(), e);
        }
        if (certs.isEmpty()) {
            throw new IOException("no PEM certificates found in " + file);
        }
        return certs;
    }

    /**
     * The system trust store (what the JDK's default context trusts: {@code javax.net.ssl.trustStore} or cacerts),
     * loaded at the first TLS handshake. Parsing the system CAs costs a few hundred milliseconds of CPU at start-up,
     * which a command that only talks to a plain-HTTP registry (one on this machine) need not pay. Host names are
     * still checked: the JDK's trust manager does that in the SSLEngine variant this delegates to.
     */
    private static final class LazySystemTrust extends X509ExtendedTrustManager {
        private volatile X509ExtendedTrustManager delegate;

        private X509ExtendedTrustManager delegate() throws CertificateException {
            X509ExtendedTrustManager d = delegate;
            if (d == null) {
                synchronized (this) {
                    d = delegate;
                    if (d == null) {
                        try {
                            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                            tmf.init((KeyStore) null);
                            for (TrustManager tm : tmf.getTrustManagers()) {
                                if (tm instanceof X509ExtendedTrustManager x) {
                                    d = x;
                                    break;
                                }
                            }
                        } catch (GeneralSecurityException e) {
                            throw new CertificateException("cannot load the system trust store: " + e.getMessage(), e);
                        }
                        if (d == null) {
                            throw new CertificateException("the system trust store has no X.509 trust manager");
                        }
                        delegate = d;
                    }
                }
            }
            return d;
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            delegate().checkClientTrusted(chain, authType, socket);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            delegate().checkServerTrusted(chain, authType, socket);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            delegate().checkClientTrusted(chain, authType, engine);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            delegate().checkServerTrusted(chain, authType, engine);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate().checkClientTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate().checkServerTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            try {
                return delegate().getAcceptedIssuers();
            } catch (CertificateException e) {
                return new X509Certificate[0];
            }
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
