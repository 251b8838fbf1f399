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
public record RegistryOptions(boolean tlsVerify, List<Path> caCertificates, boolean plainHttp,
                              long chunkedUploadThreshold, int chunkSize, int maxManifestBytes,
                              RetryPolicy retry, Duration connectTimeout, Duration responseTimeout, String userAgent) {

    public static final int DEFAULT_MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

    public RegistryOptions {
        caCertificates = caCertificates == null ? List.of() : List.copyOf(caCertificates);
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
        return new RegistryOptions(true, List.of(), false, 64L * 1024 * 1024, 16 * 1024 * 1024,
                DEFAULT_MAX_MANIFEST_BYTES, RetryPolicy.defaults(), Duration.ofSeconds(30), Duration.ofMinutes(5), "lading/0.1");
    }

    public RegistryOptions withTlsVerify(boolean verify) {
        return new RegistryOptions(verify, caCertificates, plainHttp, chunkedUploadThreshold, chunkSize, maxManifestBytes, retry, connectTimeout, responseTimeout, userAgent);
    }

    public RegistryOptions withCaCertificates(List<Path> files) {
        return new RegistryOptions(tlsVerify, files, plainHttp, chunkedUploadThreshold, chunkSize, maxManifestBytes, retry, connectTimeout, responseTimeout, userAgent);
    }

    public RegistryOptions withPlainHttp(boolean plain) {
        return new RegistryOptions(tlsVerify, caCertificates, plain, chunkedUploadThreshold, chunkSize, maxManifestBytes, retry, connectTimeout, responseTimeout, userAgent);
    }

    public RegistryOptions withChunking(long threshold, int size) {
        return new RegistryOptions(tlsVerify, caCertificates, plainHttp, threshold, size, maxManifestBytes, retry, connectTimeout, responseTimeout, userAgent);
    }

    public RegistryOptions withMaxManifestBytes(int max) {
        return new RegistryOptions(tlsVerify, caCertificates, plainHttp, chunkedUploadThreshold, chunkSize, max, retry, connectTimeout, responseTimeout, userAgent);
    }

    public RegistryOptions withRetry(RetryPolicy policy) {
        return new RegistryOptions(tlsVerify, caCertificates, plainHttp, chunkedUploadThreshold, chunkSize, maxManifestBytes, policy, connectTimeout, responseTimeout, userAgent);
    }

    public RegistryOptions withResponseTimeout(Duration timeout) {
        return new RegistryOptions(tlsVerify, caCertificates, plainHttp, chunkedUploadThreshold, chunkSize, maxManifestBytes, retry, connectTimeout, timeout, userAgent);
    }

    public RegistryOptions withConnectTimeout(Duration timeout) {
        return new RegistryOptions(tlsVerify, caCertificates, plainHttp, chunkedUploadThreshold, chunkSize, maxManifestBytes, retry, timeout, responseTimeout, userAgent);
    }
}
