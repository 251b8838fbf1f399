package dev.lading.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lading.oci.Json;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Authentication for one registry: remembers the registry's challenge (Basic or Bearer), exchanges credentials for
 * bearer tokens at the token realm, and caches tokens per scope set until shortly before they expire.
 * Secrets live only in request headers; no message built here contains one.
 */
final class Authenticator {

    private static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofSeconds(60);
    private static final int MAX_TOKEN_RESPONSE = 1024 * 1024;

    private record CachedToken(String header, Instant refreshAt) {
    }

    private final String registry;
    private final CredentialProvider provider;
    private final Transport transport;
    private final ConcurrentHashMap<String, CachedToken> tokens = new ConcurrentHashMap<>();
    private volatile AuthChallenge challenge;
    private volatile Credentials credentials;

    Authenticator(String registry, CredentialProvider provider, Transport transport) {
        this.registry = registry;
        this.provider = provider;
        this.transport = transport;
    }

    private Credentials credentials() throws IOException {
        Credentials c = credentials;
        if (c == null) {
            c = provider.credentialsFor(registry);
            credentials = c == null ? Credentials.anonymous() : c;
            c = credentials;
        }
        return c;
    }

    boolean isAnonymous() {
        try {
            return credentials() instanceof Credentials.Anonymous;
        } catch (IOException e) {
            return true;
        }
    }

    /** The Authorization header for a request needing these scopes, once the registry's challenge is known. */
    Optional<String> authorization(List<String> scopes) throws IOException {
        AuthChallenge c = challenge;
        if (c == null) {
            return Optional.empty();
        }
        if (c.isBasic()) {
            return basicHeader(credentials());
        }
        if (c.isBearer()) {
            String key = key(scopes);
            CachedToken t = tokens.get(key);
            if (t != null && transport.options().retry().clock().instant().isBefore(t.refreshAt())) {
                return Optional.of(t.header());
            }
            CachedToken fresh = fetchToken(c, scopes);
            tokens.put(key, fresh);
            return Optional.of(fresh.header());
        }
        return Optional.empty();
    }

    /**
     * Learns from a 401. Returns true when repeating the request with new authentication can help: a new token,
     * or Basic credentials not sent before. A 401 for a token we just fetched is final.
     */
    boolean onUnauthorized(List<AuthChallenge> challenges, List<String> scopes, String usedAuthorization) throws IOException {
        AuthChallenge c = challenges.stream().filter(AuthChallenge::isBearer).findFirst()
                .or(() -> challenges.stream().filter(AuthChallenge::isBasic).findFirst())
                .orElse(null);
        if (c == null) {
            return false;
        }
        challenge = c;
        if (c.isBasic()) {
            Optional<String> header = basicHeader(credentials());
            return header.isPresent() && !header.get().equals(usedAuthorization);
        }
        List<String> wanted = new ArrayList<>(scopes);
        String challengeScope = c.param("scope");
        if (challengeScope != null) {
            for (String s : challengeScope.split(" ")) {
                if (!s.isBlank() && !wanted.contains(s)) {
                    wanted.add(s);
                }
            }
        }
        CachedToken fresh = fetchToken(c, wanted);
        tokens.put(key(scopes), fresh);
        return !fresh.header().equals(usedAuthorization);
    }

    private static String key(List<String> scopes) {
        return String.join(" ", new TreeSet<>(scopes));
    }

    private static Optional<String> basicHeader(Credentials c) {
        if (c instanceof Credentials.UsernamePassword up) {
            String raw = up.username() + ":" + up.password();
            return Optional.of("Basic " + Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8)));
        }
        return Optional.empty();
    }

    private CachedToken fetchToken(AuthChallenge c, List<String> scopes) throws IOException {
        String realm = c.param("realm");
        if (realm == null || realm.isBlank()) {
            throw new RegistryException(registry, null, 401, List.of(),
                    "registry " + registry + " asked for a bearer token but named no token realm in WWW-Authenticate");
        }
        URI realmUri;
        try {
            realmUri = URI.create(realm);
        } catch (IllegalArgumentException e) {
            throw new RegistryException(registry, null, 401, List.of(), "registry " + registry + " named an invalid token realm: " + realm);
        }
        if (!"https".equals(realmUri.getScheme()) && !"http".equals(realmUri.getScheme())) {
            throw new RegistryException(registry, null, 401, List.of(), "registry " + registry + " named a token realm that is not HTTP(S): " + realm);
        }
        String service = c.param("service");
        Credentials creds = credentials();
        HttpResponse<InputStream> resp;
        String user;
        if (creds instanceof Credentials.IdentityToken it) {
            // OAuth2 refresh-token grant, as docker does for an identitytoken.
            user = it.username();
            StringBuilder form = new StringBuilder("grant_type=refresh_token&client_id=lading&refresh_token=")
                    .append(enc(it.token()));
            if (service != null) {
                form.append("&service=").append(enc(service));
            }
            if (!scopes.isEmpty()) {
                form.append("&scope=").append(enc(String.join(" ", scopes)));
            }
            String body = form.toString();
            resp = transport.sendRaw(() -> HttpRequest.newBuilder(realmUri)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("User-Agent", transport.options().userAgent())
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), "token request");
        } else {
            StringBuilder q = new StringBuilder();
            if (service != null) {
                q.append("service=").append(enc(service));
            }
            for (String s : scopes) {
                q.append(q.isEmpty() ? "" : "&").append("scope=").append(enc(s));
            }
            URI uri = URI.create(realm + (q.isEmpty() ? "" : (realm.contains("?") ? "&" : "?") + q));
            Optional<String> basic = basicHeader(creds);
            user = creds instanceof Credentials.UsernamePassword up ? up.username() : null;
            resp = transport.sendRaw(() -> {
                HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET().header("User-Agent", transport.options().userAgent());
                basic.ifPresent(h -> b.header("Authorization", h));
                return b.build();
            }, "token request");
        }
        int status = resp.statusCode();
        if (status != 200) {
            RegistryException e = transport.error(resp, null, "token request to " + realmUri.getHost());
            String who = user == null ? "anonymous access" : "the credentials of user '" + user + "'";
            String msg = (status == 401 || status == 403)
                    ? "authentication to " + registry + " failed: the token server " + realmUri.getHost() + " rejected " + who
                    + " (HTTP " + status + "): run `lading login " + registry + "`"
                    : e.getMessage();
            throw new RegistryException(registry, null, status, e.errors(), msg);
        }
        JsonNode json;
        try (InputStream in = resp.body()) {
            byte[] raw = in.readNBytes(MAX_TOKEN_RESPONSE + 1);
            if (raw.length > MAX_TOKEN_RESPONSE) {
                throw new RegistryException(registry, null, status, List.of(), "token response from " + realmUri.getHost() + " is too large");
            }
            json = Json.mapper().readTree(raw);
        } catch (IOException e) {
            throw new RegistryException(registry, null, status, List.of(), "token response from " + realmUri.getHost() + " is not JSON", e);
        }
        String token = text(json, "token");
        if (token == null) {
            token = text(json, "access_token");
        }
        if (token == null) {
            throw new RegistryException(registry, null, status, List.of(),
                    "token response from " + realmUri.getHost() + " has neither 'token' nor 'access_token'");
        }
        long expiresIn = json.path("expires_in").asLong(0);
        Duration lifetime = expiresIn > 0 ? Duration.ofSeconds(expiresIn) : DEFAULT_TOKEN_LIFETIME;
        Instant now = transport.options().retry().clock().instant();
        // Refresh a little early so a token does not expire between our check and the registry's.
        Duration margin = lifetime.dividedBy(10).compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10) : lifetime.dividedBy(10);
        return new CachedToken("Bearer " + token, now.plus(lifetime).minus(margin));
    }

    private static String text(JsonNode json, String field) {
        JsonNode n = json == null ? null : json.get(field);
        return n == null || !n.isTextual() || n.asText().isEmpty() ? null : n.asText();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
