package dev.lading.scan.secrets;

import dev.lading.scan.secrets.SecretRule.Check;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules run over one text (a file, or one config value), line by line, keeping only what later lines can
 * change: a private key's BEGIN line waiting for its body, and matches waiting for their rule's
 * {@code requires} to show up anywhere in the text.
 */
final class TextScan {

    /** A secret found, with the raw value: internal only, never printed (no record, so no toString with it). */
    static final class Hit {
        final SecretRule rule;
        final int line;
        final String secret;

        Hit(SecretRule rule, int line, String secret) {
            this.rule = rule;
            this.line = line;
            this.secret = secret;
        }
    }

    private static final Pattern KEY_BODY = Pattern.compile("^\\s*[\"']?(?<body>[A-Za-z0-9+/=]{20,})");
    private static final Pattern KEY_HEADER = Pattern.compile("^\\s*(?:Proc-Type|DEK-Info|Comment|Version):.*|^\\s*$");

    private final List<SecretRule> rules;
    /** The keywords of each rule, by its index in {@link #rules}. */
    private final int[][] keywordsOf;
    private final Keywords.Positions positions;
    private final double minEntropy;
    private final List<Hit> hits = new ArrayList<>();
    private final List<Hit> waiting = new ArrayList<>();
    private final Set<SecretRule> required = new HashSet<>();
    private SecretRule keyRule;
    private int keyLine;

    TextScan(List<SecretRule> rules, Keywords keywords, double minEntropy) {
        this.rules = rules;
        this.keywordsOf = new int[rules.size()][];
        for (int i = 0; i < rules.size(); i++) {
            keywordsOf[i] = keywords.of(rules.get(i));
        }
        this.positions = keywords.new Positions();
        this.minEntropy = minEntropy;
    }

    void line(String text, int number) {
        if (keyRule != null) {
            key(text);
        }
        // every keyword of every rule in one pass over the line, case-insensitively, without a lower-cased copy
        positions.find(text);
        for (int r = 0; r < rules.size(); r++) {
            SecretRule rule = rules.get(r);
            if (rule.requires() != null && !required.contains(rule) && rule.requires().matcher(text).find()) {
                required.add(rule);
            }
            int keyword = positions.first(keywordsOf[r]);
            if (keyword < 0) {
                continue;
            }
            Matcher m = rule.pattern().matcher(text);
            if (keyword > SecretRule.LOOKBACK) {
                m.region(keyword - SecretRule.LOOKBACK, text.length()).useTransparentBounds(true).useAnchoringBounds(false);
            }
            while (m.find()) {
                if (rule.check() == Check.PRIVATE_KEY_BODY) {
                    keyRule = rule;
                    keyLine = number;
                    // a one-line PEM (a JSON string, an env value) carries its body after the header
                    String after = text.substring(m.end()).replace("\\n", "\n").strip();
                    if (!after.isEmpty()) {
                        key(after.lines().findFirst().orElse(""));
                    }
                    continue;
                }
                String secret = m.group("secret");
                if (!passes(rule, m, secret)) {
                    continue;
                }
                add(new Hit(rule, number, secret));
            }
        }
    }

    private void key(String text) {
        Matcher body = KEY_BODY.matcher(text);
        if (body.find()) {
            add(new Hit(keyRule, keyLine, body.group("body")));
            keyRule = null;
        } else if (!KEY_HEADER.matcher(text).matches()) {
            // an END line or prose: the BEGIN line was a mention, not a key
            keyRule = null;
        }
    }

    private void add(Hit hit) {
        if (hit.rule.requires() != null) {
            waiting.add(hit);
        } else {
            hits.add(hit);
        }
    }

    private boolean passes(SecretRule rule, Matcher m, String secret) {
        return switch (rule.check()) {
            case NONE, PRIVATE_KEY_BODY -> true;
            case NOT_PLACEHOLDER -> !Values.isPlaceholder(secret);
            case NAMED_VALUE -> !Values.isPlaceholder(secret) && !Values.namesAReference(m.group("name"))
                    && !secret.startsWith("/") && !secret.startsWith("./");
            case ENTROPY -> !Values.isPlaceholder(secret) && !Values.looksLikeIdentifier(secret) && !Values.looksLikeCode(secret)
                    && !Values.namesAReference(m.group("name")) && Values.entropy(secret) >= minEntropy;
            case JWT_HEADER -> Values.isJwt(secret);
            case DOCKER_AUTH -> Values.isDockerAuth(secret);
            case URL_PASSWORD -> !Values.isPlaceholder(secret);
        };
    }

    /**
     * The hits of the whole text, in line order. The same value on the same line is one secret, reported by the
     * earliest (most specific) rule that still holds once the whole text is known.
     */
    List<Hit> finish() {
        List<Hit> all = new ArrayList<>(hits);
        for (Hit h : waiting) {
            if (required.contains(h.rule)) {
                all.add(h);
            }
        }
        all.sort(java.util.Comparator.<Hit>comparingInt(h -> h.line).thenComparingInt(h -> rules.indexOf(h.rule)));
        Set<String> seen = new HashSet<>();
        List<Hit> out = new ArrayList<>();
        for (Hit h : all) {
            if (seen.add(h.line + "\u0000" + h.secret)) {
                out.add(h);
            }
        }
        return out;
    }
}
