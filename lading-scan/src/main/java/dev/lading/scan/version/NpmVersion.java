package dev.lading.scan.version;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * npm package versions, read the way node-semver reads them in loose mode (npm's own parser for versions in
 * the wild) and ordered by semver precedence. Loose mode trims whitespace, accepts any run of {@code v},
 * {@code =} and whitespace before the numbers, leading zeros in numbers ({@code 01.2.3} is {@code 1.2.3}), and
 * a pre-release without its hyphen ({@code 1.2.3beta}). Like node-semver it refuses versions longer than 256
 * characters and major, minor or patch numbers above 2^53-1, the largest integer a JavaScript number holds
 * exactly.
 *
 * <p>One deliberate difference: node-semver turns numeric pre-release identifiers into JavaScript numbers,
 * so two identifiers above 2^53 that round to the same double compare equal there, which breaks
 * transitivity. lading compares them exactly.
 */
public final class NpmVersion implements VersionScheme {

    private static final int MAX_LENGTH = 256;
    private static final String MAX_SAFE_INTEGER = "9007199254740991";
    private static final String IDENTIFIER = "(?:[0-9]+|[0-9]*[A-Za-z-][0-9A-Za-z-]*)";
    /** JavaScript's {@code \\s}: its whitespace and line terminators, which include the Unicode spaces. */
    private static final String JS_SPACE = "\\t\\n\\x0B\\f\\r\\x20\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000\\uFEFF";
    private static final Pattern LOOSE = Pattern.compile(
            "[v=" + JS_SPACE + "]*([0-9]+)\\.([0-9]+)\\.([0-9]+)"
                    + "(?:-?(" + IDENTIFIER + "(?:\\." + IDENTIFIER + ")*))?"
                    + "(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?");

    @Override
    public String name() {
        return "npm";
    }

    @Override
    public boolean isValid(String version) {
        return parse(version) != null;
    }

    @Override
    public int compare(String a, String b) {
        SemverVersion.Parsed x = parse(a);
        SemverVersion.Parsed y = parse(b);
        if (x == null || y == null) {
            throw new IllegalArgumentException("not an npm version: " + (x == null ? a : b));
        }
        return Integer.signum(SemverVersion.Parsed.compare(x, y));
    }

    static SemverVersion.Parsed parse(String version) {
        if (version == null || version.length() > MAX_LENGTH) {
            return null;
        }
        Matcher m = LOOSE.matcher(trimJavaScript(version));
        if (!m.matches()) {
            return null;
        }
        for (int g = 1; g <= 3; g++) {
            if (Numerals.compare(m.group(g), MAX_SAFE_INTEGER) > 0) {
                return null;
            }
        }
        List<String> prerelease = new ArrayList<>();
        if (m.group(4) != null) {
            for (String id : m.group(4).split("\\.")) {
                // numeric identifiers become numbers in node-semver, so "01" and "1" are the same identifier
                prerelease.add(Numerals.isDigits(id) ? stripZeros(id) : id);
            }
        }
        return new SemverVersion.Parsed(m.group(1), m.group(2), m.group(3), List.copyOf(prerelease));
    }

    private static String stripZeros(String digits) {
        int i = 0;
        while (i < digits.length() - 1 && digits.charAt(i) == '0') {
            i++;
        }
        return digits.substring(i);
    }

    /** String.prototype.trim: JavaScript's whitespace and line terminators, which include no-break spaces. */
    private static String trimJavaScript(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isJavaScriptSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isJavaScriptSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean isJavaScriptSpace(char c) {
        return c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r' || c == '\uFEFF'
                || c == '\u2028' || c == '\u2029' || Character.getType(c) == Character.SPACE_SEPARATOR;
    }
}
