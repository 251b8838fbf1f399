package dev.lading.scan.vuln;

import java.util.Locale;
import java.util.Optional;

/** How bad a vulnerability is, in the CVSS qualitative scale; UNKNOWN when no source says. Ordered lowest first. */
public enum Severity {
    UNKNOWN, NONE, LOW, MEDIUM, HIGH, CRITICAL;

    /** The CVSS v3/v4 rating of a base score: 0 none, 0.1-3.9 low, 4.0-6.9 medium, 7.0-8.9 high, 9.0-10 critical. */
    public static Severity ofScore(double score) {
        if (score <= 0) {
            return NONE;
        }
        if (score < 4.0) {
            return LOW;
        }
        if (score < 7.0) {
            return MEDIUM;
        }
        return score < 9.0 ? HIGH : CRITICAL;
    }

    /**
     * A severity word as databases write it: lading's own names, GHSA's MODERATE, Debian's urgencies
     * (unimportant, low, medium, high; "not yet assigned" is unknown), Ubuntu's priorities (negligible ...).
     */
    public static Optional<Severity> ofWord(String word) {
        if (word == null) {
            return Optional.empty();
        }
        String w = word.strip().toLowerCase(Locale.ROOT).replace('_', ' ');
        return Optional.ofNullable(switch (w) {
            case "critical" -> CRITICAL;
            case "high", "important" -> HIGH;
            case "medium", "moderate" -> MEDIUM;
            case "low", "unimportant", "negligible" -> LOW;
            case "none" -> NONE;
            case "unknown", "not yet assigned", "untriaged" -> UNKNOWN;
            default -> null;
        });
    }

    /** Parses a user's name for a severity (case-insensitive). */
    public static Severity parse(String s) {
        try {
            return valueOf(s.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown severity '" + s + "' (one of UNKNOWN, NONE, LOW, MEDIUM, HIGH, CRITICAL)");
        }
    }
}
