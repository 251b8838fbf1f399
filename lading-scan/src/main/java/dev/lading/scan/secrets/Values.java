package dev.lading.scan.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** The checks a pattern cannot make on its own: is this value a real secret or a stand-in for one. */
final class Values {
    private Values() {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Set<String> DUMMIES = Set.of("changeme", "change_me", "changeit", "password", "passwd", "secret", "token",
            "null", "none", "nil", "true", "false", "undefined", "empty", "redacted", "placeholder", "example", "dummy", "test",
            "default", "required", "optional", "string", "value", "mypassword", "pass", "user", "username", "admin");

    private static final String[] DUMMY_PARTS = {"example", "xxxx", "****", "placeholder", "changeme", "change_me", "your_",
            "your-", "yourpass", "dummy", "redacted", "replace_me", "replaceme"};

    /** A dotted or plain identifier (config.secret_key, get_token), which is code rather than a secret. */
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(?:(?:\\.|::|->)[A-Za-z_][A-Za-z0-9_]*)*(?:\\(\\))?");

    static boolean isPlaceholder(String value) {
        String v = value.strip();
        if (v.isEmpty()) {
            return true;
        }
        if (v.startsWith("$") || v.contains("${") || v.contains("{{") || v.contains("%(") || v.startsWith("<") || v.startsWith("[")
                || v.startsWith("%") && v.endsWith("%")) {
            return true;
        }
        String lower = v.toLowerCase(Locale.ROOT);
        if (DUMMIES.contains(lower)) {
            return true;
        }
        for (String part : DUMMY_PARTS) {
            if (lower.contains(part)) {
                return true;
            }
        }
        return v.chars().distinct().count() <= 2;
    }

    static boolean looksLikeIdentifier(String value) {
        return IDENTIFIER.matcher(value).matches() && value.chars().noneMatch(Character::isDigit);
    }

    /** A call, an index or a member of this/self: an expression, whose value is not in the text. */
    static boolean looksLikeCode(String value) {
        for (int i = 0; i < value.length(); i++) {
            if ("()[]{}<>".indexOf(value.charAt(i)) >= 0) {
                return true;
            }
        }
        return value.startsWith("self.") || value.startsWith("this.") || value.startsWith("os.") || value.startsWith("process.");
    }

    /** Bits per character of the value's own character distribution. */
    static double entropy(String value) {
        if (value.isEmpty()) {
            return 0;
        }
        char[] chars = value.toCharArray();
        java.util.Arrays.sort(chars);
        double h = 0;
        int run = 1;
        for (int i = 1; i <= chars.length; i++) {
            if (i < chars.length && chars[i] == chars[i - 1]) {
                run++;
                continue;
            }
            double p = (double) run / chars.length;
            h -= p * (Math.log(p) / Math.log(2));
            run = 1;
        }
        return h;
    }

    static boolean isJwt(String token) {
        String header = token.substring(0, token.indexOf('.'));
        try {
            JsonNode node = JSON.readTree(Base64.getUrlDecoder().decode(padded(header)));
            return node != null && node.isObject() && node.has("alg");
        } catch (IllegalArgumentException | java.io.IOException e) {
            return false;
        }
    }

    static boolean isDockerAuth(String base64) {
        try {
            String decoded = new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon > 0 && colon < decoded.length() - 1 && !isPlaceholder(decoded.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String padded(String base64url) {
        int pad = (4 - base64url.length() % 4) % 4;
        return base64url + "=".repeat(pad);
    }

    /** A name such as DB_PASSWORD_FILE points at a secret (the way to do it right), it does not hold one. */
    static boolean namesAReference(String name) {
        String n = name.toUpperCase(Locale.ROOT);
        return n.endsWith("_FILE") || n.endsWith("_PATH") || n.endsWith("_DIR") || n.endsWith("_URL") || n.endsWith("_NAME")
                || n.endsWith("_ID") || n.endsWith("_HEADER") || n.endsWith("_ENV") || n.endsWith("_LENGTH") || n.endsWith("_SIZE")
                || n.endsWith("_TYPE") || n.endsWith("_EXPIRY") || n.endsWith("_TTL");
    }

    /**
     * What a report may show of a secret: a few leading characters (a token's public prefix such as
     * {@code ghp_}, never more than a quarter of it) and a mask.
     */
    static String redact(String secret) {
        int keep = Math.min(4, secret.length() / 4);
        return secret.substring(0, keep) + "****";
    }
}
