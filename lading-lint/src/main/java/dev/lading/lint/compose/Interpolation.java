package dev.lading.lint.compose;

/** Compose's variable substitution, only as far as rules need to know a value is not what is written. */
public final class Interpolation {
    private Interpolation() {
    }

    /** True when {@code s} has a {@code $VAR} or {@code ${…}} that compose replaces ({@code $$} is literal). */
    public static boolean present(String s) {
        for (int i = 0; i < s.length() - 1; i++) {
            if (s.charAt(i) != '$') {
                continue;
            }
            char next = s.charAt(i + 1);
            if (next == '$') {
                i++;
            } else if (next == '{' || next == '_' || Character.isLetter(next)) {
                return true;
            }
        }
        return false;
    }
}
