package dev.lading.dockerfile.ignore;

import java.util.Map;

/**
 * Translates the RE2 expressions patternmatcher generates into {@link java.util.regex.Pattern} syntax.
 * The two agree outside brackets for what can occur here; inside brackets RE2 takes {@code [} and
 * {@code &} literally and knows POSIX classes such as {@code [:alpha:]}, and a {@code ]} right after the
 * opening bracket is a literal.
 */
final class Re2 {
    private Re2() {
    }

    private static final Map<String, String> POSIX = Map.ofEntries(
            Map.entry("alnum", "\\p{Alnum}"), Map.entry("alpha", "\\p{Alpha}"), Map.entry("ascii", "\\p{ASCII}"),
            Map.entry("blank", "\\p{Blank}"), Map.entry("cntrl", "\\p{Cntrl}"), Map.entry("digit", "\\p{Digit}"),
            Map.entry("graph", "\\p{Graph}"), Map.entry("lower", "\\p{Lower}"), Map.entry("print", "\\p{Print}"),
            Map.entry("punct", "\\p{Punct}"), Map.entry("space", "\\s"), Map.entry("upper", "\\p{Upper}"),
            Map.entry("word", "\\w"), Map.entry("xdigit", "\\p{XDigit}"));

    /** Throws IllegalArgumentException where RE2 would reject the expression (an unclosed class). */
    static String toJava(String re2) {
        StringBuilder out = new StringBuilder(re2.length() + 8);
        int i = 0;
        int n = re2.length();
        while (i < n) {
            char c = re2.charAt(i);
            if (c == '\\' && i + 1 < n) {
                out.append(c).append(re2.charAt(i + 1));
                i += 2;
            } else if (c == '[') {
                i = copyClass(re2, i, out);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static int copyClass(String re2, int start, StringBuilder out) {
        int n = re2.length();
        int i = start + 1;
        out.append('[');
        if (i < n && re2.charAt(i) == '^') {
            out.append('^');
            i++;
        }
        boolean first = true;
        while (i < n) {
            char c = re2.charAt(i);
            if (c == ']' && !first) {
                out.append(']');
                return i + 1;
            }
            first = false;
            if (c == '\\' && i + 1 < n) {
                out.append(c).append(re2.charAt(i + 1));
                i += 2;
            } else if (c == '[' && i + 1 < n && re2.charAt(i + 1) == ':') {
                int end = re2.indexOf(":]", i + 2);
                String name = end < 0 ? null : re2.substring(i + 2, end);
                boolean negated = name != null && name.startsWith("^");
                String key = negated ? name.substring(1) : name;
                if (key != null && POSIX.containsKey(key)) {
                    String cls = POSIX.get(key);
                    out.append(negated ? "[^" + cls + "]" : cls);
                    i = end + 2;
                } else {
                    out.append("\\[");
                    i++;
                }
            } else if (c == '[' || c == '&' || c == ']') {
                out.append('\\').append(c);
                i++;
            } else {
                out.append(c);
                i++;
            }
        }
        throw new IllegalArgumentException("missing closing ]");
    }
}
