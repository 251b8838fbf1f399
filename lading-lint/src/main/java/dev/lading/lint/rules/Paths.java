package dev.lading.lint.rules;

/** Path questions rules share. */
final class Paths {
    private static final java.util.regex.Pattern WINDOWS_ABSOLUTE = java.util.regex.Pattern.compile("(?i)[a-z]:[\\\\/].*");

    private Paths() {
    }

    private static final java.util.regex.Pattern TRAILING_SLASHES = java.util.regex.Pattern.compile("/+$");

    /**
     * {@code s} without the slashes at its end: what {@code s.replaceAll("/+$", "")} gives, without a regex for the
     * common case. (The regex's {@code $} also matches before a final line terminator; such a string goes
     * through it.)
     */
    static String stripTrailingSlashes(String s) {
        int n = s.length();
        if (n == 0) {
            return s;
        }
        char last = s.charAt(n - 1);
        if (last == '\n' || last == '\r' || last == '\u0085' || last == '\u2028' || last == '\u2029') {
            return TRAILING_SLASHES.matcher(s).replaceAll("");
        }
        int end = n;
        while (end > 0 && s.charAt(end - 1) == '/') {
            end--;
        }
        return end == n ? s : s.substring(0, end);
    }

    /** Absolute on Linux, or a Windows drive path ({@code C:\app}, {@code c:/app}). */
    static boolean isAbsolute(String p) {
        String s = p.startsWith("\"") && p.endsWith("\"") && p.length() > 1 ? p.substring(1, p.length() - 1) : p;
        return s.startsWith("/") || WINDOWS_ABSOLUTE.matcher(s).matches();
    }
}
