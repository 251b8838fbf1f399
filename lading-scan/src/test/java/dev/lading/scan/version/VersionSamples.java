package dev.lading.scan.version;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Seeded generators of versions from each scheme's grammar. The alphabets are small on purpose: versions that
 * share prefixes and differ in one odd place (a tilde, a leading zero, a qualifier spelling, a digit run
 * longer than a long) are where orderings disagree, and random long strings would almost never meet there.
 */
final class VersionSamples {

    private VersionSamples() {
    }

    static List<String> generate(long seed, int count, Function<Random, String> generator) {
        Random random = new Random(seed);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(generator.apply(random));
        }
        return out;
    }

    /** Pairs to ask an oracle about: random pairs plus neighbours in {@code sorted}, where differences are subtle. */
    static List<String[]> pairs(long seed, List<String> sorted, int randomPairs) {
        Random random = new Random(seed);
        List<String[]> pairs = new ArrayList<>();
        for (int i = 0; i < randomPairs; i++) {
            pairs.add(new String[] {pick(random, sorted), pick(random, sorted)});
        }
        for (int i = 0; i + 1 < sorted.size(); i++) {
            pairs.add(random.nextBoolean()
                    ? new String[] {sorted.get(i), sorted.get(i + 1)}
                    : new String[] {sorted.get(i + 1), sorted.get(i)});
        }
        return pairs;
    }

    static String debian(Random r) {
        StringBuilder v = new StringBuilder();
        boolean epoch = r.nextInt(5) == 0;
        if (epoch) {
            v.append(pick(r, "0", "1", "2", "10", "01")).append(':');
        }
        boolean revision = r.nextInt(3) > 0;
        v.append(digits(r));
        int pieces = r.nextInt(5);
        for (int i = 0; i < pieces; i++) {
            String separator = pick(r, ".", ".", "~", "+", "", "-", ":", "~~");
            if ((separator.equals("-") && !revision) || (separator.equals(":") && !epoch)) {
                separator = ".";
            }
            v.append(separator).append(r.nextBoolean() ? digits(r) : pick(r, "a", "b", "z", "A", "Z", "rc", "dfsg", "ubuntu", "~", ""));
        }
        if (revision) {
            v.append('-');
            int revisionPieces = 1 + r.nextInt(3);
            for (int i = 0; i < revisionPieces; i++) {
                v.append(pick(r, "1", "0", "2", "10", "01", "ubuntu", "deb", "u", "b", "~", "+", ".", "~bpo"));
            }
            if (v.charAt(v.length() - 1) == '-') {
                v.append('1');
            }
        }
        return v.toString();
    }

    static String apk(Random r) {
        StringBuilder v = new StringBuilder(digits(r));
        int dots = r.nextInt(4);
        for (int i = 0; i < dots; i++) {
            v.append('.').append(digits(r));
        }
        if (r.nextInt(4) == 0) {
            v.append(pick(r, "a", "b", "z"));
        }
        int suffixes = r.nextInt(3);
        for (int i = 0; i < suffixes; i++) {
            v.append('_').append(pick(r, "alpha", "beta", "pre", "rc", "cvs", "svn", "git", "hg", "p"));
            if (r.nextBoolean()) {
                v.append(digits(r));
            }
        }
        if (r.nextInt(6) == 0) {
            v.append('~').append(pick(r, "0", "a1", "abc", "ab", "deadbeef"));
        }
        if (r.nextBoolean()) {
            v.append("-r").append(digits(r));
        }
        return v.toString();
    }

    static String maven(Random r) {
        StringBuilder v = new StringBuilder();
        int pieces = 1 + r.nextInt(5);
        for (int i = 0; i < pieces; i++) {
            if (i > 0) {
                v.append(pick(r, ".", ".", "-", "", "-", "."));
            }
            String piece = r.nextInt(5) < 3 ? digits(r)
                    : pick(r, "alpha", "a", "beta", "b", "milestone", "m", "rc", "cr", "snapshot", "SNAPSHOT", "ga",
                    "final", "Final", "release", "RELEASE", "sp", "foo", "x", "", "RC", "Beta");
            v.append(piece);
        }
        return v.toString();
    }

    /**
     * Maven versions of the usual shape, numbers with dots and an optional hyphenated qualifier: on these
     * Maven's order is total, while {@link #maven} also reaches shapes where Maven's own order has cycles.
     */
    static String mavenConventional(Random r) {
        StringBuilder v = new StringBuilder(digits(r));
        int dots = r.nextInt(4);
        for (int i = 0; i < dots; i++) {
            v.append('.').append(digits(r));
        }
        // one qualifier at most: "1-RELEASE-SNAPSHOT" and the like already make cycles in Maven's own order
        if (r.nextBoolean()) {
            v.append('-').append(pick(r, "alpha", "beta", "milestone", "rc", "cr", "SNAPSHOT", "ga", "Final", "RELEASE", "sp", "foo"));
            if (r.nextBoolean()) {
                v.append(pick(r, "", "-", ".")).append(digits(r));
            }
        } else if (r.nextInt(3) == 0) {
            v.append("-SNAPSHOT");
        }
        return v.toString();
    }

    static String pep440(Random r) {
        StringBuilder v = new StringBuilder();
        if (r.nextInt(10) == 0) {
            v.append(pick(r, " ", "\t", "\n "));
        }
        if (r.nextInt(10) == 0) {
            v.append(pick(r, "v", "V"));
        }
        if (r.nextInt(8) == 0) {
            v.append(pick(r, "0", "1", "2", "00")).append('!');
        }
        int release = 1 + r.nextInt(4);
        for (int i = 0; i < release; i++) {
            v.append(i == 0 ? "" : ".").append(digits(r));
        }
        if (r.nextInt(3) == 0) {
            v.append(pick(r, "", ".", "-", "_")).append(pick(r, "a", "alpha", "b", "beta", "c", "rc", "pre", "preview", "RC", "A"))
                    .append(pick(r, "", "", ".", "-", "_"));
            if (r.nextBoolean()) {
                v.append(digits(r));
            }
        }
        if (r.nextInt(4) == 0) {
            if (r.nextInt(3) == 0) {
                v.append('-').append(digits(r));
            } else {
                v.append(pick(r, "", ".", "-", "_")).append(pick(r, "post", "rev", "r", "POST")).append(pick(r, "", "", ".", "-", "_"));
                if (r.nextBoolean()) {
                    v.append(digits(r));
                }
            }
        }
        if (r.nextInt(4) == 0) {
            v.append(pick(r, "", ".", "-", "_")).append(pick(r, "dev", "DEV")).append(pick(r, "", "", ".", "-", "_"));
            if (r.nextBoolean()) {
                v.append(digits(r));
            }
        }
        if (r.nextInt(5) == 0) {
            v.append('+');
            int segments = 1 + r.nextInt(3);
            for (int i = 0; i < segments; i++) {
                v.append(i == 0 ? "" : pick(r, ".", "-", "_")).append(r.nextBoolean() ? digits(r) : pick(r, "abc", "ABC", "ubuntu", "a1", "z", "1a"));
            }
        }
        if (r.nextInt(10) == 0) {
            v.append(pick(r, " ", "\n", "\u00A0"));
        }
        return v.toString();
    }

    /** Strict semantic versions; numbers stay below 2^53 when {@code javascriptSafe}, for node-semver. */
    static String semver(Random r, boolean javascriptSafe) {
        StringBuilder v = new StringBuilder();
        if (r.nextInt(4) == 0) {
            v.append('v');
        }
        v.append(semverNumber(r, javascriptSafe)).append('.').append(semverNumber(r, javascriptSafe)).append('.').append(semverNumber(r, javascriptSafe));
        if (r.nextBoolean()) {
            v.append('-');
            int ids = 1 + r.nextInt(3);
            for (int i = 0; i < ids; i++) {
                v.append(i == 0 ? "" : ".").append(r.nextBoolean() ? semverNumber(r, javascriptSafe)
                        : pick(r, "alpha", "beta", "rc", "x-y", "0a", "-", "a", "A", "20191109021931-daa7c04131f5"));
            }
        }
        if (r.nextInt(5) == 0) {
            v.append('+').append(pick(r, "build", "001", "a.b", "sha-1"));
        }
        return v.toString();
    }

    /** Versions node-semver accepts in loose mode, with the spellings only loose mode allows. */
    static String npm(Random r) {
        String prefix = pick(r, "", "", "", "v", "=", "=v", " ", "v ", " = v");
        StringBuilder v = new StringBuilder(prefix);
        v.append(npmNumber(r)).append('.').append(npmNumber(r)).append('.').append(npmNumber(r));
        if (r.nextBoolean()) {
            // without the hyphen, a first identifier starting with a digit would just lengthen the patch number
            boolean hyphen = r.nextInt(3) > 0;
            v.append(hyphen ? "-" : "");
            int ids = 1 + r.nextInt(3);
            for (int i = 0; i < ids; i++) {
                boolean numeric = (hyphen || i > 0) && r.nextBoolean();
                v.append(i == 0 ? "" : ".").append(numeric ? npmNumber(r)
                        : hyphen || i > 0 ? pick(r, "alpha", "beta", "rc", "x-y", "0a", "-", "a", "A") : pick(r, "alpha", "beta", "rc", "x-y", "-", "a", "A"));
            }
        }
        if (r.nextInt(5) == 0) {
            v.append('+').append(pick(r, "build", "001", "a.b"));
        }
        if (r.nextInt(8) == 0) {
            v.append(pick(r, " ", "\t", "\u00A0"));
        }
        return v.toString();
    }

    /** {@code [epoch:]version[-release]} with rpm's separators, tilde and caret in every position. */
    static String rpm(Random r) {
        StringBuilder v = new StringBuilder();
        if (r.nextInt(5) == 0) {
            v.append(pick(r, "0", "1", "2", "10", "01", "00")).append(':');
        }
        v.append(rpmPart(r));
        if (r.nextInt(3) > 0) {
            v.append('-').append(rpmPart(r));
        }
        return v.toString();
    }

    private static String rpmPart(Random r) {
        StringBuilder v = new StringBuilder();
        int pieces = 1 + r.nextInt(5);
        for (int i = 0; i < pieces; i++) {
            if (i > 0 || r.nextInt(8) == 0) {
                v.append(pick(r, ".", ".", ".", "~", "^", "_", "+", "", "~~", "^~", "~^", ".."));
            }
            v.append(r.nextBoolean() ? digits(r) : pick(r, "a", "b", "z", "A", "Z", "rc", "el9", "fc40", "git", "beta", "0", ""));
        }
        if (v.isEmpty()) {
            v.append(digits(r));
        }
        return v.toString();
    }

    /** Digit runs with the edge cases: zero, leading zeros, and runs far beyond a long. */
    static String digits(Random r) {
        return switch (r.nextInt(12)) {
            case 0 -> "0";
            case 1 -> "00";
            case 2 -> "01";
            case 3 -> "010";
            case 4 -> "9";
            case 5 -> "10";
            case 6 -> "99999999999999999999999";
            case 7 -> "100000000000000000000000";
            case 8 -> "0100000000000000000000000";
            default -> Integer.toString(r.nextInt(12));
        };
    }

    private static String semverNumber(Random r, boolean javascriptSafe) {
        return switch (r.nextInt(10)) {
            case 0 -> javascriptSafe ? "9007199254740991" : "99999999999999999999999";
            case 1 -> javascriptSafe ? "4294967296" : "100000000000000000000000";
            case 2 -> "10";
            default -> Integer.toString(r.nextInt(4));
        };
    }

    private static String npmNumber(Random r) {
        return switch (r.nextInt(10)) {
            case 0 -> "9007199254740991";
            case 1 -> "00";
            case 2 -> "01";
            case 3 -> "10";
            default -> Integer.toString(r.nextInt(4));
        };
    }

    @SafeVarargs
    static <T> T pick(Random r, T... choices) {
        return choices[r.nextInt(choices.length)];
    }

    static <T> T pick(Random r, List<T> choices) {
        return choices.get(r.nextInt(choices.size()));
    }
}
