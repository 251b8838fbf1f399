package dev.lading.scan.version;

/**
 * Numeric comparison of digit runs of any length. Version components such as date stamps or commit counts
 * can exceed {@code long}, and every ecosystem here compares them as unbounded integers, so they are compared
 * without parsing: fewer significant digits is smaller, equal lengths compare digit by digit.
 */
final class Numerals {

    private Numerals() {
    }

    /** Compares two runs of ASCII digits (possibly empty, meaning zero) by numeric value. */
    static int compare(CharSequence a, CharSequence b) {
        int i = firstSignificant(a);
        int j = firstSignificant(b);
        int lengthA = a.length() - i;
        int lengthB = b.length() - j;
        if (lengthA != lengthB) {
            return Integer.compare(lengthA, lengthB);
        }
        for (; i < a.length(); i++, j++) {
            int c = Character.compare(a.charAt(i), b.charAt(j));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** Whether a run of ASCII digits (possibly empty) is numerically zero. */
    static boolean isZero(CharSequence digits) {
        return firstSignificant(digits) == digits.length();
    }

    static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Whether {@code s} is a non-empty run of ASCII digits. */
    static boolean isDigits(CharSequence s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isAsciiDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static int firstSignificant(CharSequence digits) {
        int i = 0;
        while (i < digits.length() && digits.charAt(i) == '0') {
            i++;
        }
        return i;
    }
}
