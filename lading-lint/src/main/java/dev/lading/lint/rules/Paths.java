package dev.lading.lint.rules;

/** Path questions rules share. */
final class Paths {
    private static final java.util.regex.Pattern WINDOWS_ABSOLUTE = java.util.regex.Pattern.compile("(?i)[a-z]:[\\\\/].*");

    private Paths() {
    }

    /** Absolute on Linux, or a Windows drive path ({@code C:\app}, {@code c:/app}). */
    static boolean isAbsolute(String p) {
        String s = p.startsWith("\"") && p.endsWith("\"") && p.length() > 1 ? p.substring(1, p.length() - 1) : p;
        return s.startsWith("/") || WINDOWS_ABSOLUTE.matcher(s).matches();
    }
}
