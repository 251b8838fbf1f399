package dev.lading.scan.version;

import java.util.regex.Pattern;

/**
 * RPM versions ({@code [epoch:]version[-release]}), ordered as rpm itself orders them (librpm's
 * {@code rpmverCmp}, which {@code rpm.vercmp} and dnf use): epochs compare first (a missing epoch is 0), then
 * versions, then releases, each with {@code rpmvercmp}; when only one of the two has a release, it is the
 * newer ({@code 1.0 < 1.0-1}, and also {@code 1.0 < 1.0-~rc}).
 * <p>{@code rpmvercmp} splits a string into runs of ASCII digits and runs of ASCII letters; everything else
 * separates runs. Digit runs compare numerically (any length), letter runs by ASCII, and a digit run is newer
 * than a letter run. {@code ~} sorts before everything, even the end ({@code 1.0~rc1 < 1.0}); {@code ^} sorts
 * after the end but before anything else ({@code 1.0 < 1.0^git1 < 1.0.1}). Where the runs are equal and one
 * string has more of them, it is newer.
 * <p>Validity is stricter than rpm's parser, which takes any string: an optional epoch of digits, a non-empty
 * version and, after the last {@code -}, a non-empty release, both of the characters rpm allows in them
 * (ASCII letters, digits and {@code . _ + ~ ^}).
 */
public final class RpmVersion implements VersionScheme {
    private static final Pattern VALID = Pattern.compile("([0-9]+:)?[A-Za-z0-9._+~^]+(-[A-Za-z0-9._+~^]+)?");

    @Override
    public String name() {
        return "rpm";
    }

    @Override
    public boolean isValid(String version) {
        return version != null && VALID.matcher(version).matches();
    }

    @Override
    public int compare(String a, String b) {
        if (!isValid(a) || !isValid(b)) {
            throw new IllegalArgumentException("not an rpm version: " + (isValid(a) ? b : a));
        }
        String[] x = evr(a);
        String[] y = evr(b);
        int c = rpmvercmp(x[0], y[0]);
        if (c == 0) {
            c = rpmvercmp(x[1], y[1]);
        }
        if (c == 0) {
            // a release against none: the one with a release is newer, whatever it holds (even "~")
            c = x[2] != null && y[2] != null ? rpmvercmp(x[2], y[2]) : Boolean.compare(x[2] != null, y[2] != null);
        }
        return c;
    }

    /** Epoch ("0" when missing), version and release (null when missing), split as rpm's parseEVR splits them. */
    static String[] evr(String s) {
        int colon = s.indexOf(':');
        String epoch = colon < 0 ? "0" : s.substring(0, colon);
        String rest = s.substring(colon + 1);
        int dash = rest.lastIndexOf('-');
        return dash < 0 ? new String[]{epoch, rest, null} : new String[]{epoch, rest.substring(0, dash), rest.substring(dash + 1)};
    }

    /** rpm's {@code rpmvercmp}: -1, 0 or 1. */
    static int rpmvercmp(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        int i = 0;
        int j = 0;
        int n = a.length();
        int m = b.length();
        while (i < n || j < m) {
            while (i < n && isSeparator(a.charAt(i))) {
                i++;
            }
            while (j < m && isSeparator(b.charAt(j))) {
                j++;
            }
            char ca = i < n ? a.charAt(i) : 0;
            char cb = j < m ? b.charAt(j) : 0;
            if (ca == '~' || cb == '~') {
                if (ca != '~') {
                    return 1;
                }
                if (cb != '~') {
                    return -1;
                }
                i++;
                j++;
                continue;
            }
            if (ca == '^' || cb == '^') {
                if (i >= n) {
                    return -1;
                }
                if (j >= m) {
                    return 1;
                }
                if (ca != '^') {
                    return 1;
                }
                if (cb != '^') {
                    return -1;
                }
                i++;
                j++;
                continue;
            }
            if (i >= n || j >= m) {
                break;
            }
            boolean numeric = isDigit(ca);
            int ei = i;
            int ej = j;
            if (numeric) {
                while (ei < n && isDigit(a.charAt(ei))) {
                    ei++;
                }
                while (ej < m && isDigit(b.charAt(ej))) {
                    ej++;
                }
            } else {
                while (ei < n && isLetter(a.charAt(ei))) {
                    ei++;
                }
                while (ej < m && isLetter(b.charAt(ej))) {
                    ej++;
                }
            }
            if (ej == j) {
                // different kinds of run: a number is newer than letters
                return numeric ? 1 : -1;
            }
            int si = i;
            int sj = j;
            if (numeric) {
                while (si < ei && a.charAt(si) == '0') {
                    si++;
                }
                while (sj < ej && b.charAt(sj) == '0') {
                    sj++;
                }
                int la = ei - si;
                int lb = ej - sj;
                if (la != lb) {
                    return la > lb ? 1 : -1;
                }
            }
            int c = a.substring(si, ei).compareTo(b.substring(sj, ej));
            if (c != 0) {
                return c < 0 ? -1 : 1;
            }
            i = ei;
            j = ej;
        }
        if (i >= n && j >= m) {
            return 0;
        }
        return i >= n ? -1 : 1;
    }

    private static boolean isSeparator(char c) {
        return !isDigit(c) && !isLetter(c) && c != '~' && c != '^';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }
}
