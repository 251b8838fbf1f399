package dev.lading.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lading.oci.Descriptor;
import dev.lading.oci.Digest;
import dev.lading.oci.DockerReference;
import dev.lading.oci.Index;
import dev.lading.oci.Json;
import dev.lading.oci.MediaType;
import dev.lading.oci.content.BlobOpener;
import dev.lading.oci.content.DigestMismatchException;
import dev.lading.oci.content.ObservingInputStream;
import dev.lading.oci.content.VerifyingInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A client for one registry host, speaking the OCI distribution spec v1.1 and Docker's Registry HTTP API v2.
 * Thread-safe: layers may be pushed and pulled in parallel through one client (tokens are shared).
 *
 * <pre>{@code
 * DockerReference ref = DockerReference.parse("ghcr.io/acme/app:1.0");
 * RegistryClient client = RegistryClient.forReference(ref, CredentialStore.system(), RegistryOptions.defaults());
 * FetchedManifest m = client.getManifest(ref.repository(), ref.referenceForPull());
 * }</pre>
 */
public final class RegistryClient implements AutoCloseable {

    /** What {@link #pushBlob} had to do. */
    public enum BlobPush { EXISTED, UPLOADED }

    private static final Pattern LINK_NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
    private static final int MAX_TAG_PAGES = 100_000;
    private static final int MAX_TAG_PAGE_BYTES = 16 * 1024 * 1024;

    private final Transport transport;
    private final RegistryOptions options;

    private RegistryClient(Transport transport) {
        this.transport = transport;
        this.options = transport.options();
    }

    /** A client for {@code registry} (a host[:port] as in image references; {@code docker.io} means Docker Hub). */
    public static RegistryClient create(String registry, CredentialProvider credentials, RegistryOptions options) throws IOException {
        return new RegistryClient(new Transport(registry, options, credentials));
    }

    public static RegistryClient forReference(DockerReference reference, CredentialProvider credentials, RegistryOptions options) throws IOException {
        return create(reference.registry(), credentials, options);
    }

    private volatile java.util.concurrent.ScheduledExecutorService watchdogs;

    /** One daemon timer per client watches blob downloads for stalls (see {@link StallGuard}). */
    private java.util.concurrent.ScheduledExecutorService watchdogs() {
        java.util.concurrent.ScheduledExecutorService w = watchdogs;
        if (w == null) {
            synchronized (this) {
                w = watchdogs;
                if (w == null) {
                    w = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(task -> {
                        Thread t = new Thread(task, "lading-stall-watchdog");
                        t.setDaemon(true);
                        return t;
                    });
                    watchdogs = w;
                }
            }
        }
        return w;
    }

    public String registry() {
        return transport.registry();
    }

    /** Ends the client: its HTTP connections and threads, and the stall watchdog. Streams it handed out stop working. */
    @Override
    public void close() {
        java.util.concurrent.ScheduledExecutorService w = watchdogs;
        if (w != null) {
            w.shutdownNow();
        }
        transport.close();
    }

    // ---------------------------------------------------------------- ping

    /**
     * GET /v2/: checks that the registry answers and that the credentials are accepted (for a token registry this
     * fetches a token without scope, as {@code docker login} does). Throws with a login hint otherwise.
     */
    /** The transport's TLS context: for tests. */
    javax.net.ssl.SSLContext sslContext() {
        return transport.sslContext();
    }

    public void ping() throws IOException {
        Transport.Request r = Transport.Request.of("GET", "/v2/", List.of(), null, "ping");
        HttpResponse<InputStream> resp = transport.expect(r, 200);
        resp.body().close();
    }

    // ---------------------------------------------------------------- manifests

    /** HEAD a manifest: its descriptor, or empty when the registry does not have it. */
    public Optional<Descriptor> headManifest(String repository, String reference) throws IOException {
        Transport.Request r = Transport.Request.of("HEAD", manifestPath(repository, reference), pull(repository),
                repository, "HEAD manifest " + reference).header("Accept", MediaType.ACCEPT_MANIFESTS);
        HttpResponse<InputStream> resp = transport.send(r);
        resp.body().close();
        if (resp.statusCode() == 404) {
            return Optional.empty();
        }
        if (resp.statusCode() != 200) {
            throw transport.error(resp, repository, r.what());
        }
        Optional<String> digestHeader = resp.headers().firstValue("Docker-Content-Digest");
        OptionalLong length = resp.headers().firstValueAsLong("Content-Length");
        String type = mediaType(resp).orElse(null);
        if (digestHeader.isEmpty() || length.isEmpty() || type == null || !Digest.isValid(digestHeader.get())) {
            // Some registries omit these on HEAD; the body tells us everything.
            return Optional.of(getManifest(repository, reference).descriptor());
        }
        Digest digest = Digest.parse(digestHeader.get());
        Optional<Digest> asked = parseDigest(reference);
        if (asked.isPresent() && !asked.get().equals(digest)) {
            throw new DigestMismatchException("registry " + registry() + " answered HEAD " + repository + "@" + asked.get()
                    + " with a different digest " + digest);
        }
        return Optional.of(Descriptor.of(type, digest, length.getAsLong()));
    }

    /**
     * GET a manifest or index by tag or digest: the exact bytes, verified against the digest asked for, or (by tag)
     * against the registry's Docker-Content-Digest header when it sends one.
     */
    public FetchedManifest getManifest(String repository, String reference) throws IOException {
        Transport.Request r = Transport.Request.of("GET", manifestPath(repository, reference), pull(repository),
                repository, "GET manifest " + reference).header("Accept", MediaType.ACCEPT_MANIFESTS);
        HttpResponse<InputStream> resp = transport.expect(r, 200);
        byte[] raw = readLimited(resp, options.maxManifestBytes(), "manifest " + repository + ":" + reference);
        Optional<Digest> asked = parseDigest(reference);
        Digest digest;
        if (asked.isPresent()) {
            digest = asked.get();
            Digest actual = Digest.of(digest.algorithm(), raw);
            if (!actual.equals(digest)) {
                throw new DigestMismatchException("manifest " + registry() + "/" + repository + "@" + digest
                        + " does not match its digest: the registry sent content with digest " + actual);
            }
        } else {
            digest = Digest.sha256(raw);
            Optional<String> header = resp.headers().firstValue("Docker-Content-Digest");
            if (header.isPresent()) {
                Digest claimed;
                try {
                    claimed = Digest.parse(header.get().trim());
                } catch (IllegalArgumentException e) {
                    throw new DigestMismatchException("registry " + registry() + " sent an invalid Docker-Content-Digest for "
                            + repository + ":" + reference + ": " + e.getMessage());
                }
                Digest actual = claimed.algorithm().equals(Digest.SHA256) ? digest : Digest.of(claimed.algorithm(), raw);
                if (!actual.equals(claimed)) {
                    throw new DigestMismatchException("manifest " + registry() + "/" + repository + ":" + reference
                            + " does not match the registry's Docker-Content-Digest " + claimed + " (content digest " + actual + ")");
                }
                digest = claimed;
            }
        }
        String type = mediaTypeOf(resp, raw, repository, reference);
        return new FetchedManifest(type, digest, raw);
    }

    /** PUT a manifest under a tag or its digest; returns its digest (checked against what the registry computed). */
    public Digest putManifest(String repository, String reference, String mediaType, byte[] raw) throws IOException {
        if (raw.length > options.maxManifestBytes()) {
            throw new IOException("manifest for " + repository + " is " + raw.length + " bytes, more than registries accept ("
                    + options.maxManifestBytes() + ")");
        }
        Optional<Digest> asked = parseDigest(reference);
        Digest digest = asked.map(d -> Digest.of(d.algorithm(), raw)).orElseGet(() -> Digest.sha256(raw));
        if (asked.isPresent() && !asked.get().equals(digest)) {
            throw new DigestMismatchException("manifest to push as " + repository + "@" + asked.get() + " has digest " + digest);
        }
        Transport.Request r = Transport.Request.of("PUT", manifestPath(repository, reference), pullPush(repository),
                repository, "PUT manifest " + reference).header("Content-Type", mediaType).body(Transport.Body.bytes(raw));
        HttpResponse<InputStream> resp = transport.expect(r, 201, 200);
        resp.body().close();
        Optional<String> header = resp.headers().firstValue("Docker-Content-Digest");
        if (header.isPresent() && Digest.isValid(header.get().trim())) {
            Digest theirs = Digest.parse(header.get().trim());
            if (theirs.algorithm().equals(digest.algorithm()) && !theirs.equals(digest)) {
                throw new DigestMismatchException("registry " + registry() + " stored manifest " + repository + ":" + reference
                        + " with digest " + theirs + " but we sent " + digest + ": it rewrote the manifest");
            }
        }
        if (resp.headers().firstValue("OCI-Subject").isEmpty()) {
            subjectOf(raw, mediaType).ifPresent(subject -> {
                try {
                    addToReferrersTag(repository, subject, referrerDescriptor(raw, mediaType, digest));
                } catch (IOException e) {
                    throw new RegistryException(registry(), repository, 0, List.of(),
                            "manifest " + digest + " was pushed but the referrers tag for " + subject + " could not be updated: "
                                    + e.getMessage(), e);
                }
            });
        }
        return digest;
    }

    /** DELETE a manifest (by digest; by tag where the registry supports that). */
    public void deleteManifest(String repository, String reference) throws IOException {
        Transport.Request r = Transport.Request.of("DELETE", manifestPath(repository, reference), List.of(scope(repository, "delete"), scope(repository, "pull,push")),
                repository, "DELETE manifest " + reference);
        HttpResponse<InputStream> resp = transport.send(r);
        if (resp.statusCode() == 202 || resp.statusCode() == 200) {
            resp.body().close();
            return;
        }
        RegistryException e = transport.error(resp, repository, r.what());
        if (e.status() == 405 || e.hasCode("UNSUPPORTED")) {
            throw new RegistryException(registry(), repository, e.status(), e.errors(), e.getMessage()
                    + " (this registry does not allow deleting " + (parseDigest(reference).isPresent() ? "manifests" : "by tag: delete by digest")
                    + ")", e);
        }
        throw e;
    }

    // ---------------------------------------------------------------- blobs

    /** HEAD a blob: its size when the registry has it. */
    public Optional<Long> headBlob(String repository, Digest digest) throws IOException {
        Transport.Request r = Transport.Request.of("HEAD", blobPath(repository, digest), pull(repository),
                repository, "HEAD blob " + digest);
        HttpResponse<InputStream> resp = transport.send(r);
        resp.body().close();
        if (resp.statusCode() == 404) {
            return Optional.empty();
        }
        if (resp.statusCode() != 200) {
            throw transport.error(resp, repository, r.what());
        }
        return Optional.of(resp.headers().firstValueAsLong("Content-Length").orElse(-1));
    }

    public boolean blobExists(String repository, Digest digest) throws IOException {
        return headBlob(repository, digest).isPresent();
    }

    /**
     * Streams a blob (following the registry's redirects to its storage), verified against the descriptor at EOF.
     * A dropped connection is resumed with a Range request from where it broke.
     */
    public InputStream openBlob(String repository, Descriptor descriptor) throws IOException {
        String what = "blob " + descriptor.digest() + " of " + registry() + "/" + repository;
        InputStream first = openBlobAt(repository, descriptor.digest(), 0);
        ResumingInputStream resuming = new ResumingInputStream(first, offset -> openBlobAt(repository, descriptor.digest(), offset),
                descriptor.size(), options.retry(), what);
        return new VerifyingInputStream(resuming, descriptor, what);
    }

    private InputStream openBlobAt(String repository, Digest digest, long offset) throws IOException {
        Transport.Request r = Transport.Request.of("GET", blobPath(repository, digest), pull(repository),
                repository, "GET blob " + digest);
        if (offset > 0) {
            r = r.header("Range", "bytes=" + offset + "-");
        }
        HttpResponse<InputStream> resp = transport.expect(r, 200, 206);
        InputStream in = new StallGuard(resp.body(), options.responseTimeout(), watchdogs(), "GET blob " + digest);
        if (offset == 0) {
            return in;
        }
        if (resp.statusCode() == 206) {
            String range = resp.headers().firstValue("Content-Range").orElse("");
            Matcher m = CONTENT_RANGE.matcher(range);
            if (!m.matches() || Long.parseLong(m.group(1)) != offset) {
                in.close();
                throw new IOException("registry answered a resume at byte " + offset + " with Content-Range '" + range + "'");
            }
            return in;
        }
        // The server ignored Range and sent everything: drop what we already have.
        in.skipNBytes(offset);
        return in;
    }

    /**
     * Uploads a blob unless the registry already has it. Below {@link RegistryOptions#chunkedUploadThreshold()} it is
     * one streamed PUT; above, PATCH chunks of {@link RegistryOptions#chunkSize()} (each retried on failure).
     * The content is read once, never held whole in memory, and verified against the descriptor as it passes.
     */
    public BlobPush pushBlob(String repository, Descriptor descriptor, InputStream content) throws IOException {
        if (blobExists(repository, descriptor.digest())) {
            return BlobPush.EXISTED;
        }
        uploadBlob(repository, descriptor, content);
        return BlobPush.UPLOADED;
    }

    /**
     * As {@link #pushBlob(String, Descriptor, InputStream)}, for content that can be read again: a monolithic PUT
     * that fails transiently (connection reset, 429, 5xx) is retried from the start in a fresh upload session.
     */
    public BlobPush pushBlob(String repository, Descriptor descriptor, BlobOpener content) throws IOException {
        if (blobExists(repository, descriptor.digest())) {
            return BlobPush.EXISTED;
        }
        uploadBlob(repository, descriptor, content);
        return BlobPush.UPLOADED;
    }

    /** Uploads without checking existence first (the caller already knows it is missing). */
    public void uploadBlob(String repository, Descriptor descriptor, InputStream content) throws IOException {
        uploadOnce(repository, descriptor, content);
    }

    /**
     * Uploads without checking existence first, reopening {@code content} for each attempt. A streamed PUT cannot be
     * repeated by the transport (its body is spent), so a transient failure of a monolithic upload abandons that
     * upload session and starts a new one from the first byte. Chunked uploads retry each chunk instead.
     */
    public void uploadBlob(String repository, Descriptor descriptor, BlobOpener content) throws IOException {
        RetryPolicy policy = options.retry();
        for (int attempt = 1; ; attempt++) {
            try (InputStream in = content.open()) {
                uploadOnce(repository, descriptor, in);
                return;
            } catch (PutFailedTransiently e) {
                if (attempt >= policy.maxAttempts()) {
                    throw e;
                }
            }
            try {
                policy.sleeper().sleep(policy.backoff(attempt));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted during upload to " + repository);
            }
        }
    }

    /** Connection failures (status 0), 429 and 5xx except 501/505 may go away when tried again. */
    private static boolean isTransient(int status) {
        return status == 0 || status == 429 || (status >= 500 && status != 501 && status != 505);
    }

    /**
     * The monolithic PUT broke or got a transient answer: worth a new upload session when the content can be read
     * again. Only the PUT counts: the POST that starts a session is retried by the transport itself.
     */
    private static final class PutFailedTransiently extends RegistryException {
        PutFailedTransiently(RegistryException e) {
            super(e.registry(), e.repository(), e.status(), e.errors(), e.getMessage(), e);
        }
    }

    private void uploadOnce(String repository, Descriptor descriptor, InputStream content) throws IOException {
        String what = "blob " + descriptor.digest() + " to " + registry() + "/" + repository;
        // A source that already checks these bytes against this descriptor at EOF (an OCI layout's blob stream)
        // is not hashed a second time; anything else is verified here as it is sent.
        InputStream verified = content instanceof ObservingInputStream o && o.verifies(descriptor)
                ? content : new VerifyingInputStream(content, descriptor, what);
        String location = startUpload(repository, null);
        boolean done = false;
        try {
            if (descriptor.size() < options.chunkedUploadThreshold()) {
                Transport.Request put = Transport.Request.of("PUT", withDigest(location, descriptor.digest()), pullPush(repository),
                                repository, "PUT blob " + descriptor.digest())
                        .header("Content-Type", "application/octet-stream")
                        .body(Transport.Body.stream(verified, descriptor.size()));
                HttpResponse<InputStream> resp;
                try {
                    resp = transport.send(put);
                } catch (RegistryException e) {
                    // The stream's own complaint (size or digest mismatch) is the real cause, not the broken request.
                    rethrowMismatch(e);
                    // The client may have sent the declared size without reading on to EOF, where the stream
                    // checks: a source that lied is then known now, and reading it again would not help.
                    if (verified instanceof VerifyingInputStream v) {
                        v.checkIfComplete();
                    }
                    throw isTransient(e.status()) ? new PutFailedTransiently(e) : e;
                }
                if (resp.statusCode() != 201) {
                    RegistryException e = uploadError(resp, repository, put.what());
                    throw isTransient(e.status()) ? new PutFailedTransiently(e) : e;
                }
                resp.body().close();
            } else {
                location = uploadChunks(repository, descriptor, verified, location);
                Transport.Request put = Transport.Request.of("PUT", withDigest(location, descriptor.digest()), pullPush(repository),
                        repository, "PUT blob " + descriptor.digest());
                HttpResponse<InputStream> resp = transport.send(put);
                if (resp.statusCode() != 201) {
                    throw uploadError(resp, repository, put.what());
                }
                resp.body().close();
            }
            done = true;
        } finally {
            if (!done) {
                cancelUpload(repository, location);
            }
        }
    }

    private static void rethrowMismatch(Throwable e) throws DigestMismatchException {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DigestMismatchException d) {
                throw d;
            }
        }
    }

    private RegistryException uploadError(HttpResponse<InputStream> resp, String repository, String what) throws DigestMismatchException {
        RegistryException e = transport.error(resp, repository, what);
        if (e.hasCode("DIGEST_INVALID") || e.hasCode("SIZE_INVALID")) {
            throw new DigestMismatchException(e.getMessage());
        }
        return e;
    }

    private String uploadChunks(String repository, Descriptor descriptor, InputStream content, String location) throws IOException {
        byte[] chunk = new byte[(int) Math.min(options.chunkSize(), Math.max(1, descriptor.size()))];
        long offset = 0;
        while (true) {
            int n = content.readNBytes(chunk, 0, chunk.length);
            if (n == 0) {
                // Reading to EOF lets the verifying stream check the total size and digest before we commit.
                if (content.read() != -1) {
                    throw new IOException("blob stream did not end");
                }
                return location;
            }
            location = sendChunk(repository, location, chunk, n, offset);
            offset += n;
        }
    }

    /**
     * One PATCH; the chunk is in memory, so a failed PATCH can be resent. It is not simply repeated: the registry
     * may have taken part of it, so we first ask where the upload stands and send only the rest.
     */
    private String sendChunk(String repository, String location, byte[] chunk, int length, long offset) throws IOException {
        RetryPolicy policy = options.retry();
        for (int attempt = 1; ; attempt++) {
            long start = offset;
            int skip = 0;
            if (attempt > 1) {
                long have = uploadedBytes(repository, location);
                if (have == offset + length) {
                    return location; // the answer was lost, but the registry got the whole chunk
                }
                if (have < offset || have > offset + length) {
                    throw new IOException("upload to " + registry() + "/" + repository + " is at byte " + have
                            + " but the chunk being resent starts at " + offset + ": cannot continue this upload");
                }
                skip = (int) (have - offset);
                start = have;
            }
            Transport.Request patch = Transport.Request.of("PATCH", location, pullPush(repository), repository, "PATCH blob upload")
                    .header("Content-Type", "application/octet-stream")
                    .header("Content-Range", start + "-" + (offset + length - 1))
                    .body(Transport.Body.bytes(chunk, skip, length - skip))
                    .withoutTransientRetries();
            RegistryException failure;
            try {
                HttpResponse<InputStream> resp = transport.send(patch);
                if (resp.statusCode() == 202) {
                    resp.body().close();
                    return resp.headers().firstValue("Location").orElse(location);
                }
                failure = transport.error(resp, repository, patch.what());
            } catch (RegistryException e) {
                failure = e;
            }
            int s = failure.status();
            boolean transientFailure = s == 416 || isTransient(s);
            if (!transientFailure || attempt >= policy.maxAttempts()) {
                throw failure;
            }
            try {
                policy.sleeper().sleep(policy.backoff(attempt));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted during upload to " + repository);
            }
        }
    }

    /** GET upload status: how many bytes the registry holds (from its "Range: 0-N" header). */
    private long uploadedBytes(String repository, String location) throws IOException {
        Transport.Request r = Transport.Request.of("GET", location, pullPush(repository), repository, "GET blob upload status");
        HttpResponse<InputStream> resp = transport.expect(r, 204);
        resp.body().close();
        String range = resp.headers().firstValue("Range").orElse("0--1");
        Matcher m = Pattern.compile("(?:bytes=)?0-(-?\\d+)").matcher(range);
        return m.matches() ? Long.parseLong(m.group(1)) + 1 : 0;
    }

    private String startUpload(String repository, String query) throws IOException {
        Transport.Request r = Transport.Request.of("POST", "/v2/" + repo(repository) + "/blobs/uploads/" + (query == null ? "" : "?" + query),
                pullPush(repository), repository, "start blob upload");
        HttpResponse<InputStream> resp = transport.expect(r, 202);
        resp.body().close();
        return resp.headers().firstValue("Location").orElseThrow(() -> new RegistryException(registry(), repository, 202, List.of(),
                "registry " + registry() + " started an upload for " + repository + " without a Location header"));
    }

    private void cancelUpload(String repository, String location) {
        try {
            Transport.Request r = Transport.Request.of("DELETE", location, pullPush(repository), repository, "cancel blob upload");
            transport.send(r).body().close();
        } catch (IOException | RuntimeException ignored) {
            // best effort: the registry purges abandoned uploads itself
        }
    }

    /**
     * Cross-repository mount: asks the registry to link a blob from {@code fromRepository} into {@code repository}
     * without sending it. Returns false when the registry would not (then upload instead).
     */
    public boolean mountBlob(String repository, Digest digest, String fromRepository) throws IOException {
        List<String> scopes = List.of(scope(repository, "pull,push"), scope(fromRepository, "pull"));
        Transport.Request r = Transport.Request.of("POST", "/v2/" + repo(repository) + "/blobs/uploads/?mount=" + enc(digest.toString())
                + "&from=" + enc(repo(fromRepository)), scopes, repository, "mount blob " + digest + " from " + fromRepository);
        HttpResponse<InputStream> resp = transport.send(r);
        if (resp.statusCode() == 201) {
            resp.body().close();
            return true;
        }
        if (resp.statusCode() == 202) {
            // The registry declined the mount and opened an ordinary upload instead; we do not need it.
            resp.body().close();
            resp.headers().firstValue("Location").ifPresent(loc -> cancelUpload(repository, loc));
            return false;
        }
        if (resp.statusCode() == 401 || resp.statusCode() == 403 || resp.statusCode() == 404) {
            resp.body().close();
            return false;
        }
        throw transport.error(resp, repository, r.what());
    }

    // ---------------------------------------------------------------- tags

    public List<String> listTags(String repository) throws IOException {
        return listTags(repository, 0);
    }

    /** All tags, following Link: rel="next" pagination; {@code pageSize} > 0 asks for pages of that size ({@code ?n=}). */
    public List<String> listTags(String repository, int pageSize) throws IOException {
        List<String> tags = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String next = "/v2/" + repo(repository) + "/tags/list" + (pageSize > 0 ? "?n=" + pageSize : "");
        for (int page = 0; next != null; page++) {
            if (page >= MAX_TAG_PAGES || !seen.add(next)) {
                throw new IOException("tag list pagination of " + registry() + "/" + repository + " does not end (at " + next + ")");
            }
            Transport.Request r = Transport.Request.of("GET", next, pull(repository), repository, "list tags");
            HttpResponse<InputStream> resp = transport.expect(r, 200);
            byte[] body = readLimited(resp, MAX_TAG_PAGE_BYTES, "tag list of " + repository);
            JsonNode json = Json.mapper().readTree(body);
            JsonNode list = json == null ? null : json.get("tags");
            if (list != null && list.isArray()) {
                list.forEach(t -> tags.add(t.asText()));
            }
            next = resp.headers().allValues("Link").stream()
                    .map(LINK_NEXT::matcher).filter(Matcher::find).map(m -> m.group(1)).findFirst().orElse(null);
        }
        return tags;
    }

    // ---------------------------------------------------------------- referrers

    /**
     * The manifests whose {@code subject} is {@code subject}, optionally only those of one artifact type.
     * Uses the referrers API; where the registry has none (404), the spec's fallback tag {@code <alg>-<hex>}.
     */
    public List<Descriptor> referrers(String repository, Digest subject, String artifactType) throws IOException {
        String path = "/v2/" + repo(repository) + "/referrers/" + subject + (artifactType == null ? "" : "?artifactType=" + enc(artifactType));
        Transport.Request r = Transport.Request.of("GET", path, pull(repository), repository, "GET referrers of " + subject)
                .header("Accept", MediaType.OCI_INDEX);
        HttpResponse<InputStream> resp = transport.send(r);
        List<Descriptor> found;
        boolean filtered = false;
        if (resp.statusCode() == 200) {
            byte[] body = readLimited(resp, options.maxManifestBytes(), "referrers of " + subject);
            found = Index.parse(body).manifests();
            filtered = artifactType != null && resp.headers().allValues("OCI-Filters-Applied").stream()
                    .anyMatch(v -> List.of(v.split("\\s*,\\s*")).contains("artifactType"));
        } else if (resp.statusCode() == 404) {
            resp.body().close();
            found = referrersFromTag(repository, subject).map(Index::manifests).orElse(List.of());
        } else {
            throw transport.error(resp, repository, r.what());
        }
        if (artifactType == null || filtered) {
            return found;
        }
        return found.stream().filter(d -> artifactType.equals(d.artifactType())).toList();
    }

    /** The referrers tag schema: {@code sha256:abc…} → tag {@code sha256-abc…}. */
    public static String referrersTag(Digest subject) {
        return subject.algorithm() + "-" + subject.hex();
    }

    private Optional<Index> referrersFromTag(String repository, Digest subject) throws IOException {
        try {
            FetchedManifest m = getManifest(repository, referrersTag(subject));
            if (!MediaType.OCI_INDEX.equals(m.mediaType())) {
                throw new RegistryException(registry(), repository, 200, List.of(), "referrers tag " + referrersTag(subject)
                        + " of " + registry() + "/" + repository + " is a " + m.mediaType() + ", not an OCI index");
            }
            return Optional.of(Index.parse(m.raw()));
        } catch (RegistryException e) {
            if (e.isNotFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Adds a referrer to the fallback tag index (for registries without the referrers API), as the spec asks
     * clients to do after pushing a manifest with a subject. Not atomic: two concurrent writers can race.
     */
    public void addToReferrersTag(String repository, Digest subject, Descriptor referrer) throws IOException {
        Index existing = referrersFromTag(repository, subject).orElse(Index.oci(List.of()));
        if (existing.manifests().stream().anyMatch(d -> d.digest().equals(referrer.digest()))) {
            return;
        }
        List<Descriptor> all = new ArrayList<>(existing.manifests());
        all.add(referrer);
        Index updated = new Index(2, MediaType.OCI_INDEX, existing.artifactType(), all, null, existing.annotations());
        byte[] raw = updated.toJson();
        Transport.Request r = Transport.Request.of("PUT", manifestPath(repository, referrersTag(subject)), pullPush(repository),
                repository, "PUT referrers tag " + referrersTag(subject)).header("Content-Type", MediaType.OCI_INDEX).body(Transport.Body.bytes(raw));
        transport.expect(r, 201, 200).body().close();
    }

    private static Optional<Digest> subjectOf(byte[] raw, String mediaType) {
        if (!MediaType.OCI_MANIFEST.equals(mediaType) && !MediaType.OCI_INDEX.equals(mediaType)) {
            return Optional.empty();
        }
        try {
            String subject = ManifestFields.read(raw).subjectDigest();
            if (subject != null) {
                return Optional.of(Digest.parse(subject));
            }
        } catch (IOException | IllegalArgumentException e) {
            // a manifest without a readable subject has no referrers tag to maintain
        }
        return Optional.empty();
    }

    private static Descriptor referrerDescriptor(byte[] raw, String mediaType, Digest digest) throws IOException {
        JsonNode json = Json.mapper().readTree(raw);
        String artifactType = json.path("artifactType").asText(null);
        if (artifactType == null && json.has("config")) {
            artifactType = json.path("config").path("mediaType").asText(null);
        }
        Map<String, String> annotations = new LinkedHashMap<>();
        json.path("annotations").properties().forEach(e -> annotations.put(e.getKey(), e.getValue().asText()));
        return new Descriptor(mediaType, digest, raw.length, null, annotations.isEmpty() ? null : annotations, null, null, artifactType);
    }

    // ---------------------------------------------------------------- helpers

    private String mediaTypeOf(HttpResponse<InputStream> resp, byte[] raw, String repository, String reference) throws IOException {
        ManifestFields json;
        try {
            json = ManifestFields.read(raw);
        } catch (IOException e) {
            throw new RegistryException(registry(), repository, 200, List.of(), "manifest " + repository + ":" + reference
                    + " from " + registry() + " is not JSON: " + e.getMessage());
        }
        if (!json.object()) {
            throw new RegistryException(registry(), repository, 200, List.of(), "manifest " + repository + ":" + reference + " is not a JSON object");
        }
        if (json.schemaVersion() == 1) {
            throw new RegistryException(registry(), repository, 200, List.of(), "manifest " + repository + ":" + reference
                    + " uses Docker schema 1, which is deprecated and not supported: push the image again with a current tool");
        }
        Optional<String> header = mediaType(resp).filter(t -> !t.equals("application/json") && !t.equals("text/plain")
                && !t.equals("application/octet-stream"));
        String field = json.mediaType();
        if (header.isPresent()) {
            return header.get();
        }
        if (field != null && !field.isEmpty()) {
            return field;
        }
        return json.hasManifests() ? MediaType.OCI_INDEX : MediaType.OCI_MANIFEST;
    }

    private static Optional<String> mediaType(HttpResponse<?> resp) {
        return resp.headers().firstValue("Content-Type")
                .map(v -> v.split(";", 2)[0].trim().toLowerCase(Locale.ROOT))
                .filter(v -> !v.isEmpty());
    }

    private byte[] readLimited(HttpResponse<InputStream> resp, int limit, String what) throws IOException {
        OptionalLong declared = resp.headers().firstValueAsLong("Content-Length");
        try (InputStream in = resp.body()) {
            if (declared.isPresent() && declared.getAsLong() > limit) {
                throw new IOException(what + " from " + registry() + " is " + declared.getAsLong() + " bytes, more than the limit of " + limit);
            }
            byte[] data = in.readNBytes(limit + 1);
            if (data.length > limit) {
                throw new IOException(what + " from " + registry() + " is larger than the limit of " + limit + " bytes");
            }
            return data;
        }
    }

    private static Optional<Digest> parseDigest(String reference) {
        return reference.contains(":") && Digest.isValid(reference) ? Optional.of(Digest.parse(reference)) : Optional.empty();
    }

    /** Names become URL paths: anything outside the distribution spec's grammar is refused, not escaped. */
    private static String repo(String repository) {
        if (!DockerReference.isValidRepository(repository)) {
            throw new IllegalArgumentException("invalid repository name '" + repository + "'");
        }
        return repository;
    }

    private static String manifestPath(String repository, String reference) {
        if (parseDigest(reference).isEmpty() && !DockerReference.isValidTag(reference)) {
            throw new IllegalArgumentException("invalid tag or digest '" + reference + "'");
        }
        return "/v2/" + repo(repository) + "/manifests/" + reference;
    }

    private static String blobPath(String repository, Digest digest) {
        return "/v2/" + repo(repository) + "/blobs/" + digest;
    }

    private static String withDigest(String location, Digest digest) {
        return location + (location.contains("?") ? "&" : "?") + "digest=" + enc(digest.toString());
    }

    static String scope(String repository, String actions) {
        return "repository:" + repository + ":" + actions;
    }

    private static List<String> pull(String repository) {
        return List.of(scope(repository, "pull"));
    }

    private static List<String> pullPush(String repository) {
        return List.of(scope(repository, "pull,push"));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "RegistryClient[" + registry() + "]";
    }
}
