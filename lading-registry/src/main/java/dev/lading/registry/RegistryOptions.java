package dev.lading.registry;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How to talk to a registry.
 *
 * @param tlsVerify              verify the server certificate and host name; {@code false} also allows plain HTTP
 *                               (the registry is then tried over HTTPS first, as skopeo's --tls-verify=false does)
 * @param caCertificates         PEM files with extra trusted CA certificates, added to the system ones
 * @param clientCertificates     certificates and keys to present when the registry asks for one (mutual TLS)
 * @param localhostTls           speak HTTPS to a registry on this machine too, which is otherwise spoken to over plain
 *                               HTTP (set when a certs.d directory configures TLS for it)
 * @param plainHttp              always use plain HTTP (e.g. a test registry that is not on localhost)
 * @param chunkedUploadThreshold blobs at least this large are uploaded in chunks (each chunk can be retried)
 * @param chunkSize              bytes per PATCH; one chunk is held in memory while it is sent
 * @param maxManifestBytes       manifests larger than this are refused, so a hostile server cannot exhaust memory
 * @param retry                  retries of transient failures
 * @param connectTimeout         TCP/TLS connection timeout
 * @param responseTimeout        how long to wait for the answer's headers to a request without a streamed body,
 *                               and the longest a blob download may wait for its next bytes (a stalled server
 *                               then counts as a transient failure: the request is retried, a download resumed)
 * @param userAgent              the User-Agent header
 */
public record RegistryOptions(boolean tlsVerify, List<Path> caCertificates, List<ClientCertificate> clientCertificates,
                              boolean localhostTls, boolean plainHttp, long chunkedUploadThreshold, int chunkSize, int maxManifestBytes,
                              RetryPolicy retry, Duration connectTimeout, Duration responseTimeout, String userAgent) {

    public static final int DEFAULT_MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

    public RegistryOptions {
        caCertificates = caCertificates == null ? List.of() : List.copyOf(caCertificates);
        clientCertificates = clientCertificates == null ? List.of() : List.copyOf(clientCertificates);
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(responseTimeout, "responseTimeout");
        Objects.requireNonNull(userAgent, "userAgent");
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be positive, got " + chunkSize);
        }
        if (chunkedUploadThreshold < 0) {
            throw new IllegalArgumentException("chunkedUploadThreshold must not be negative");
        }
        if (maxManifestBytes < 1) {
            throw new IllegalArgumentException("maxManifestBytes must be positive");
        }
    }

    public static RegistryOptions defaults() {
        return new RegistryOptions(true, List.of(), List.of(), false, false, 64L * 1024 * 1024, 16 * 1024 * 1024,
                DEFAULT_MAX_MANIFEST_BYTES, RetryPolicy.defaults(), Duration.ofSeconds(30), Duration.ofMinutes(5), "lading/0.1");
    }

    public RegistryOptions withTlsVerify(boolean verify) {
        return new RegistryOptions(verify, caCertificates, clientCertificates, localhostTls, plainHttp, chunkedUploadThreshold, chunkSize, maxManifestBytes, retry, connectTimeout, responseTimeout, userAgent);
    }

    public RegistryOptions withCaCertificates(List<Path> files) {
        return new RegistryOptions(tlsVerify, files, clientCertificates, localhostTls, plainHttp, chunkedUploadThreshold, chunkSize, maxManifestBytes, retry, connectTimeout, responseTimeout, userAgent);
    }

    public RegistryOptions withClientCertificates(List<ClientCertificate> certificates) {
        return new RegistryOptions(tlsVerify, caCertificates, certificates, localhostTls, plainHttp, chunkedUploadThreshold, chunkSize, maxManifestBytes, retry, connectTimeout, responseTimeout, userAgent);
    }

    public RegistryOptions withLocalhostTls(boolean tls) {
        return new RegistryOptions(tlsVerify, caCertificates, clientCertificates, tls, plainHttp, chunkedUploadThreshold, chunkSize, maxManifestBytes, retry, connectTimeout, responseTimeout, userAgent);
    }

    public RegistryOptions withPlainHttp(boolean plain) {
        return new RegistryOptions(tlsVerify, caCertificates, clientCertificates, localhostTls, plain, chunkedUploadThreshold, chunkSize, maxManifestBytes, retry, connectTimeout, responseTimeout, userAgent);
    }

    public RegistryOptions withChunking(long threshold, int size) {
        return new RegistryOptions(tlsVerify, caCertificates, clientCertificates, localhostTls, plainHttp, threshold, size, maxManifestBytes, retry, connectTimeout, responseTimeout, userAgent);
    }

    public RegistryOptions withMaxManifestBytes(int max) {
        return new RegistryOptions(tlsVerify, caCertificates, clientCertificates, localhostTls, plainHttp, chunkedUploadThreshold, chunkSize, max, retry, connectTimeout, responseTimeout, userAgent);
    }

    public RegistryOptions withRetry(RetryPolicy policy) {
        return new RegistryOptions(tlsVerify, caCertificates, clientCertificates, localhostTls, plainHttp, chunkedUploadThreshold, chunkSize, maxManifestBytes, policy, connectTimeout, responseTimeout, userAgent);
    }

    public RegistryOptions withResponseTimeout(Duration timeout) {
        return new RegistryOptions(tlsVerify, caCertificates, clientCertificates, localhostTls, plainHttp, chunkedUploadThreshold, chunkSize, maxManifestBytes, retry, connectTimeout, timeout, userAgent);
    }

    public RegistryOptions withConnectTimeout(Duration timeout) {
        return new RegistryOptions(tlsVerify, caCertificates, clientCertificates, localhostTls, plainHttp, chunkedUploadThreshold, chunkSize, maxManifestBytes, retry, timeout, responseTimeout, userAgent);
    }

    /** A PEM certificate (chain) and its PEM private key (PKCS#8, or the traditional RSA and EC forms openssl writes). */
    public record ClientCertificate(Path certificate, Path key) {
        public ClientCertificate {
            Objects.requireNonNull(certificate, "certificate");
            Objects.requireNonNull(key, "key");
        }
    }
}
