package dev.lading.scan.vuln;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Downloads OSV exports (e.g. {@code https://osv-vulnerabilities.storage.googleapis.com/Debian/all.zip}) to a
 * file, streaming, with a size limit: what arrives is imported by {@link VulnerabilityDatabase}, which checks
 * it like any other input.
 */
public final class OsvDownloader implements AutoCloseable {
    /** No OSV export comes near this; more is a misbehaving server. */
    public static final long MAX_BYTES = 4L * 1024 * 1024 * 1024;

    private final HttpClient client;

    public OsvDownloader(HttpClient client) {
        this.client = client;
    }

    public static OsvDownloader standard() {
        return new OsvDownloader(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30)).build());
    }

    /** Stops the HTTP client (its selector thread would otherwise hold up the JVM's exit). */
    @Override
    public void close() {
        client.shutdownNow();
    }

    /** Downloads {@code url} into {@code target}; IOException naming the URL on HTTP errors, timeouts or excess size. */
    public void download(URI url, Path target) throws IOException {
        if (!"https".equals(url.getScheme()) && !"http".equals(url.getScheme())) {
            throw new IOException(url + ": only http and https URLs can be downloaded");
        }
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(10)).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(url + ": interrupted", e);
        } catch (IOException e) {
            throw new IOException(url + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()), e);
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException(url + ": HTTP " + response.statusCode());
            }
            try (OutputStream out = Files.newOutputStream(target)) {
                new BoundedInputStream(body, MAX_BYTES, url.toString()).transferTo(out);
            } catch (BoundedInputStream.TooLargeException e) {
                throw new IOException(url + ": larger than " + (MAX_BYTES >> 30) + " GiB; refusing it", e);
            }
        }
    }
}
