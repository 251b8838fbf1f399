package dev.lading.registry;

import javax.net.ssl.SSLContext;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lading.oci.DockerReference;
import dev.lading.oci.Json;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * HTTP to one registry host: picks the scheme, attaches authentication, follows redirects (dropping credentials
 * when they lead elsewhere, e.g. to S3), retries transient failures, and turns error answers into
 * {@link RegistryException}s that name what failed.
 */
final class Transport {

    /** A request body; a streamed one can be sent only once, so a request carrying it is never retried. */
    record Body(HttpRequest.BodyPublisher publisher, boolean replayable, boolean present) {
        static Body none() {
            return new Body(HttpRequest.BodyPublishers.noBody(), true, false);
        }

        static Body bytes(byte[] data) {
            return new Body(HttpRequest.BodyPublishers.ofByteArray(data), true, true);
        }

        static Body bytes(byte[] data, int offset, int length) {
            return new Body(HttpRequest.BodyPublishers.ofByteArray(data, offset, length), true, true);
        }

        /** Streams {@code length} bytes with a Content-Length header, never holding the whole body in memory. */
        static Body stream(InputStream in, long length) {
            HttpRequest.BodyPublisher p = HttpRequest.BodyPublishers.fromPublisher(
                    HttpRequest.BodyPublishers.ofInputStream(() -> in), length);
            return new Body(p, false, true);
        }
    }

    /**
     * One logical request.
     *
     * @param target     a path below the registry ("/v2/...") or an absolute URL the registry returned (upload locations)
     * @param scopes     token scopes this request needs, e.g. {@code repository:foo:pull}
     * @param repository for error messages; null for registry-wide requests
     * @param what       for error messages: the operation, e.g. "GET manifest latest"
     */
    record Request(String method, String target, Map<String, String> headers, Body body, List<String> scopes,
                   String repository, String what, boolean retryTransient) {
        Request {
            headers = Map.copyOf(headers);
            scopes = List.copyOf(scopes);
        }

        static Request of(String method, String target, List<String> scopes, String repository, String what) {
            return new Request(method, target, Map.of(), Body.none(), scopes, repository, what, true);
        }

        Request header(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Request(method, target, h, body, scopes, repository, what, retryTransient);
        }

        Request body(Body newBody) {
            return new Request(method, target, headers, newBody, scopes, repository, what, retryTransient);
        }

        /** For requests whose retry needs more than repeating them (an upload chunk: ask the registry where it stands). */
        Request withoutTransientRetries() {
            return new Request(method, target, headers, body, scopes, repository, what, false);
        }
    }

    private static final int MAX_REDIRECTS = 10;
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final String registry;
    private final String host;
    private final RegistryOptions options;
    private final HttpClient http;
    private final Authenticator auth;
    private volatile String scheme;

    Transport(String registry, RegistryOptions options, CredentialProvider credentials) throws IOException {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.host = registry.equals(DockerReference.DOCKER_HUB) ? "registry-1.docker.io" : registry;
        this.options = options;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(options.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER);
        javax.net.ssl.SSLParameters lazy = TlsContexts.lazyParameters(options);
        if (lazy != null) {
            // TLS set up at the first HTTPS connection: a registry on plain HTTP never pays for it
            builder.sslContext(TlsContexts.lazy(options)).sslParameters(lazy);
        } else {
            builder.sslContext(TlsContexts.create(options));
        }
        this.http = builder.build();
        this.auth = new Authenticator(registry, credentials, this);
        boolean localhost = DockerReference.isLocalhost(registry);
        // Plain HTTP on this machine is what docker and skopeo allow without asking (unless a certs.d directory
        // says this registry speaks TLS); anything else is HTTPS unless the user turned verification off, and then
        // HTTPS is still tried first.
        this.scheme = options.plainHttp() || (localhost && !options.localhostTls()) ? "http" : (options.tlsVerify() ? "https" : null);
    }

    String registry() {
        return registry;
    }

    /** The HTTP client's TLS context: for tests. */
    SSLContext sslContext() {
        return http.sslContext();
    }

    /**
     * Stops the HTTP client's selector thread. Not only tidiness: the JVM's exit waits up to 300 ms for any thread
     * that sits in native code, and an idle selector waits in epoll, so a command that leaves one running ends a
     * third of a second late.
     */
    void close() {
        http.shutdownNow();
        try {
            http.awaitTermination(java.time.Duration.ofMillis(200));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    RegistryOptions options() {
        return options;
    }

    Authenticator authenticator() {
        return auth;
    }

    URI baseUri() {
        String s = scheme;
        return URI.create((s == null ? "https" : s) + "://" + host);
    }

    URI resolve(String target) {
        if (target.startsWith("http://") || target.startsWith("https://")) {
            return URI.create(target);
        }
        return baseUri().resolve(target);
    }

    /** Sends the request with authentication and retries; the caller owns (and must close) the response body. */
    HttpResponse<InputStream> send(Request r) throws IOException {
        boolean authRetried = false;
        while (true) {
            String authorization = auth.authorization(r.scopes()).orElse(null);
            HttpResponse<InputStream> resp = withRetries(prepare(r, authorization), r.body().replayable() && r.retryTransient(),
                    r.repository(), r.what());
            if (resp.statusCode() == 401 && !authRetried && r.body().replayable()) {
                List<AuthChallenge> challenges = AuthChallenge.parse(resp.headers().allValues("WWW-Authenticate"));
                if (auth.onUnauthorized(challenges, r.scopes(), authorization)) {
                    resp.body().close();
                    authRetried = true;
                    continue;
                }
            }
            return resp;
        }
    }

    /** Sends and requires one of the expected statuses; anything else becomes a {@link RegistryException}. */
    HttpResponse<InputStream> expect(Request r, int... statuses) throws IOException {
        HttpResponse<InputStream> resp = send(r);
        for (int s : statuses) {
            if (resp.statusCode() == s) {
                return resp;
            }
        }
        throw error(resp, r.repository(), r.what());
    }

    /** One attempt = one request plus the redirects it leads to. */
    interface Attempt {
        HttpResponse<InputStream> run() throws IOException, InterruptedException;
    }

    private Attempt prepare(Request r, String authorization) {
        return () -> {
            URI uri = resolve(r.target());
            String method = r.method();
            for (int hop = 0; ; hop++) {
                HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                        .method(method, hop == 0 ? r.body().publisher() : HttpRequest.BodyPublishers.noBody())
                        .header("User-Agent", options.userAgent());
                if (uri.getScheme().equals("http")) {
                    // h2c upgrade with a request body is poorly supported by registries; HTTP/1.1 always works.
                    b.version(HttpClient.Version.HTTP_1_1);
                }
                if (r.body().replayable()) {
                    // Only when the body is small or absent: a streamed upload's answer comes after all its bytes.
                    b.timeout(options.responseTimeout());
                }
                r.headers().forEach(b::header);
                if (authorization != null && sameOrigin(uri)) {
                    b.header("Authorization", authorization);
                }
                HttpResponse<InputStream> resp = sendProbing(b, uri);
                int s = resp.statusCode();
                boolean redirect = s == 301 || s == 302 || s == 303 || s == 307 || s == 308;
                Optional<String> location = resp.headers().firstValue("Location");
                if (!redirect || location.isEmpty() || !(method.equals("GET") || method.equals("HEAD"))) {
                    return resp;
                }
                resp.body().close();
                if (hop >= MAX_REDIRECTS) {
                    throw new IOException("too many redirects from " + r.target());
                }
                URI next = uri.resolve(location.get());
                if (uri.getScheme().equals("https") && next.getScheme().equals("http") && options.tlsVerify()) {
                    throw new IOException("refusing a redirect from HTTPS to plain HTTP (" + next.getHost() + ")");
                }
                uri = next;
            }
        };
    }

    /** When plain HTTP is allowed but not known to be needed, the first request tells HTTPS and HTTP apart. */
    private HttpResponse<InputStream> sendProbing(HttpRequest.Builder b, URI uri) throws IOException, InterruptedException {
        if (scheme != null || !sameOrigin(uri)) {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        }
        try {
            HttpResponse<InputStream> resp = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            scheme = "https";
            return resp;
        } catch (SSLException e) {
            scheme = "http";
            URI plain = URI.create("http" + uri.toString().substring("https".length()));
            return http.send(b.uri(plain).version(HttpClient.Version.HTTP_1_1).build(), HttpResponse.BodyHandlers.ofInputStream());
        }
    }

    private boolean sameOrigin(URI uri) {
        return uri.getHost() != null && uri.getAuthority() != null && uri.getAuthority().equalsIgnoreCase(host);
    }

    /**
     * Runs attempts until one gets an answer that is not transient. Connection failures, 429 and 5xx (except 501/505)
     * are retried with backoff; 4xx are answers, never retried. A non-replayable body is attempted once.
     */
    HttpResponse<InputStream> withRetries(Attempt attempt, boolean replayable, String repository, String what) throws IOException {
        RetryPolicy policy = options.retry();
        int max = replayable ? policy.maxAttempts() : 1;
        for (int n = 1; ; n++) {
            HttpResponse<InputStream> resp;
            try {
                resp = attempt.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException(what + ": interrupted");
            } catch (SSLException e) {
                throw new RegistryException(registry, repository, 0, List.of(),
                        what + " " + where(repository) + ": TLS failed: " + e.getMessage()
                                + " (for a private CA put its ca.crt in /etc/containers/certs.d/" + registry + "/ or pass --ca-file;"
                                + " a registry that wants a client certificate needs client.cert and client.key there;"
                                + " for a test registry use --tls-verify=false)", e);
            } catch (IOException e) {
                if (http.isTerminated()) {
                    throw new RegistryException(registry, repository, 0, List.of(),
                            what + " " + where(repository) + ": the registry client was closed", e);
                }
                if (n >= max) {
                    String reason = e instanceof ConnectException ? "cannot connect" : "connection failed";
                    throw new RegistryException(registry, repository, 0, List.of(),
                            what + " " + where(repository) + ": " + reason + " to " + baseUri() + ": " + describe(e)
                                    + (n > 1 ? " (after " + n + " attempts)" : ""), e);
                }
                sleep(policy.backoff(n), what);
                continue;
            }
            int s = resp.statusCode();
            boolean transientStatus = s == 429 || (s >= 500 && s != 501 && s != 505);
            if (!transientStatus || n >= max) {
                return resp;
            }
            final int failed = n;
            Duration wait = retryAfter(resp.headers(), policy).orElseGet(() -> policy.backoff(failed));
            resp.body().close();
            sleep(wait, what);
        }
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    private void sleep(Duration d, String what) throws IOException {
        try {
            options.retry().sleeper().sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException(what + ": interrupted while waiting to retry");
        }
    }

    /** Retry-After as delta-seconds or an HTTP date, capped so a server cannot park us for hours. */
    Optional<Duration> retryAfter(HttpHeaders headers, RetryPolicy policy) {
        Optional<String> v = headers.firstValue("Retry-After");
        if (v.isEmpty()) {
            return Optional.empty();
        }
        String text = v.get().trim();
        Duration d;
        try {
            d = Duration.ofSeconds(Long.parseLong(text));
        } catch (NumberFormatException e) {
            try {
                Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                d = Duration.between(policy.clock().instant(), at);
            } catch (DateTimeParseException e2) {
                return Optional.empty();
            }
        }
        if (d.isNegative()) {
            d = Duration.ZERO;
        }
        return Optional.of(d.compareTo(policy.maxRetryAfter()) > 0 ? policy.maxRetryAfter() : d);
    }

    String where(String repository) {
        return repository == null ? "on registry " + registry : "for " + registry + "/" + repository;
    }

    /** Reads (a bounded part of) an error answer and closes it; the message names registry, repository, status, codes. */
    RegistryException error(HttpResponse<InputStream> resp, String repository, String what) {
        byte[] body = new byte[0];
        try (InputStream in = resp.body()) {
            body = in.readNBytes(MAX_ERROR_BODY);
        } catch (IOException ignored) {
            // the status alone still says what went wrong
        }
        List<RegistryException.ErrorDetail> details = parseErrors(body);
        int status = resp.statusCode();
        StringBuilder m = new StringBuilder(what).append(' ').append(where(repository)).append(": HTTP ").append(status);
        if (!details.isEmpty()) {
            for (RegistryException.ErrorDetail d : details) {
                m.append(", ").append(d.code());
                if (d.message() != null && !d.message().isBlank()) {
                    m.append(": ").append(d.message());
                }
            }
        } else if (body.length > 0 && body.length < 300 && !resp.request().method().equals("HEAD")) {
            String text = new String(body, StandardCharsets.UTF_8).strip();
            if (!text.isEmpty() && !text.startsWith("<")) {
                m.append(": ").append(text);
            }
        }
        hint(status, details, repository).ifPresent(h -> m.append(" (").append(h).append(')'));
        if (status == 400 && resp.request().uri().getScheme().equals("http") && (new String(body, StandardCharsets.UTF_8).contains(
                "HTTP request to an HTTPS server") || resp.request().method().equals("HEAD") && resp.headers().firstValue("Content-Type").isEmpty())) {
            // Go's TLS servers answer plain HTTP with a bare 400 (no headers; the reason only in the body HEAD drops)
            m.append(" (the registry seems to speak HTTPS: put its CA certificate in /etc/containers/certs.d/").append(registry)
                    .append("/ca.crt, or a certs.d root named by $LADING_CERTS_DIR, so that lading uses TLS for it)");
        }
        return new RegistryException(registry, repository, status, details, m.toString());
    }

    private Optional<String> hint(int status, List<RegistryException.ErrorDetail> details, String repository) {
        boolean anonymous = auth.isAnonymous();
        if (status == 401) {
            return Optional.of(anonymous
                    ? "authentication required: run `lading login " + registry + "`"
                    : "the registry rejected the stored credentials: run `lading login " + registry + "` again");
        }
        if (status == 403 || details.stream().anyMatch(d -> "DENIED".equals(d.code()))) {
            return Optional.of("access denied: " + (anonymous ? "run `lading login " + registry + "`"
                    : "the credentials for " + registry + " lack permission" + (repository == null ? "" : " for " + repository)));
        }
        if (status == 404 && details.stream().anyMatch(d -> "NAME_UNKNOWN".equals(d.code()))) {
            return Optional.of("the repository does not exist or is not visible to these credentials");
        }
        if (status == 429) {
            return Optional.of("rate limited: try again later" + (anonymous ? " or log in for a higher limit" : ""));
        }
        return Optional.empty();
    }

    static List<RegistryException.ErrorDetail> parseErrors(byte[] body) {
        List<RegistryException.ErrorDetail> out = new ArrayList<>();
        if (body.length == 0) {
            return out;
        }
        try {
            JsonNode root = Json.mapper().readTree(body);
            JsonNode errors = root == null ? null : root.get("errors");
            if (errors != null && errors.isArray()) {
                for (JsonNode e : errors) {
                    String code = e.path("code").asText("UNKNOWN");
                    String message = e.path("message").asText("");
                    out.add(new RegistryException.ErrorDetail(code.toUpperCase(Locale.ROOT), message));
                }
            }
        } catch (IOException | RuntimeException notJson) {
            // not a distribution error body: the caller falls back to the raw text
        }
        return out;
    }

    /** Runs a request without registry authentication (token realm, redirected storage) with the same retries. */
    HttpResponse<InputStream> sendRaw(Supplier<HttpRequest> request, String what) throws IOException {
        return withRetries(() -> http.send(request.get(), HttpResponse.BodyHandlers.ofInputStream()), true, null, what);
    }
}
