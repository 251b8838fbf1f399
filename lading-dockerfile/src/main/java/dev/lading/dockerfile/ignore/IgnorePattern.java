package dev.lading.dockerfile.ignore;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One compiled pattern of moby/patternmatcher. The pattern is turned into a regular expression ({@code *}
 * and {@code ?} never cross '/', {@code **} crosses any number of directories, {@code [...]} classes and
 * backslash escapes are kept), with the same shortcuts patternmatcher takes for plain, {@code prefix/**}
 * and {@code **}{@code /suffix} patterns, since those shortcuts change what matches.
 */
final class IgnorePattern {
    private enum MatchType { EXACT, PREFIX, SUFFIX, REGEXP }

    private final String cleaned;
    private final boolean exclusion;
    private final List<String> dirs;
    private MatchType type;
    private Pattern regexp;

    IgnorePattern(String cleaned, boolean exclusion) {
        this.cleaned = cleaned;
        this.exclusion = exclusion;
        this.dirs = List.of(cleaned.split("/", -1));
        compile();
    }

    String text() {
        return cleaned;
    }

    boolean exclusion() {
        return exclusion;
    }

    List<String> dirs() {
        return dirs;
    }

    boolean matches(String path) {
        return switch (type) {
            case EXACT -> path.equals(cleaned);
            case PREFIX -> path.startsWith(cleaned.substring(0, cleaned.length() - 2));
            case SUFFIX -> {
                String suffix = cleaned.substring(2);
                yield path.endsWith(suffix) || (suffix.startsWith("/") && path.equals(suffix.substring(1)));
            }
            case REGEXP -> regexp.matcher(path).matches();
        };
    }

    /**
     * Builds the regular expression exactly as patternmatcher writes it for Go's RE2 (including its
     * quirks, e.g. a {@code *} inside {@code [...]} still becomes {@code [^/]*}), then translates that RE2
     * expression to Java's syntax, so odd patterns match what they match in Docker.
     */
    private void compile() {
        StringBuilder re = new StringBuilder("^");
        int[] cps = cleaned.codePoints().toArray();
        type = MatchType.EXACT;
        for (int i = 0, k = 0; k < cps.length; i++) {
            int ch = cps[k++];
            int peek = k < cps.length ? cps[k] : -1;
            if (ch == '*') {
                if (peek == '*') {
                    k++;
                    if (k < cps.length && cps[k] == '/') {
                        k++;
                    }
                    if (k >= cps.length) {
                        if (type == MatchType.EXACT) {
                            type = MatchType.PREFIX;
                        } else {
                            re.append(".*");
                            type = MatchType.REGEXP;
                        }
                    } else {
                        re.append("(.*/)?");
                        type = MatchType.REGEXP;
                    }
                    if (i == 0) {
                        type = MatchType.SUFFIX;
                    }
                } else {
                    re.append("[^/]*");
                    type = MatchType.REGEXP;
                }
            } else if (ch == '?') {
                re.append("[^/]");
                type = MatchType.REGEXP;
            } else if (".+()|{}$".indexOf(ch) >= 0) {
                re.append('\\').appendCodePoint(ch);
            } else if (ch == '\\') {
                if (peek != -1) {
                    k++;
                    re.append('\\').appendCodePoint(peek);
                    type = MatchType.REGEXP;
                } else {
                    re.append('\\');
                }
            } else if (ch == '[' || ch == ']') {
                re.appendCodePoint(ch);
                type = MatchType.REGEXP;
            } else {
                re.appendCodePoint(ch);
            }
        }
        if (type != MatchType.REGEXP) {
            return;
        }
        re.append('$');
        try {
            // UNIX_LINES: like RE2, '.' excludes only '\n'
            regexp = Pattern.compile(Re2.toJava(re.toString()), Pattern.UNIX_LINES);
        } catch (IllegalArgumentException e) { // includes PatternSyntaxException
            throw new IllegalArgumentException("syntax error in pattern", e);
        }
    }

    /**
     * Go's filepath.Match syntax check (Unix): classes must be closed and non-empty, ranges complete,
     * and a pattern may not end in a lone backslash.
     */
    static boolean isValidGlob(String p) {
        int i = 0;
        int n = p.length();
        while (i < n) {
            char c = p.charAt(i);
            if (c == '\\') {
                if (i + 1 >= n) {
                    return false;
                }
                i += 2;
            } else if (c == '[') {
                i++;
                if (i < n && p.charAt(i) == '^') {
                    i++;
                }
                int ranges = 0;
                while (true) {
                    if (i < n && p.charAt(i) == ']' && ranges > 0) {
                        i++;
                        break;
                    }
                    int lo = escapedChar(p, i);
                    if (lo < 0) {
                        return false;
                    }
                    i = lo;
                    if (i < n && p.charAt(i) == '-') {
                        int hi = escapedChar(p, i + 1);
                        if (hi < 0) {
                            return false;
                        }
                        i = hi;
                    }
                    ranges++;
                }
            } else {
                i++;
            }
        }
        return true;
    }

    /** Go's getEsc: the index after one class character, or -1 when the pattern is malformed there. */
    private static int escapedChar(String p, int i) {
        int n = p.length();
        if (i >= n || p.charAt(i) == '-' || p.charAt(i) == ']') {
            return -1;
        }
        if (p.charAt(i) == '\\') {
            i++;
            if (i >= n) {
                return -1;
            }
        }
        i += Character.charCount(p.codePointAt(i));
        return i >= n ? -1 : i;
    }
}
