package dev.lading.lint;

import java.util.List;
import java.util.Optional;

/**
 * Rule-set profiles: the set of rules as one lading release shipped them, named {@code YYYY.MM}. Every rule
 * says in which profile it first appeared ({@link Rule#since()}); {@code profile: "2026.11"} in
 * {@code .lading.yaml} runs only the rules of that profile and older ones. Without a profile, every rule runs
 * (the newest profile).
 *
 * <p>New rules always go into a new profile, never into a released one: a pinned pipeline sees new rules only
 * when its configuration moves the pin.
 */
public final class Profiles {
    /** The rules lading shipped first. */
    public static final String FIRST = "2026.11";

    /** DL1001, DL3050 to DL3054, DL3057, DL3062 to DL3067, ShellCheck findings and the compose rules RT001 to RT008. */
    public static final String P2026_12 = "2026.12";

    /** Every profile, oldest first; the last is what an unpinned configuration runs. */
    public static final List<String> ALL = List.of(FIRST, P2026_12);

    private Profiles() {
    }

    public static String latest() {
        return ALL.get(ALL.size() - 1);
    }

    /** A known profile name, as written in configuration. */
    public static Optional<String> parse(String s) {
        String t = s.trim();
        return ALL.contains(t) ? Optional.of(t) : Optional.empty();
    }

    /** True when a rule introduced in {@code since} belongs to {@code profile}. */
    public static boolean includes(String profile, String since) {
        return ALL.indexOf(since) <= ALL.indexOf(profile);
    }
}
