package dev.lading.scan.secrets;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One kind of secret: a pattern whose group {@code secret} is the secret itself, words of which one must be on
 * a line before the pattern runs (the cheap pre-filter that keeps a scan of a whole image fast; found in either
 * case for ASCII letters, as a {@code (?i)} pattern matches, see {@link Keywords}), and a
 * {@link Check} that rejects shapes the pattern alone cannot (placeholders, low entropy, a JWT whose header is
 * not JSON). {@code paths}, when set, limits a rule to files whose path it finds (credentials files);
 * {@code requires}, when set, must also occur somewhere in the same file or value (the {@code "type":
 * "service_account"} of a GCP key file). A match may start at most {@link #LOOKBACK} characters before the
 * first keyword on its line: the scan starts there, which keeps long minified lines cheap.
 */
public record SecretRule(String id, String title, Severity severity, List<String> keywords, Pattern pattern, Check check,
                         Set<Source> sources, Pattern paths, Pattern requires) {

    public enum Severity { CRITICAL, HIGH, MEDIUM, LOW }

    /** How far before its first keyword a match may start (a URL's scheme before "://", "export " before a name). */
    public static final int LOOKBACK = 96;

    /** Where a secret was found: a file in a layer, or the image config. */
    public enum Source { FILE, ENV, LABEL, HISTORY }

    /** What must hold of a match besides the pattern. */
    public enum Check {
        /** Nothing more. */
        NONE,
        /** Not a template variable, a well-known dummy or a repeated character. */
        NOT_PLACEHOLDER,
        /** Not a placeholder, and the variable's name is not that of a path to a secret ({@code *_FILE}). */
        NAMED_VALUE,
        /** Not a placeholder or an identifier, and Shannon entropy at least the configured minimum. */
        ENTROPY,
        /** The first part decodes to a JSON object with an {@code alg}. */
        JWT_HEADER,
        /** Base64 of {@code user:password}. */
        DOCKER_AUTH,
        /** The user or password is not a placeholder. */
        URL_PASSWORD,
        /** The BEGIN line is followed by a base64 body; the body's first line is what is reported. */
        PRIVATE_KEY_BODY
    }

    public SecretRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(check, "check");
        keywords = keywords.stream().map(k -> k.toLowerCase(Locale.ROOT)).toList();
        sources = Set.copyOf(sources);
        if (check != Check.PRIVATE_KEY_BODY && !pattern.pattern().contains("(?<secret>")) {
            throw new IllegalArgumentException("rule " + id + ": the pattern has no group named 'secret'");
        }
    }

    boolean appliesTo(Source source, String path) {
        if (!sources.contains(source)) {
            return false;
        }
        return paths == null || source != Source.FILE || paths.matcher(path).find();
    }
}
