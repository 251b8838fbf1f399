package dev.lading.registry.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.lading.oci.Json;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A docker/distribution token server for tests: checks Basic credentials, grants every requested scope to a known
 * user, and signs ES256 JWTs whose x5c header carries a self-signed certificate that the registry trusts through
 * its {@code rootcertbundle}. Anonymous requests get a token with no access.
 */
public final class TokenServer implements AutoCloseable {

    public static final String SERVICE = "lading-test-registry";
    public static final String ISSUER = "lading-test-issuer";

    private final HttpServer server;
    private final Map<String, String> users;
    private final KeyPair keys;
    private final X509Certificate certificate;
    private final AtomicInteger requests = new AtomicInteger();
    private final List<String> scopeLog = Collections.synchronizedList(new ArrayList<>());
    private volatile long expiresInSeconds = 300;
    private volatile boolean useAccessTokenField;

    private TokenServer(Map<String, String> users) throws IOException {
        this.users = Map.copyOf(users);
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            this.keys = g.generateKeyPair();
            X500Name name = new X500Name("CN=lading test token issuer");
            Instant now = Instant.now();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                    Date.from(now.minusSeconds(3600)), Date.from(now.plusSeconds(86400)), name, keys.getPublic());
            this.certificate = new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
        } catch (Exception e) {
            throw new IOException("cannot create the token signing key", e);
        }
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/token", this::handle);
        server.start();
    }

    public static TokenServer start(Map<String, String> users) throws IOException {
        return new TokenServer(users);
    }

    public String realm() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
    }

    /** The certificate for the registry's rootcertbundle, PEM. */
    public String certificatePem() {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Token requests served so far (successful or not). */
    public int requestCount() {
        return requests.get();
    }

    /** The scope parameters of every token request, space-joined per request. */
    public List<String> scopeLog() {
        synchronized (scopeLog) {
            return List.copyOf(scopeLog);
        }
    }

    public void setExpiresInSeconds(long seconds) {
        this.expiresInSeconds = seconds;
    }

    /** Answer with {@code access_token} (OAuth2 style) instead of {@code token}. */
    public void setUseAccessTokenField(boolean use) {
        this.useAccessTokenField = use;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            requests.incrementAndGet();
            try (InputStream in = ex.getRequestBody()) {
                in.readAllBytes();
            }
            List<String> scopes = new ArrayList<>();
            String service = null;
            String query = ex.getRequestURI().getRawQuery();
            if (query != null) {
                for (String part : query.split("&")) {
                    int eq = part.indexOf('=');
                    String k = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
                    String v = eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
                    if (k.equals("scope")) {
                        scopes.addAll(List.of(v.split(" ")));
                    } else if (k.equals("service")) {
                        service = v;
                    }
                }
            }
            scopeLog.add(String.join(" ", scopes));
            String subject = "";
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            if (auth != null) {
                if (!auth.startsWith("Basic ")) {
                    reply(ex, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"basic auth expected\"}]}");
                    return;
                }
                String decoded = new String(Base64.getDecoder().decode(auth.substring(6)), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                String user = decoded.substring(0, colon);
                String password = decoded.substring(colon + 1);
                if (!password.equals(users.get(user))) {
                    reply(ex, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"invalid username or password\"}]}");
                    return;
                }
                subject = user;
            }
            if (!SERVICE.equals(service)) {
                reply(ex, 400, "{\"errors\":[{\"code\":\"INVALID_SERVICE\",\"message\":\"unknown service\"}]}");
                return;
            }
            String jwt = sign(subject, subject.isEmpty() ? List.of() : scopes);
            ObjectNode body = Json.mapper().createObjectNode();
            body.put(useAccessTokenField ? "access_token" : "token", jwt);
            body.put("expires_in", expiresInSeconds);
            body.put("issued_at", Instant.now().toString());
            reply(ex, 200, body.toString());
        }
    }

    private String sign(String subject, List<String> scopes) {
        try {
            ObjectNode header = Json.mapper().createObjectNode();
            header.put("typ", "JWT");
            header.put("alg", "ES256");
            header.putArray("x5c").add(Base64.getEncoder().encodeToString(certificate.getEncoded()));
            long now = Instant.now().getEpochSecond();
            ObjectNode claims = Json.mapper().createObjectNode();
            claims.put("iss", ISSUER);
            claims.put("sub", subject);
            claims.put("aud", SERVICE);
            claims.put("exp", now + expiresInSeconds);
            claims.put("nbf", now - 60);
            claims.put("iat", now);
            claims.put("jti", UUID.randomUUID().toString());
            ArrayNode access = claims.putArray("access");
            for (String scope : scopes) {
                // repository:NAME:ACTIONS, where NAME may itself not contain ':' (no port in repository names)
                String[] p = scope.split(":");
                if (p.length != 3) {
                    continue;
                }
                ObjectNode a = access.addObject();
                a.put("type", p[0]);
                a.put("name", p[1]);
                ArrayNode actions = a.putArray("actions");
                for (String action : p[2].split(",")) {
                    actions.add(action);
                }
            }
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            String signingInput = b64.encodeToString(Json.write(header)) + "." + b64.encodeToString(Json.write(claims));
            Signature s = Signature.getInstance("SHA256withECDSAinP1363Format");
            s.initSign(keys.getPrivate());
            s.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + b64.encodeToString(s.sign());
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign a test token", e);
        }
    }

    private static void reply(HttpExchange ex, int status, String json) throws IOException {
        byte[] data = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, data.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(data);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
