package dev.lading.scan.version;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Python package versions as PEP 440 defines them and {@code packaging.version} (what pip uses) parses and
 * orders them: {@code [N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local]}, with the permitted spellings normalized
 * (case, {@code alpha/beta/c/pre/preview}, {@code rev/r} and {@code 1.0-1} for post, optional separators and
 * numbers, a leading {@code v}, surrounding whitespace).
 *
 * <p>Order: epoch, then the release with trailing zeros ignored, then {@code .devN} of a plain release before
 * any pre-release, pre-releases {@code a < b < rc} before the release, post-releases after it, a
 * {@code .devN} before the same version without it, and a local version after the same public version (local
 * segments compare numbers numerically and above strings, strings case-insensitively).
 */
public final class Pep440Version implements VersionScheme {

    /*
     * PEP 440 Appendix B's grammar, with the possessive quantifiers packaging uses on current Pythons (they
     * decide a few odd strings, e.g. whether a separator after "a" may be given back). Letters match ASCII
     * case-insensitively; the surrounding whitespace is trimmed separately with Python's notion of whitespace.
     */
    private static final Pattern VERSION = Pattern.compile("""
            [vV]?+
            (?:(?<epoch>[0-9]+)!)?+
            (?<release>[0-9]+(?:\\.[0-9]+)*+)
            (?<pre>
                [._-]?+
                (?<prel>alpha|a|beta|b|preview|pre|c|rc)
                [._-]?+
                (?<pren>[0-9]+)?
            )?+
            (?<post>
                (?:-(?<postn1>[0-9]+))
                |
                (?:
                    [._-]?
                    (?<postl>post|rev|r)
                    [._-]?
                    (?<postn2>[0-9]+)?
                )
            )?+
            (?<dev>
                [._-]?+
                (?<devl>dev)
                [._-]?+
                (?<devn>[0-9]+)?
            )?+
            (?:\\+(?<local>[a-z0-9]+(?:[._-][a-z0-9]+)*+))?+
            """, Pattern.COMMENTS | Pattern.CASE_INSENSITIVE);

    /** Pre-release ranks; a dev release of a plain version sorts below all, a plain release above all. */
    private static final int DEV_ONLY = -1;
    private static final int STABLE = 3;

    /** A parsed version; absent parts are null. Local segments are BigInteger or lower-case String. */
    record Parsed(BigInteger epoch, List<BigInteger> release, Integer preRank, BigInteger pre, BigInteger post,
                  BigInteger dev, List<Object> local) {
    }

    @Override
    public String name() {
        return "pep440";
    }

    @Override
    public boolean isValid(String version) {
        return parse(version) != null;
    }

    @Override
    public int compare(String a, String b) {
        return Integer.signum(compare(require(a), require(b)));
    }

    private static Parsed require(String version) {
        Parsed p = parse(version);
        if (p == null) {
            throw new IllegalArgumentException("not a PEP 440 version: " + version);
        }
        return p;
    }

    static Parsed parse(String version) {
        if (version == null) {
            return null;
        }
        int start = 0;
        int end = version.length();
        while (start < end && isPythonSpace(version.charAt(start))) {
            start++;
        }
        while (end > start && isPythonSpace(version.charAt(end - 1))) {
            end--;
        }
        Matcher m = VERSION.matcher(version.substring(start, end));
        if (!m.matches()) {
            return null;
        }
        BigInteger epoch = m.group("epoch") == null ? BigInteger.ZERO : new BigInteger(m.group("epoch"));
        List<BigInteger> release = new ArrayList<>();
        for (String part : m.group("release").split("\\.")) {
            release.add(new BigInteger(part));
        }
        Integer preRank = null;
        BigInteger pre = null;
        if (m.group("prel") != null) {
            preRank = switch (m.group("prel").toLowerCase(Locale.ROOT)) {
                case "a", "alpha" -> 0;
                case "b", "beta" -> 1;
                default -> 2;
            };
            pre = number(m.group("pren"));
        }
        BigInteger post = null;
        if (m.group("postn1") != null) {
            post = new BigInteger(m.group("postn1"));
        } else if (m.group("postl") != null) {
            post = number(m.group("postn2"));
        }
        BigInteger dev = m.group("devl") == null ? null : number(m.group("devn"));
        List<Object> local = null;
        if (m.group("local") != null) {
            local = new ArrayList<>();
            for (String part : m.group("local").split("[._-]")) {
                local.add(Numerals.isDigits(part) ? new BigInteger(part) : part.toLowerCase(Locale.ROOT));
            }
        }
        return new Parsed(epoch, List.copyOf(release), preRank, pre, post, dev, local == null ? null : List.copyOf(local));
    }

    private static BigInteger number(String digits) {
        return digits == null ? BigInteger.ZERO : new BigInteger(digits);
    }

    static int compare(Parsed a, Parsed b) {
        int c = a.epoch().compareTo(b.epoch());
        if (c != 0) {
            return c;
        }
        c = compareRelease(a.release(), b.release());
        if (c != 0) {
            return c;
        }
        c = Integer.compare(preRank(a), preRank(b));
        if (c != 0) {
            return c;
        }
        if (a.pre() != null) {
            c = a.pre().compareTo(b.pre());
            if (c != 0) {
                return c;
            }
        }
        // no post-release sorts below any post-release
        c = a.post() == null ? (b.post() == null ? 0 : -1) : b.post() == null ? 1 : a.post().compareTo(b.post());
        if (c != 0) {
            return c;
        }
        // no dev-release sorts above any dev-release
        c = a.dev() == null ? (b.dev() == null ? 0 : 1) : b.dev() == null ? -1 : a.dev().compareTo(b.dev());
        if (c != 0) {
            return c;
        }
        return compareLocal(a.local(), b.local());
    }

    private static int preRank(Parsed p) {
        if (p.preRank() != null) {
            return p.preRank();
        }
        return p.post() == null && p.dev() != null ? DEV_ONLY : STABLE;
    }

    private static int compareRelease(List<BigInteger> a, List<BigInteger> b) {
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            BigInteger x = i < a.size() ? a.get(i) : BigInteger.ZERO;
            BigInteger y = i < b.size() ? b.get(i) : BigInteger.ZERO;
            int c = x.compareTo(y);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static int compareLocal(List<Object> a, List<Object> b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            Object x = a.get(i);
            Object y = b.get(i);
            int c;
            if (x instanceof BigInteger m && y instanceof BigInteger n) {
                c = m.compareTo(n);
            } else if (x instanceof String s && y instanceof String t) {
                c = s.compareTo(t);
            } else {
                c = x instanceof BigInteger ? 1 : -1;
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    /** Python's str.isspace, which packaging's surrounding {@code \s*} follows. */
    private static boolean isPythonSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
    }
}
