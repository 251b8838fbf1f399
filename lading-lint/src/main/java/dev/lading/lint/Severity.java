package dev.lading.lint;

import java.util.Locale;
import java.util.Optional;

/** How bad a finding is, most severe first (hadolint's levels). */
public enum Severity {
    ERROR, WARNING, INFO, STYLE;

    private final String label = name().toLowerCase(Locale.ROOT);

    /** True when this is as severe as {@code threshold} or more. */
    public boolean atLeast(Severity threshold) {
        return ordinal() <= threshold.ordinal();
    }

    /** The lower-case name used in output and configuration. */
    public String label() {
        return label;
    }

    /** Parses {@code error}, {@code warning}, {@code info} or {@code style}, in any case. */
    public static Optional<Severity> parse(String s) {
        for (Severity v : values()) {
            if (v.label().equalsIgnoreCase(s.trim())) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
