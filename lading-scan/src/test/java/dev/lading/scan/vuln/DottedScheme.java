package dev.lading.scan.vuln;

import dev.lading.scan.version.VersionScheme;

import java.util.Optional;
import java.util.function.Function;

/**
 * A test-only version order: dot-separated non-negative integers compared numerically ("1.10" after "1.9",
 * missing parts are 0). Main code never gets a comparator from here: the real schemes come from
 * dev.lading.scan.version.
 */
final class DottedScheme implements VersionScheme {
    static final DottedScheme INSTANCE = new DottedScheme();

    /** Every ecosystem and SemVer ordered dotted-numerically, except "Unordered" (no scheme at all). */
    static final Function<String, Optional<VersionScheme>> ALL =
            eco -> eco.startsWith("Unordered") ? Optional.empty() : Optional.of(INSTANCE);

    @Override
    public String name() {
        return "dotted";
    }

    @Override
    public boolean isValid(String version) {
        return version.matches("[0-9]+(\\.[0-9]+)*");
    }

    @Override
    public int compare(String a, String b) {
        if (!isValid(a) || !isValid(b)) {
            throw new IllegalArgumentException("not dotted: " + a + " / " + b);
        }
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long p = i < x.length ? Long.parseLong(x[i]) : 0;
            long q = i < y.length ? Long.parseLong(y[i]) : 0;
            if (p != q) {
                return Long.compare(p, q);
            }
        }
        return 0;
    }
}
