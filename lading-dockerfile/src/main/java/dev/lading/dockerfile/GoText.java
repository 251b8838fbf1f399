package dev.lading.dockerfile;

/**
 * The string primitives BuildKit's parser is built on, with Go's definitions: Go's {@code unicode.IsSpace}
 * differs from {@link Character#isWhitespace} (it includes NBSP and NEL), and the parser's splitting
 * regex {@code [\t\v\f\r ]+} is narrower still. Using these keeps word boundaries identical to BuildKit's.
 */
final class GoText {
    private GoText() {
    }

    /** Go's unicode.IsSpace. */
    static boolean isSpace(int ch) {
        return ch == '\t' || ch == '\n' || ch == 0x0B || ch == '\f' || ch == '\r' || ch == 0x85
                || Character.isSpaceChar(ch);
    }

    /** The characters of BuildKit's {@code reWhitespace} ({@code [\t\v\f\r ]}). */
    static boolean isSplitSpace(int ch) {
        return ch == '\t' || ch == 0x0B || ch == '\f' || ch == '\r' || ch == ' ';
    }

    static int leadingSpace(String s) {
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            if (!isSpace(cp)) {
                break;
            }
            i += Character.charCount(cp);
        }
        return i;
    }

    static int trailingSpaceStart(String s) {
        int end = s.length();
        while (end > 0) {
            int cp = s.codePointBefore(end);
            if (!isSpace(cp)) {
                break;
            }
            end -= Character.charCount(cp);
        }
        return end;
    }

    static String trimLeft(String s) {
        return s.substring(leadingSpace(s));
    }

    /** Go's strings.TrimSpace. */
    static String trimSpace(String s) {
        int start = leadingSpace(s);
        int end = trailingSpaceStart(s);
        return start >= end ? "" : s.substring(start, end);
    }

    /** bytes.TrimRight(s, "\r\n"): every trailing CR and LF. */
    static String trimNewline(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '\r' || s.charAt(end - 1) == '\n')) {
            end--;
        }
        return s.substring(0, end);
    }

    /** A line is a comment when its first non-space character is '#'. */
    static boolean isComment(String line) {
        String t = trimLeft(trimNewline(line));
        return t.startsWith("#");
    }

    /** Splits on runs of {@code [\t\v\f\r ]}, as {@code reWhitespace.Split(s, -1)} on a trimmed string. */
    static java.util.List<String> splitWhitespace(String s) {
        java.util.List<String> out = new java.util.ArrayList<>();
        if (s.isEmpty()) {
            return out;
        }
        int i = 0;
        int start = 0;
        while (i < s.length()) {
            if (isSplitSpace(s.charAt(i))) {
                out.add(s.substring(start, i));
                while (i < s.length() && isSplitSpace(s.charAt(i))) {
                    i++;
                }
                start = i;
            } else {
                i++;
            }
        }
        out.add(s.substring(start));
        return out;
    }
}
