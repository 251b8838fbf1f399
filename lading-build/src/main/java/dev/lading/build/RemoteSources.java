package dev.lading.build;

import dev.lading.oci.Digest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/** {@code ADD https://...}: downloads, with the {@code --checksum} the user pinned verified before use. */
final class RemoteSources {

    /** A download larger than this is refused: a URL is untrusted input too. */
    static final long MAX_BYTES = 16L << 30;

    private RemoteSources() {
    }

    static boolean isUrl(String source) {
        String s = source.toLowerCase(Locale.ROOT);
        return s.startsWith("http://") || s.startsWith("https://");
    }

    /** The file name Docker gives a download: the URL path's last segment. */
    static String fileName(String url) {
        String path = URI.create(url).getRawPath();
        String name = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
        name = URLDecoder.decode(name, StandardCharsets.UTF_8);
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.contains("/") || name.contains("\0")) {
            throw new BuildException("cannot name the file downloaded from " + UrlRedaction.redact(url) + ": give ADD a destination file name, not a directory");
        }
        return name;
    }

    /** Downloads {@code url} into {@code dir}; with a checksum ("sha256:HEX"), a different body is an error. */
    static Path download(String url, Optional<String> checksum, Path dir, Consumer<String> progress) throws IOException {
        // what people see: never the user:password@ of the URL (messages, progress)
        String shown = UrlRedaction.redact(url);
        Optional<Digest> expected;
        try {
            expected = checksum.map(Digest::parse);
        } catch (RuntimeException e) {
            throw new BuildException("ADD --checksum=" + checksum.get() + ": expected ALGORITHM:HEX, e.g. sha256:…");
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new BuildException("ADD " + shown + ": not a valid URL");
        }
        progress.accept("  downloading " + shown);
        String userInfo = uri.getRawUserInfo();
        // user:password@ in the URL is HTTP basic authentication, as Go's client (and so BuildKit) sends it; the
        // header is never carried along a redirect to wherever it points (a redirect is then an HTTP error)
        HttpClient client = HttpClient.newBuilder()
                .followRedirects(userInfo == null ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(30)).build();
        // shut down when done: an idle client's selector thread would hold up the JVM's exit by 300 ms
        try {
            HttpResponse<InputStream> response;
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(userInfo == null ? uri : URI.create(shown))
                        .timeout(Duration.ofMinutes(10)).GET();
                if (userInfo != null) {
                    request.header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                            java.net.URLDecoder.decode(userInfo, java.nio.charset.StandardCharsets.UTF_8)
                                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                }
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (IllegalArgumentException e) {
                throw new BuildException("ADD " + shown + ": not a valid URL");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted downloading " + shown);
            } catch (IOException e) {
                throw new BuildException("ADD " + shown + ": " + UrlRedaction.redact(e.getMessage() == null ? e.toString() : e.getMessage()));
            }
            Path file = Files.createTempFile(dir, "add-", ".download");
            MessageDigest md = expected.map(Digest::newMessageDigest).orElse(Digest.newMessageDigest(Digest.SHA256));
            try (InputStream in = response.body(); OutputStream out = Files.newOutputStream(file)) {
                if (response.statusCode() / 100 != 2) {
                    throw new BuildException("ADD " + shown + ": the server answered HTTP " + response.statusCode());
                }
                byte[] buf = new byte[1 << 16];
                long total = 0;
                for (int n; (n = in.read(buf)) > 0; ) {
                    total += n;
                    if (total > MAX_BYTES) {
                        throw new BuildException("ADD " + shown + ": larger than " + (MAX_BYTES >> 30) + " GiB");
                    }
                    md.update(buf, 0, n);
                    out.write(buf, 0, n);
                }
            }
            if (expected.isPresent()) {
                Digest actual = Digest.fromMessageDigest(expected.get().algorithm(), md);
                if (!actual.equals(expected.get())) {
                    throw new BuildException("ADD " + shown + ": checksum mismatch: --checksum=" + expected.get() + " but the download is " + actual);
                }
            }
            return file;
        } finally {
            client.shutdownNow();
        }
    }
}
