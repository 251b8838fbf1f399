package dev.lading.scan.version;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Semantic Versioning 2.0.0 precedence, for Go modules and crates.io: {@code MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]}
 * with no leading zeros in numbers, an optional leading {@code v} (Go writes {@code v1.2.3}; OSV records for
 * Go omit it). Numbers compare numerically at any length; a pre-release sorts before its release; pre-release
 * identifiers compare numeric ones numerically and below alphanumeric ones, which compare in ASCII order, and
 * a longer list wins when one is a prefix of the other. Build metadata is ignored, so {@code 1.0.0+a} and
 * {@code 1.0.0+b} are equal. Go pseudo-versions ({@code v0.0.0-20191109021931-daa7c04131f5}) are ordinary
 * pre-releases and need nothing more.
 */
public final class SemverVersion implements VersionScheme {

    private static final String NUMBER = "(?:0|[1-9][0-9]*)";
    private static final String IDENTIFIER = "(?:0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*)";
    private static final Pattern SEMVER = Pattern.compile(
            "v?(" + NUMBER + ")\\.(" + NUMBER + ")\\.(" + NUMBER + ")"
                    + "(?:-(" + IDENTIFIER + "(?:\\." + IDENTIFIER + ")*))?"
                    + "(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?");

    /** The parts that take part in precedence; build metadata is dropped. */
    record Parsed(String major, String minor, String patch, List<String> prerelease) {

        static int compare(Parsed a, Parsed b) {
            int c = Numerals.compare(a.major(), b.major());
            if (c == 0) {
                c = Numerals.compare(a.minor(), b.minor());
            }
            if (c == 0) {
                c = Numerals.compare(a.patch(), b.patch());
            }
            if (c != 0) {
                return c;
            }
            List<String> x = a.prerelease();
            List<String> y = b.prerelease();
            if (x.isEmpty() || y.isEmpty()) {
                // a release sorts after its pre-releases
                return Boolean.compare(x.isEmpty(), y.isEmpty());
            }
            for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
                c = compareIdentifiers(x.get(i), y.get(i));
                if (c != 0) {
                    return c;
                }
            }
            return Integer.compare(x.size(), y.size());
        }

        private static int compareIdentifiers(String a, String b) {
            boolean numericA = Numerals.isDigits(a);
            boolean numericB = Numerals.isDigits(b);
            if (numericA && numericB) {
                return Numerals.compare(a, b);
            }
            if (numericA != numericB) {
                return numericA ? -1 : 1;
            }
            return a.compareTo(b);
        }
    }

    @Override
    public String name() {
        return "semver";
    }

    @Override
    public boolean isValid(String version) {
        return parse(version) != null;
    }

    @Override
    public int compare(String a, String b) {
        Parsed x = parse(a);
        Parsed y = parse(b);
        if (x == null || y == null) {
            throw new IllegalArgumentException("not a semantic version: " + (x == null ? a : b));
        }
        return Integer.signum(Parsed.compare(x, y));
    }

    static Parsed parse(String version) {
        if (version == null) {
            return null;
        }
        Matcher m = SEMVER.matcher(version);
        if (!m.matches()) {
            return null;
        }
        List<String> prerelease = m.group(4) == null ? List.of() : List.of(m.group(4).split("\\."));
        return new Parsed(m.group(1), m.group(2), m.group(3), prerelease);
    }
}
