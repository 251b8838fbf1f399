package dev.lading.build;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Go's fmt output for the values BuildKit prints into history: {@code %q} of strings and string slices,
 * {@code %v} of slices and sets, and Go's duration text. Docker users read and diff these strings.
 */
final class GoText {

    private GoText() {
    }

    /** strconv.Quote for the characters a Dockerfile can hold. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                case 7 -> sb.append("\\a");
                case 8 -> sb.append("\\b");
                case 12 -> sb.append("\\f");
                case 11 -> sb.append("\\v");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\x%02x", c));
                    } else {
                        sb.appendCodePoint(c);
                    }
                }
            }
        });
        return sb.append('"').toString();
    }

    /** {@code %q} of a []string: {@code ["a" "b"]}. */
    static String quoteList(List<String> list) {
        return list.stream().map(GoText::quote).collect(Collectors.joining(" ", "[", "]"));
    }

    /** {@code %v} of a []string: {@code [a b]}. */
    static String list(List<String> list) {
        return "[" + String.join(" ", list) + "]";
    }

    /** {@code %v} of a map[string]struct{}: keys sorted, {@code map[80/tcp:{}]}. */
    static String set(Iterable<String> sortedKeys) {
        StringBuilder sb = new StringBuilder("map[");
        String sep = "";
        for (String k : sortedKeys) {
            sb.append(sep).append(k).append(":{}");
            sep = " ";
        }
        return sb.append(']').toString();
    }

    /** {@code %q} of an int, which Go prints as a quoted rune: 3 → {@code '\x03'}, 65 → {@code 'A'}. */
    static String quoteRune(int r) {
        if (r == '\'') {
            return "'\\''";
        }
        if (r == '\\') {
            return "'\\\\'";
        }
        if (r >= 0x20 && r < 0x7f) {
            return "'" + (char) r + "'";
        }
        if (r < 0x100) {
            return switch (r) {
                case 7 -> "'\\a'";
                case 8 -> "'\\b'";
                case 9 -> "'\\t'";
                case 10 -> "'\\n'";
                case 11 -> "'\\v'";
                case 12 -> "'\\f'";
                case 13 -> "'\\r'";
                default -> String.format("'\\x%02x'", r);
            };
        }
        return String.format("'\\u%04x'", r);
    }

    private static final Map<String, Long> UNITS = Map.of("ns", 1L, "us", 1_000L, "µs", 1_000L, "μs", 1_000L,
            "ms", 1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    /** time.ParseDuration, to nanoseconds; the parser already checked the form. */
    static long parseDuration(String text) {
        String s = text;
        boolean negative = s.startsWith("-");
        if (negative || s.startsWith("+")) {
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return 0;
        }
        double total = 0;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            if (start == i) {
                throw new IllegalArgumentException("invalid duration '" + text + "'");
            }
            String number = s.substring(start, i);
            int unitStart = i;
            while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
                i++;
            }
            Long unit = UNITS.get(s.substring(unitStart, i));
            if (unit == null) {
                throw new IllegalArgumentException("invalid duration '" + text + "': unknown unit '" + s.substring(unitStart, i) + "'");
            }
            total += new java.math.BigDecimal(number).multiply(java.math.BigDecimal.valueOf(unit)).doubleValue();
        }
        long ns = Math.round(total);
        return negative ? -ns : ns;
    }

    /** time.Duration.String(): 90s → "1m30s", 0 → "0s", 1.5ms → "1.5ms". */
    static String duration(long ns) {
        if (ns == 0) {
            return "0s";
        }
        String sign = ns < 0 ? "-" : "";
        long u = Math.abs(ns);
        if (u < 1_000_000_000L) {
            if (u < 1_000) {
                return sign + u + "ns";
            }
            if (u < 1_000_000) {
                return sign + fraction(u, 1_000) + "µs";
            }
            return sign + fraction(u, 1_000_000) + "ms";
        }
        long h = u / 3_600_000_000_000L;
        long rem = u % 3_600_000_000_000L;
        long m = rem / 60_000_000_000L;
        long sNs = rem % 60_000_000_000L;
        StringBuilder sb = new StringBuilder(sign);
        if (h > 0) {
            sb.append(h).append('h');
        }
        if (h > 0 || m > 0) {
            sb.append(m).append('m');
        }
        sb.append(fraction(sNs, 1_000_000_000L)).append('s');
        return sb.toString();
    }

    private static String fraction(long value, long unit) {
        long whole = value / unit;
        long frac = value % unit;
        if (frac == 0) {
            return Long.toString(whole);
        }
        String digits = String.format("%0" + Long.toString(unit).length() + "d", frac).substring(1);
        digits = digits.replaceAll("0+$", "");
        return whole + "." + digits;
    }
}
