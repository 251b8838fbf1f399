package dev.lading.scan.version;

/**
 * Debian package versions, ordered as Debian policy §5.6.12 and dpkg order them:
 * {@code [epoch:]upstream[-revision]}. The epoch compares as an integer; upstream and revision each compare
 * as alternating runs of non-digits and digits. In a non-digit run letters sort before every other character,
 * {@code ~} sorts before everything including the end of the run (so {@code 1.0~rc1 < 1.0}); digit runs
 * compare numerically. A missing revision compares like {@code 0}.
 *
 * <p>Validity is dpkg's: an epoch of digits no larger than a C int, an upstream that starts with a digit and
 * holds only alphanumerics and {@code . + ~ - :}, and a non-empty revision of alphanumerics and {@code . + ~}.
 * dpkg merely warns about some of these and then orders anyway; lading rejects them, because a version that
 * breaks policy in a vulnerability record or a package database is more likely a parsing mistake than data.
 */
public final class DebianVersion implements VersionScheme {

    /** The three parts of a version; a missing revision is empty. */
    record Parts(int epoch, String upstream, String revision) {
    }

    @Override
    public String name() {
        return "deb";
    }

    @Override
    public boolean isValid(String version) {
        return parse(version) != null;
    }

    @Override
    public int compare(String a, String b) {
        Parts x = require(a);
        Parts y = require(b);
        int c = Integer.compare(x.epoch(), y.epoch());
        if (c == 0) {
            c = compareFragment(x.upstream(), y.upstream());
        }
        if (c == 0) {
            c = compareFragment(x.revision(), y.revision());
        }
        return Integer.signum(c);
    }

    private static Parts require(String version) {
        Parts parts = parse(version);
        if (parts == null) {
            throw new IllegalArgumentException("not a Debian version: " + version);
        }
        return parts;
    }

    /** The parts of {@code version}, or null when dpkg would refuse or warn about it. */
    static Parts parse(String version) {
        if (version == null || version.isEmpty()) {
            return null;
        }
        // Only the first colon ends the epoch: later ones belong to the upstream version (policy allows a colon
        // there exactly when an epoch is present, which is then always the case).
        int colon = version.indexOf(':');
        int epoch = 0;
        String rest = version;
        if (colon >= 0) {
            String digits = version.substring(0, colon);
            if (!Numerals.isDigits(digits) || Numerals.compare(digits, Integer.toString(Integer.MAX_VALUE)) > 0) {
                return null;
            }
            epoch = Integer.parseInt(digits);
            rest = version.substring(colon + 1);
        }
        // The last hyphen starts the revision, so the upstream version may contain hyphens when a revision exists.
        int hyphen = rest.lastIndexOf('-');
        String upstream = hyphen < 0 ? rest : rest.substring(0, hyphen);
        String revision = hyphen < 0 ? "" : rest.substring(hyphen + 1);
        if (upstream.isEmpty() || !Numerals.isAsciiDigit(upstream.charAt(0)) || (hyphen >= 0 && revision.isEmpty())) {
            return null;
        }
        for (int i = 0; i < upstream.length(); i++) {
            char c = upstream.charAt(i);
            if (!isAsciiAlphanumeric(c) && ".+~-:".indexOf(c) < 0) {
                return null;
            }
        }
        for (int i = 0; i < revision.length(); i++) {
            char c = revision.charAt(i);
            if (!isAsciiAlphanumeric(c) && ".+~".indexOf(c) < 0) {
                return null;
            }
        }
        return new Parts(epoch, upstream, revision);
    }

    /** Policy's comparison of an upstream version or a revision. */
    static int compareFragment(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            int endA = skip(a, i, false);
            int endB = skip(b, j, false);
            int c = compareNonDigits(a, i, endA, b, j, endB);
            if (c != 0) {
                return c;
            }
            i = endA;
            j = endB;
            endA = skip(a, i, true);
            endB = skip(b, j, true);
            c = Numerals.compare(a.subSequence(i, endA), b.subSequence(j, endB));
            if (c != 0) {
                return c;
            }
            i = endA;
            j = endB;
        }
        return 0;
    }

    private static int skip(String s, int from, boolean digits) {
        int i = from;
        while (i < s.length() && Numerals.isAsciiDigit(s.charAt(i)) == digits) {
            i++;
        }
        return i;
    }

    private static int compareNonDigits(String a, int i, int endA, String b, int j, int endB) {
        while (i < endA || j < endB) {
            int wa = i < endA ? weight(a.charAt(i)) : 0;
            int wb = j < endB ? weight(b.charAt(j)) : 0;
            if (wa != wb) {
                return Integer.compare(wa, wb);
            }
            i++;
            j++;
        }
        return 0;
    }

    /** Sort weight of a non-digit: the end of a run is 0, tilde before it, letters after it, the rest last. */
    private static int weight(char c) {
        if (c == '~') {
            return -1;
        }
        if (isAsciiLetter(c)) {
            return c;
        }
        return c + 256;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isAsciiAlphanumeric(char c) {
        return isAsciiLetter(c) || Numerals.isAsciiDigit(c);
    }
}
