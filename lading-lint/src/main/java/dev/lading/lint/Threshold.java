package dev.lading.lint;

import java.util.Locale;
import java.util.Optional;

/** {@code --failure-threshold}: the least severe finding that fails the run, or NONE (never fail). */
public enum Threshold {
    ERROR, WARNING, INFO, STYLE, NONE;

    /** hadolint's default. */
    public static final Threshold DEFAULT = INFO;

    public boolean fails(Severity s) {
        // the thresholds above NONE are the severities, in the same order
        return this != NONE && s.ordinal() <= ordinal();
    }

    public static Optional<Threshold> parse(String s) {
        try {
            return Optional.of(valueOf(s.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
