package dev.lading.registry;

import dev.lading.oci.Descriptor;
import dev.lading.oci.Digest;
import dev.lading.oci.MediaType;
import dev.lading.oci.content.DigestMismatchException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.lading.registry.ScriptedHttpServer.respond;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Client behaviour a real registry cannot be made to show, against {@link ScriptedHttpServer}. */
class RegistryClientHttpTest {

    private static final byte[] MANIFEST = """
            {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a","size":2},"layers":[]}"""
            .getBytes(StandardCharsets.UTF_8);

    private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());

    private RegistryOptions options() {
        return RegistryOptions.defaults().withRetry(RetryPolicy.defaults().withSleeper(sleeps::add));
    }

    private RegistryClient client(ScriptedHttpServer server) throws IOException {
        return RegistryClient.create(server.host(), CredentialProvider.anonymous(), options());
    }

    private static Map<String, String> manifestHeaders(String digest) {
        return Map.of("Content-Type", MediaType.OCI_MANIFEST, "Docker-Content-Digest", digest);
    }

    @Test
    void contentOpenedForAReferenceClosesItsClientAndAClosedClientFailsAtOnce() throws IOException {
        try (ScriptedHttpServer server = new ScriptedHttpServer((r, out) -> respond(out, 200, manifestHeaders(
                Digest.sha256(MANIFEST).toString()), MANIFEST))) {
            dev.lading.oci.DockerReference ref = dev.lading.oci.DockerReference.parse(server.host() + "/app:1");
            RegistryContent content = RegistryContent.open(ref, CredentialProvider.anonymous(), options());
            assertThat(content.resolve().digest()).isEqualTo(Digest.sha256(MANIFEST));
            content.close();
            int before = server.requests().size();
            // closed means closed: no request, and no retries with backoff before saying so
            assertThatThrownBy(content::resolve).isInstanceOf(RegistryException.class).hasMessageContaining("client was closed");
            assertThat(server.requests()).hasSize(before);
            assertThat(sleeps).isEmpty();
        }
    }

    @Test
    void contentOverTheCallersClientLeavesTheClientOpen() throws IOException {
        try (ScriptedHttpServer server = new ScriptedHttpServer((r, out) -> respond(out, 200, manifestHeaders(
                Digest.sha256(MANIFEST).toString()), MANIFEST));
             RegistryClient client = client(server)) {
            dev.lading.oci.DockerReference ref = dev.lading.oci.DockerReference.parse(server.host() + "/app:1");
            try (RegistryContent content = new RegistryContent(client, ref)) {
                content.resolve();
            }
            assertThat(new RegistryContent(client, ref).resolve().digest()).isEqualTo(Digest.sha256(MANIFEST));
        }
    }

    @Test
    void manifestByTagWithALyingDigestHeaderIsRejected() throws IOException {
        String lie = Digest.sha256("something else".getBytes(StandardCharsets.UTF_8)).toString();
        try (ScriptedHttpServer server = new ScriptedHttpServer((r, out) -> respond(out, 200, manifestHeaders(lie), MANIFEST))) {
            assertThatThrownBy(() -> client(server).getManifest("app", "latest"))
                    .isInstanceOf(DigestMismatchException.class)
                    .hasMessageContaining(lie).hasMessageContaining("app:latest");
        }
    }

    @Test
    void manifestByDigestWithOtherContentIsRejected() throws IOException {
        Digest asked = Digest.sha256("the real manifest".getBytes(StandardCharsets.UTF_8));
        try (ScriptedHttpServer server = new ScriptedHttpServer((r, out) -> respond(out, 200, manifestHeaders(asked.toString()), MANIFEST))) {
            assertThatThrownBy(() -> client(server).getManifest("app", asked.toString()))
                    .isInstanceOf(DigestMismatchException.class).hasMessageContaining(asked.toString());
        }
    }

    @Test
    void manifestByTagWithTheRightDigestIsAcceptedAsSent() throws IOException {
        String digest = Digest.sha256(MANIFEST).toString();
        try (ScriptedHttpServer server = new ScriptedHttpServer((r, out) -> respond(out, 200, manifestHeaders(digest), MANIFEST))) {
            FetchedManifest m = client(server).getManifest("app", "latest");
            assertThat(m.raw()).isEqualTo(MANIFEST);
            assertThat(m.digest().toString()).isEqualTo(digest);
            assertThat(server.requests().get(0).header("Accept")).contains(MediaType.OCI_INDEX).contains(MediaType.DOCKER_MANIFEST);
        }
    }

    @Test
    void oversizedManifestIsRefusedBeforeReadingIt() throws IOException {
        try (ScriptedHttpServer server = new ScriptedHttpServer((r, out) -> {
            respond(out, 200, Map.of("Content-Type", MediaType.OCI_MANIFEST, "Content-Length", "1000000000"), new byte[0]);
        })) {
            assertThatThrownBy(() -> client(server).getManifest("app", "latest"))
                    .isInstanceOf(IOException.class).hasMessageContaining("limit");
        }
        // without Content-Length (chunked) the limit holds too
        byte[] big = new byte[2000];
        Arrays.fill(big, (byte) ' ');
        try (ScriptedHttpServer server = new ScriptedHttpServer((r, out) -> {
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: " + MediaType.OCI_MANIFEST + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(big);
        })) {
            RegistryClient c = RegistryClient.create(server.host(), CredentialProvider.anonymous(), options().withMaxManifestBytes(1000));
            assertThatThrownBy(() -> c.getManifest("app", "latest")).isInstanceOf(IOException.class).hasMessageContaining("limit of 1000");
        }
    }

    @Test
    void blobWithWrongContentFailsAtEndOfStream() throws IOException {
        byte[] real = "real layer".getBytes(StandardCharsets.UTF_8);
        byte[] fake = "fake layer".getBytes(StandardCharsets.UTF_8);
        Descriptor d = Descriptor.of(MediaType.OCI_LAYER, real);
        try (ScriptedHttpServer server = new ScriptedHttpServer((r, out) -> respond(out, 200, Map.of(), fake))) {
            try (InputStream in = client(server).openBlob("app", d)) {
                assertThatThrownBy(in::readAllBytes).isInstanceOf(DigestMismatchException.class).hasMessageContaining(d.digest().toString());
            }
        }
    }

    @Test
    void serviceUnavailableIsRetriedWithBackoffThenSucceeds() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        String digest = Digest.sha256(MANIFEST).toString();
        try (ScriptedHttpServer server = new ScriptedHttpServer((r, out) -> {
            if (calls.incrementAndGet() <= 2) {
                respond(out, 503, Map.of(), "{\"errors\":[{\"code\":\"UNAVAILABLE\",\"message\":\"busy\"}]}");
            } else {
                respond(out, 200, manifestHeaders(digest), MANIFEST);
            }
        })) {
            assertThat(client(server).getManifest("app", "latest").raw()).isEqualTo(MANIFEST);
            assertThat(calls.get()).isEqualTo(3);
            assertThat(sleeps).hasSize(2);
            // equal jitter: between half and all of 200 ms, then of 400 ms
            assertThat(sleeps.get(0)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
            assertThat(sleeps.get(1)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
        }
    }

    @Test
    void retriesAreBoundedAndTheLastErrorIsReported() throws IOException {
        try (ScriptedHttpServer server = new ScriptedHttpServer((r, out) ->
                respond(out, 503, Map.of(), "{\"errors\":[{\"code\":\"UNAVAILABLE\",\"message\":\"down for maintenance\"}]}"))) {
            assertThatThrownBy(() -> client(server).getManifest("app", "latest"))
                    .isInstanceOfSatisfying(RegistryException.class, e -> {
                        assertThat(e.status()).isEqualTo(503);
                        assertThat(e.getMessage()).contains(server.host() + "/app").contains("503").contains("down for maintenance");
                    });
            assertThat(server.requests()).hasSize(5);
            assertThat(sleeps).hasSize(4);
        }
    }

    @Test
    void tooManyRequestsHonoursRetryAfterSecondsAndDates() throws IOException {
        Instant now = Instant.parse("2026-01-01T12:00:00Z");
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(now.plusSeconds(3), ZoneOffset.UTC));
        AtomicInteger calls = new AtomicInteger();
        String digest = Digest.sha256(MANIFEST).toString();
        try (ScriptedHttpServer server = new ScriptedHttpServer((r, out) -> {
            switch (calls.incrementAndGet()) {
                case 1 -> respond(out, 429, Map.of("Retry-After", "7"), "{\"errors\":[{\"code\":\"TOOMANYREQUESTS\",\"message\":\"slow down\"}]}");
                case 2 -> respond(out, 429, Map.of("Retry-After", date), "");
                case 3 -> respond(out, 429, Map.of("Retry-After", "86400"), "");
                default -> respond(out, 200, manifestHeaders(digest), MANIFEST);
            }
        })) {
            RegistryOptions o = RegistryOptions.defaults().withRetry(RetryPolicy.defaults().withSleeper(sleeps::add)
                    .withClock(Clock.fixed(now, ZoneOffset.UTC)));
            RegistryClient c = RegistryClient.create(server.host(), CredentialProvider.anonymous(), o);
            assertThat(c.getManifest("app", "latest").raw()).isEqualTo(MANIFEST);
            // a day is capped to the policy's maximum
            assertThat(sleeps).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(3), Duration.ofSeconds(60));
        }
    }

    @Test
    void clientErrorsAreNotRetried() throws IOException {
        try (ScriptedHttpServer server = new ScriptedHttpServer((r, out) ->
                respond(out, 404, Map.of(), "{\"errors\":[{\"code\":\"NAME_UNKNOWN\",\"message\":\"repository name not known to registry\"}]}"))) {
            assertThatThrownBy(() -> client(server).getManifest("app", "latest"))
                    .isInstanceOfSatisfying(RegistryException.class, e -> {
                        assertThat(e.isNotFound()).isTrue();
                        assertThat(e.getMessage()).contains("NAME_UNKNOWN").contains("does not exist");
                    });
            assertThat(server.requests()).hasSize(1);
            assertThat(sleeps).isEmpty();
        }
    }

    @Test
    void connectionFailuresAreRetriedAndNameTheRegistry() throws IOException {
        ScriptedHttpServer server = new ScriptedHttpServer((r, out) -> { });
        String host = server.host();
        server.close(); // nothing listens on the port any more
        RegistryClient c = RegistryClient.create(host, CredentialProvider.anonymous(), options());
        assertThatThrownBy(c::ping).isInstanceOfSatisfying(RegistryException.class, e -> {
            assertThat(e.status()).isZero();
            assertThat(e.getMessage()).contains(host).contains("after 5 attempts");
        });
        assertThat(sleeps).hasSize(4);
    }

    @Test
    void droppedBlobDownloadResumesWithRange() throws IOException {
        byte[] blob = new byte[100_000];
        new java.util.Random(1).nextBytes(blob);
        Descriptor d = Descriptor.of(MediaType.OCI_LAYER, blob);
        AtomicInteger calls = new AtomicInteger();
        try (ScriptedHttpServer server = new ScriptedHttpServer((r, out) -> {
            if (calls.incrementAndGet() == 1) {
                // promise everything, send 40 000 bytes, then cut the connection
                out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + blob.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(blob, 0, 40_000);
                out.flush();
                return;
            }
            String range = r.header("Range");
            long from = Long.parseLong(range.substring("bytes=".length(), range.length() - 1));
            respond(out, 206, Map.of("Content-Range", "bytes " + from + "-" + (blob.length - 1) + "/" + blob.length),
                    Arrays.copyOfRange(blob, (int) from, blob.length));
        })) {
            try (InputStream in = client(server).openBlob("app", d)) {
                assertThat(in.readAllBytes()).isEqualTo(blob);
            }
            assertThat(server.requests()).hasSize(2);
            assertThat(server.requests().get(0).header("Range")).isNull();
            String range = server.requests().get(1).header("Range");
            assertThat(range).startsWith("bytes=").endsWith("-");
            assertThat(Long.parseLong(range.substring(6, range.length() - 1))).isPositive().isLessThanOrEqualTo(40_000);
        }
    }

    @Test
    void aDownloadThatStallsIsResumedInsteadOfHangingForever() throws Exception {
        byte[] blob = new byte[100_000];
        new java.util.Random(2).nextBytes(blob);
        Descriptor d = Descriptor.of(MediaType.OCI_LAYER, blob);
        AtomicInteger calls = new AtomicInteger();
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        try (ScriptedHttpServer server = new ScriptedHttpServer((r, out) -> {
            if (calls.incrementAndGet() == 1) {
                // promise everything, send 30 000 bytes, then keep the connection open and say nothing
                out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + blob.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(blob, 0, 30_000);
                out.flush();
                try {
                    release.await(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            String range = r.header("Range");
            long from = Long.parseLong(range.substring("bytes=".length(), range.length() - 1));
            respond(out, 206, Map.of("Content-Range", "bytes " + from + "-" + (blob.length - 1) + "/" + blob.length),
                    Arrays.copyOfRange(blob, (int) from, blob.length));
        })) {
            RegistryClient c = RegistryClient.create(server.host(), CredentialProvider.anonymous(),
                    options().withResponseTimeout(java.time.Duration.ofMillis(300)));
            long start = System.nanoTime();
            try (InputStream in = c.openBlob("app", d)) {
                assertThat(in.readAllBytes()).isEqualTo(blob);
            } finally {
                release.countDown();
            }
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofSeconds(20));
            assertThat(server.requests()).hasSize(2);
            assertThat(server.requests().get(1).header("Range")).isEqualTo("bytes=30000-");
        }
    }

    @Test
    void resumeWorksWhenTheServerIgnoresRange() throws IOException {
        byte[] blob = new byte[50_000];
        new java.util.Random(2).nextBytes(blob);
        Descriptor d = Descriptor.of(MediaType.OCI_LAYER, blob);
        AtomicInteger calls = new AtomicInteger();
        try (ScriptedHttpServer server = new ScriptedHttpServer((r, out) -> {
            if (calls.incrementAndGet() == 1) {
                out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + blob.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(blob, 0, 10_000);
                return;
            }
            respond(out, 200, Map.of(), blob);
        })) {
            try (InputStream in = client(server).openBlob("app", d)) {
                assertThat(in.readAllBytes()).isEqualTo(blob);
            }
        }
    }

    @Test
    void blobRedirectsToStorageDropTheAuthorizationHeader() throws IOException {
        byte[] blob = "layer bytes".getBytes(StandardCharsets.UTF_8);
        Descriptor d = Descriptor.of(MediaType.OCI_LAYER, blob);
        try (ScriptedHttpServer storage = new ScriptedHttpServer((r, out) -> respond(out, 200, Map.of(), blob));
             ScriptedHttpServer registry = new ScriptedHttpServer((r, out) -> {
                 if (r.header("Authorization") == null) {
                     respond(out, 401, Map.of("WWW-Authenticate", "Basic realm=\"test\""), "");
                 } else {
                     respond(out, 307, Map.of("Location", "http://" + storage.host() + "/blobs/x?signature=abc"), "");
                 }
             })) {
            RegistryClient c = RegistryClient.create(registry.host(), CredentialProvider.of(Credentials.basic("u", "p")), options());
            try (InputStream in = c.openBlob("app", d)) {
                assertThat(in.readAllBytes()).isEqualTo(blob);
            }
            assertThat(registry.requests().get(1).header("Authorization")).startsWith("Basic ");
            assertThat(storage.requests()).hasSize(1);
            assertThat(storage.requests().get(0).target()).isEqualTo("/blobs/x?signature=abc");
            assertThat(storage.requests().get(0).header("Authorization")).isNull();
        }
    }

    @Test
    void tagListFollowsLinkPagination() throws IOException {
        try (ScriptedHttpServer server = new ScriptedHttpServer((r, out) -> {
            String t = r.target();
            if (t.equals("/v2/app/tags/list?n=2")) {
                respond(out, 200, Map.of("Link", "</v2/app/tags/list?n=2&last=b>; rel=\"next\""), "{\"name\":\"app\",\"tags\":[\"a\",\"b\"]}");
            } else if (t.equals("/v2/app/tags/list?n=2&last=b")) {
                respond(out, 200, Map.of("Link", "</v2/app/tags/list?n=2&last=d>; rel=\"next\""), "{\"name\":\"app\",\"tags\":[\"c\",\"d\"]}");
            } else if (t.equals("/v2/app/tags/list?n=2&last=d")) {
                respond(out, 200, Map.of(), "{\"name\":\"app\",\"tags\":[\"e\"]}");
            } else {
                respond(out, 404, Map.of(), "");
            }
        })) {
            assertThat(client(server).listTags("app", 2)).containsExactly("a", "b", "c", "d", "e");
            assertThat(server.requests()).hasSize(3);
        }
    }

    @Test
    void tagListPaginationThatLoopsIsStopped() throws IOException {
        try (ScriptedHttpServer server = new ScriptedHttpServer((r, out) ->
                respond(out, 200, Map.of("Link", "</v2/app/tags/list?n=1>; rel=\"next\""), "{\"tags\":[\"a\"]}"))) {
            assertThatThrownBy(() -> client(server).listTags("app", 1)).isInstanceOf(IOException.class).hasMessageContaining("does not end");
        }
    }

    @Test
    void referrersApiIsUsedWhenPresentAndFilteredClientSideIfTheServerDidNot() throws IOException {
        Digest subject = Digest.sha256(MANIFEST);
        String index = """
                {"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[
                {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":10,"artifactType":"a/sbom"},
                {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":10,"artifactType":"a/sig"}]}"""
                .formatted("1".repeat(64), "2".repeat(64));
        try (ScriptedHttpServer server = new ScriptedHttpServer((r, out) ->
                respond(out, 200, Map.of("Content-Type", MediaType.OCI_INDEX), index))) {
            List<Descriptor> sboms = client(server).referrers("app", subject, "a/sbom");
            assertThat(sboms).extracting(Descriptor::artifactType).containsExactly("a/sbom");
            assertThat(server.requests().get(0).target()).isEqualTo("/v2/app/referrers/" + subject + "?artifactType=a%2Fsbom");
        }
    }

    @Test
    void invalidNamesAreRefusedBeforeAnyRequest() throws IOException {
        try (ScriptedHttpServer server = new ScriptedHttpServer((r, out) -> respond(out, 200, Map.of(), ""))) {
            RegistryClient c = client(server);
            assertThatThrownBy(() -> c.getManifest("../etc", "latest")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> c.getManifest("app", "a/../../b")).isInstanceOf(IllegalArgumentException.class);
            assertThat(server.requests()).isEmpty();
        }
    }

    @Test
    void aFailedChunkIsResentFromWhereTheRegistryStands() throws IOException {
        byte[] blob = new byte[10_000];
        new java.util.Random(3).nextBytes(blob);
        Descriptor d = Descriptor.of(MediaType.OCI_LAYER, blob);
        java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();
        AtomicInteger patches = new AtomicInteger();
        try (ScriptedHttpServer server = new ScriptedHttpServer((r, out) -> {
            String path = r.path();
            synchronized (received) {
                if (r.method().equals("HEAD")) {
                    respond(out, 404, Map.of(), "");
                } else if (r.method().equals("POST")) {
                    respond(out, 202, Map.of("Location", "/v2/app/blobs/uploads/u1?_state=s0", "Range", "0-0"), "");
                } else if (r.method().equals("PATCH")) {
                    int n = patches.incrementAndGet();
                    String[] range = r.header("Content-Range").split("-");
                    assertThat(Long.parseLong(range[0])).isEqualTo(received.size());
                    if (n == 2) {
                        // take half of the chunk, then fail as a proxy might
                        received.write(r.body(), 0, r.body().length / 2);
                        respond(out, 503, Map.of(), "");
                        return;
                    }
                    received.write(r.body());
                    respond(out, 202, Map.of("Location", "/v2/app/blobs/uploads/u1?_state=s" + n, "Range", "0-" + (received.size() - 1)), "");
                } else if (r.method().equals("GET") && path.startsWith("/v2/app/blobs/uploads/")) {
                    respond(out, 204, Map.of("Range", "0-" + (received.size() - 1), "Location", "/v2/app/blobs/uploads/u1?_state=x"), "");
                } else if (r.method().equals("PUT")) {
                    assertThat(r.target()).contains("digest=" + d.digest().toString().replace(":", "%3A"));
                    respond(out, Arrays.equals(received.toByteArray(), blob) ? 201 : 400, Map.of(), "");
                } else {
                    respond(out, 404, Map.of(), "");
                }
            }
        })) {
            RegistryClient c = RegistryClient.create(server.host(), CredentialProvider.anonymous(),
                    options().withChunking(1000, 4096));
            assertThat(c.pushBlob("app", d, new java.io.ByteArrayInputStream(blob))).isEqualTo(RegistryClient.BlobPush.UPLOADED);
            assertThat(received.toByteArray()).isEqualTo(blob);
            // 3 chunks (4096, 4096, 1808) plus one resend of the second half of chunk 2
            assertThat(patches.get()).isEqualTo(4);
        }
    }

    /**
     * A registry whose first monolithic PUT fails as {@code firstPut} says (drop the connection, or answer 503), and
     * which accepts the second only in a new upload session and only with the whole blob.
     */
    private static ScriptedHttpServer lyingOnFirstPut(Descriptor d, byte[] blob, boolean dropConnection, List<String> log)
            throws IOException {
        AtomicInteger sessions = new AtomicInteger();
        AtomicInteger puts = new AtomicInteger();
        return new ScriptedHttpServer((r, out) -> {
            log.add(r.method() + " " + r.path());
            if (r.method().equals("HEAD")) {
                respond(out, 404, Map.of(), "");
            } else if (r.method().equals("POST")) {
                int n = sessions.incrementAndGet();
                respond(out, 202, Map.of("Location", "/v2/app/blobs/uploads/u" + n), "");
            } else if (r.method().equals("PUT")) {
                if (puts.incrementAndGet() == 1) {
                    if (dropConnection) {
                        out.close(); // connection reset with no answer
                    } else {
                        respond(out, 503, Map.of(), "{\"errors\":[{\"code\":\"UNAVAILABLE\",\"message\":\"try later\"}]}");
                    }
                    return;
                }
                boolean fresh = r.path().equals("/v2/app/blobs/uploads/u" + sessions.get()) && sessions.get() > 1;
                respond(out, fresh && Arrays.equals(r.body(), blob) ? 201 : 400, Map.of(), "");
            } else if (r.method().equals("DELETE")) {
                respond(out, 204, Map.of(), "");
            } else {
                respond(out, 404, Map.of(), "");
            }
        });
    }

    @Test
    void aMonolithicPutThatLosesItsConnectionIsRetriedFromTheSourceInANewSession() throws IOException {
        for (boolean drop : new boolean[]{true, false}) {
            byte[] blob = new byte[50_000];
            new java.util.Random(drop ? 5 : 6).nextBytes(blob);
            Descriptor d = Descriptor.of(MediaType.OCI_LAYER, blob);
            List<String> log = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger opened = new AtomicInteger();
            try (ScriptedHttpServer server = lyingOnFirstPut(d, blob, drop, log)) {
                RegistryClient c = client(server);
                assertThat(c.pushBlob("app", d, () -> {
                    opened.incrementAndGet();
                    return new java.io.ByteArrayInputStream(blob);
                })).isEqualTo(RegistryClient.BlobPush.UPLOADED);
                assertThat(opened.get()).as("the source is read again for the second PUT").isEqualTo(2);
                // the broken session is abandoned, a new one started, and the PUT sent once more in it
                assertThat(log).containsSubsequence("POST /v2/app/blobs/uploads/", "PUT /v2/app/blobs/uploads/u1",
                        "DELETE /v2/app/blobs/uploads/u1", "POST /v2/app/blobs/uploads/", "PUT /v2/app/blobs/uploads/u2");
            }
        }
    }

    @Test
    void aBlobTheCopyJustFoundMissingIsUploadedWithoutAskingAgain() throws IOException {
        byte[] blob = new byte[5_000];
        Descriptor d = Descriptor.of(MediaType.OCI_LAYER, blob);
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        try (ScriptedHttpServer server = new ScriptedHttpServer((r, out) -> {
            log.add(r.method() + " " + r.path());
            switch (r.method()) {
                case "HEAD" -> respond(out, 404, Map.of(), "");
                case "POST" -> respond(out, 202, Map.of("Location", "/v2/app/blobs/uploads/u"), "");
                case "PUT" -> respond(out, 201, Map.of(), "");
                default -> respond(out, 204, Map.of(), "");
            }
        }); RegistryClient client = client(server)) {
            RegistryContent content = new RegistryContent(client, dev.lading.oci.DockerReference.parse(server.host() + "/app:1"));
            assertThat(content.hasBlob(d)).isFalse();
            content.writeBlob(d, () -> new java.io.ByteArrayInputStream(blob));
            assertThat(log).containsExactly("HEAD /v2/app/blobs/" + d.digest(), "POST /v2/app/blobs/uploads/", "PUT /v2/app/blobs/uploads/u");
            // a write that was not preceded by that question still asks first
            log.clear();
            content.writeBlob(d, new java.io.ByteArrayInputStream(blob));
            assertThat(log).containsExactly("HEAD /v2/app/blobs/" + d.digest(), "POST /v2/app/blobs/uploads/", "PUT /v2/app/blobs/uploads/u");
        }
    }

    @Test
    void aMonolithicPutFromAStreamThatCannotBeReopenedIsNotRetried() throws IOException {
        byte[] blob = new byte[5_000];
        Descriptor d = Descriptor.of(MediaType.OCI_LAYER, blob);
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        try (ScriptedHttpServer server = lyingOnFirstPut(d, blob, false, log)) {
            assertThatThrownBy(() -> client(server).pushBlob("app", d, new java.io.ByteArrayInputStream(blob)))
                    .isInstanceOf(RegistryException.class).hasMessageContaining("503").hasMessageContaining("UNAVAILABLE");
            assertThat(log.stream().filter(l -> l.startsWith("PUT"))).hasSize(1);
        }
    }

    @Test
    void aMonolithicPutIsNotRetriedWhenTheSourceLies() throws IOException {
        byte[] blob = new byte[5_000];
        Descriptor d = Descriptor.of(MediaType.OCI_LAYER, blob);
        byte[] other = blob.clone();
        other[0] = 1;
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger opened = new AtomicInteger();
        try (ScriptedHttpServer server = lyingOnFirstPut(d, blob, true, log)) {
            assertThatThrownBy(() -> client(server).pushBlob("app", d, () -> {
                opened.incrementAndGet();
                return new java.io.ByteArrayInputStream(other);
            })).isInstanceOf(DigestMismatchException.class);
            assertThat(opened.get()).isEqualTo(1);
        }
    }

    @Test
    void aMonolithicPutGivesUpAfterTheRetryPolicysAttempts() throws IOException {
        byte[] blob = new byte[5_000];
        Descriptor d = Descriptor.of(MediaType.OCI_LAYER, blob);
        AtomicInteger puts = new AtomicInteger();
        try (ScriptedHttpServer server = new ScriptedHttpServer((r, out) -> {
            switch (r.method()) {
                case "HEAD" -> respond(out, 404, Map.of(), "");
                case "POST" -> respond(out, 202, Map.of("Location", "/v2/app/blobs/uploads/u"), "");
                case "PUT" -> {
                    puts.incrementAndGet();
                    respond(out, 502, Map.of(), "");
                }
                default -> respond(out, 204, Map.of(), "");
            }
        })) {
            RegistryClient c = RegistryClient.create(server.host(), CredentialProvider.anonymous(),
                    options().withRetry(RetryPolicy.defaults().withMaxAttempts(3).withSleeper(sleeps::add)));
            assertThatThrownBy(() -> c.pushBlob("app", d, () -> new java.io.ByteArrayInputStream(blob)))
                    .isInstanceOf(RegistryException.class).hasMessageContaining("502");
            assertThat(puts.get()).isEqualTo(3);
        }
    }

    @Test
    void identityTokensAreExchangedWithARefreshTokenGrant() throws IOException {
        String digest = Digest.sha256(MANIFEST).toString();
        try (ScriptedHttpServer tokenServer = new ScriptedHttpServer((r, out) -> {
            String body = new String(r.body(), StandardCharsets.UTF_8);
            if (r.method().equals("POST") && body.contains("grant_type=refresh_token") && body.contains("refresh_token=the-refresh-token")) {
                respond(out, 200, Map.of("Content-Type", "application/json"), "{\"access_token\":\"access-1\",\"expires_in\":300}");
            } else {
                respond(out, 401, Map.of(), "");
            }
        }); ScriptedHttpServer registry = new ScriptedHttpServer((r, out) -> {
            if ("Bearer access-1".equals(r.header("Authorization"))) {
                respond(out, 200, manifestHeaders(digest), MANIFEST);
            } else {
                respond(out, 401, Map.of("WWW-Authenticate", "Bearer realm=\"http://" + tokenServer.host() + "/token\",service=\"reg\""), "");
            }
        })) {
            RegistryClient c = RegistryClient.create(registry.host(),
                    CredentialProvider.of(new Credentials.IdentityToken("u", "the-refresh-token")), options());
            assertThat(c.getManifest("app", "latest").raw()).isEqualTo(MANIFEST);
            String form = new String(tokenServer.requests().get(0).body(), StandardCharsets.UTF_8);
            assertThat(form).contains("service=reg").contains("scope=repository%3Aapp%3Apull");
        }
    }
}
