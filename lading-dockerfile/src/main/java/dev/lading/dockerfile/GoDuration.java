package dev.lading.dockerfile;

import java.math.BigDecimal;
import java.util.Map;

/** Go's time.ParseDuration, which BuildKit uses to check HEALTHCHECK durations at parse time. */
final class GoDuration {
    private GoDuration() {
    }

    private static final Map<String, BigDecimal> UNITS = Map.of(
            "ns", BigDecimal.ONE,
            "us", BigDecimal.valueOf(1_000L),
            "\u00b5s", BigDecimal.valueOf(1_000L),
            "\u03bcs", BigDecimal.valueOf(1_000L),
            "ms", BigDecimal.valueOf(1_000_000L),
            "s", BigDecimal.valueOf(1_000_000_000L),
            "m", BigDecimal.valueOf(60_000_000_000L),
            "h", BigDecimal.valueOf(3_600_000_000_000L));

    /** Nanoseconds, or throws IllegalArgumentException with Go's wording. */
    static long parse(String s) {
        String orig = s;
        boolean neg = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            neg = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return 0;
        }
        if (s.isEmpty()) {
            throw new IllegalArgumentException("time: invalid duration \"" + orig + "\"");
        }
        BigDecimal total = BigDecimal.ZERO;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && Character.isDigit(s.charAt(i)) && s.charAt(i) < 0x80) {
                i++;
            }
            boolean pre = i > start;
            int dot = i;
            if (i < s.length() && s.charAt(i) == '.') {
                i++;
                while (i < s.length() && Character.isDigit(s.charAt(i)) && s.charAt(i) < 0x80) {
                    i++;
                }
            }
            boolean post = i > dot + 1;
            if (!pre && !post) {
                throw new IllegalArgumentException("time: invalid duration \"" + orig + "\"");
            }
            String number = s.substring(start, i);
            int u = i;
            while (i < s.length() && s.charAt(i) != '.' && !(Character.isDigit(s.charAt(i)) && s.charAt(i) < 0x80)) {
                i++;
            }
            if (u == i) {
                throw new IllegalArgumentException("time: missing unit in duration \"" + orig + "\"");
            }
            String unit = s.substring(u, i);
            BigDecimal scale = UNITS.get(unit);
            if (scale == null) {
                throw new IllegalArgumentException("time: unknown unit \"" + unit + "\" in duration \"" + orig + "\"");
            }
            String n = number.endsWith(".") ? number + "0" : number;
            n = n.startsWith(".") ? "0" + n : n;
            total = total.add(new BigDecimal(n).multiply(scale));
        }
        BigDecimal nanos = total.setScale(0, java.math.RoundingMode.DOWN);
        if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("time: invalid duration \"" + orig + "\"");
        }
        return neg ? -nanos.longValueExact() : nanos.longValueExact();
    }
}
