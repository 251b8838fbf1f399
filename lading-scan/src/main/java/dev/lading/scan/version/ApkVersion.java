package dev.lading.scan.version;

import java.util.ArrayList;
import java.util.List;

/**
 * Alpine (apk-tools) package versions: {@code digits{.digits}...{letter}{_suffix{digits}}...{~hash}{-rN}}, as
 * apk-tools 3 orders them (Alpine, Wolfi and Chainguard all install with apk).
 *
 * <p>A version is read as a sequence of tokens, each of a kind that may only follow certain kinds:
 * the leading number, {@code .number}s, one lowercase letter, {@code _suffix} with an optional number
 * (repeatable), a {@code ~commit} hash of lowercase hex digits, and the {@code -rN} revision. Two versions are
 * compared token by token while the kinds agree: numbers numerically, except that a dotted number with a
 * leading zero on either side compares as a string (Gentoo's rule, so {@code 1.02 < 1.1}); letters by
 * character; suffixes in the order {@code alpha < beta < pre < rc < (none) < cvs < svn < git < hg < p};
 * hashes as strings. Where the kinds first differ, a pre-release suffix makes its side smaller, and otherwise
 * the side whose token kind comes later in the list above is smaller (so the end of a version is smaller than
 * any {@code .number}, letter or revision that the other side still has).
 *
 * <p>apk also orders strings it considers invalid, by the same walk, with the point where a version turns
 * invalid acting as a kind after all others. {@link #compare} keeps the {@link VersionScheme} contract and
 * refuses invalid versions; {@link #apkOrder} follows apk for any string, which the apk-tools test vectors
 * need.
 */
public final class ApkVersion implements VersionScheme {

    /** Token kinds in apk's order: a later kind means a smaller version when the kinds first differ. */
    enum Kind { INITIAL_DIGIT, DIGIT, LETTER, SUFFIX, SUFFIX_NO, COMMIT_HASH, REVISION_NO, END, INVALID }

    /** Suffixes in sort order; {@link #NO_SUFFIX} marks where a release without suffix falls. */
    private static final List<String> SUFFIXES = List.of("alpha", "beta", "pre", "rc", "", "cvs", "svn", "git", "hg", "p");
    private static final int NO_SUFFIX = 4;

    record Token(Kind kind, String text, int suffixRank) {
        static Token of(Kind kind, String text) {
            return new Token(kind, text, -1);
        }
    }

    @Override
    public String name() {
        return "apk";
    }

    @Override
    public boolean isValid(String version) {
        if (version == null) {
            return false;
        }
        List<Token> tokens = tokens(version);
        return tokens.getLast().kind() == Kind.END;
    }

    @Override
    public int compare(String a, String b) {
        for (String v : new String[] {a, b}) {
            if (!isValid(v)) {
                throw new IllegalArgumentException("not an apk version: " + v);
            }
        }
        return apkOrder(a, b);
    }

    /** apk's ordering of any two strings, valid versions or not. */
    static int apkOrder(String a, String b) {
        List<Token> x = tokens(a);
        List<Token> y = tokens(b);
        int k = 0;
        while (x.get(k).kind() == y.get(k).kind() && x.get(k).kind().compareTo(Kind.END) < 0) {
            int c = compareSameKind(x.get(k), y.get(k));
            if (c != 0) {
                return c;
            }
            k++;
        }
        Token s = x.get(k);
        Token t = y.get(k);
        if (s.kind() == t.kind()) {
            return 0;
        }
        if (s.kind() == Kind.SUFFIX && s.suffixRank() < NO_SUFFIX) {
            return -1;
        }
        if (t.kind() == Kind.SUFFIX && t.suffixRank() < NO_SUFFIX) {
            return 1;
        }
        return s.kind().compareTo(t.kind()) > 0 ? -1 : 1;
    }

    private static int compareSameKind(Token s, Token t) {
        return Integer.signum(switch (s.kind()) {
            case DIGIT -> s.text().startsWith("0") || t.text().startsWith("0")
                    ? s.text().compareTo(t.text())
                    : Numerals.compare(s.text(), t.text());
            case INITIAL_DIGIT, SUFFIX_NO, REVISION_NO -> Numerals.compare(s.text(), t.text());
            case LETTER, COMMIT_HASH -> s.text().compareTo(t.text());
            case SUFFIX -> Integer.compare(s.suffixRank(), t.suffixRank());
            case END, INVALID -> 0;
        });
    }

    /** The tokens of {@code v}, always ending with an END or INVALID token. */
    static List<Token> tokens(String v) {
        List<Token> out = new ArrayList<>();
        int i = digitsEnd(v, 0);
        if (i == 0) {
            out.add(Token.of(Kind.INVALID, ""));
            return out;
        }
        out.add(Token.of(Kind.INITIAL_DIGIT, v.substring(0, i)));
        Kind previous = Kind.INITIAL_DIGIT;
        while (true) {
            Token next = null;
            if (i == v.length()) {
                out.add(Token.of(Kind.END, ""));
                return out;
            }
            char c = v.charAt(i);
            if (c >= 'a' && c <= 'z') {
                if (previous.compareTo(Kind.DIGIT) <= 0) {
                    next = Token.of(Kind.LETTER, String.valueOf(c));
                    i++;
                }
            } else if (c == '.' || Numerals.isAsciiDigit(c)) {
                // A dot continues the dotted numbers; a bare number can only be a suffix's number (after a
                // letter it is invalid, elsewhere the digits were already taken by the token before).
                boolean dot = c == '.';
                Kind kind = dot && previous.compareTo(Kind.DIGIT) <= 0 ? Kind.DIGIT
                        : !dot && previous == Kind.SUFFIX ? Kind.SUFFIX_NO
                        : null;
                int start = dot ? i + 1 : i;
                int end = digitsEnd(v, start);
                if (kind != null && end > start) {
                    next = Token.of(kind, v.substring(start, end));
                    i = end;
                }
            } else if (c == '_') {
                if (previous.compareTo(Kind.SUFFIX_NO) <= 0) {
                    int end = i + 1;
                    while (end < v.length() && v.charAt(end) >= 'a' && v.charAt(end) <= 'z') {
                        end++;
                    }
                    String suffix = v.substring(i + 1, end);
                    int rank = SUFFIXES.indexOf(suffix);
                    if (!suffix.isEmpty() && rank >= 0) {
                        next = new Token(Kind.SUFFIX, suffix, rank);
                        i = end;
                    }
                }
            } else if (c == '~') {
                if (previous.compareTo(Kind.COMMIT_HASH) < 0) {
                    int end = i + 1;
                    while (end < v.length() && isLowerHex(v.charAt(end))) {
                        end++;
                    }
                    if (end > i + 1) {
                        next = Token.of(Kind.COMMIT_HASH, v.substring(i + 1, end));
                        i = end;
                    }
                }
            } else if (c == '-') {
                if (previous.compareTo(Kind.REVISION_NO) < 0 && v.startsWith("-r", i)) {
                    int end = digitsEnd(v, i + 2);
                    if (end > i + 2) {
                        next = Token.of(Kind.REVISION_NO, v.substring(i + 2, end));
                        i = end;
                    }
                }
            }
            if (next == null) {
                out.add(Token.of(Kind.INVALID, ""));
                return out;
            }
            out.add(next);
            previous = next.kind();
        }
    }

    private static int digitsEnd(String v, int from) {
        int i = from;
        while (i < v.length() && Numerals.isAsciiDigit(v.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isLowerHex(char c) {
        return Numerals.isAsciiDigit(c) || (c >= 'a' && c <= 'f');
    }
}
