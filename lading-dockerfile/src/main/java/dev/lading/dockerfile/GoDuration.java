package dev.lading.dockerfile;

/**
 * Go's time.ParseDuration, which BuildKit uses to check HEALTHCHECK durations at parse time: the same algorithm
 * (unsigned 64-bit nanoseconds, a fraction scaled in float64 as Go does, overflow at 2^63), so a duration is
 * accepted or refused, and rounded, as BuildKit would. Integer arithmetic only: the BigDecimal version this
 * replaces cost every process ~17 ms of BigDecimal's class set-up on its first HEALTHCHECK with a duration.
 */
final class GoDuration {
    private GoDuration() {
    }

    private static final long NS = 1L;
    private static final long US = 1_000L;
    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;
    private static final long M = 60 * S;
    private static final long H = 60 * M;
    /** 1 << 63 as an unsigned value. */
    private static final long TWO_63 = Long.MIN_VALUE;

    /** Nanoseconds, or throws IllegalArgumentException with Go's wording. */
    static long parse(String s) {
        String orig = s;
        long d = 0; // unsigned
        boolean neg = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            neg = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return 0;
        }
        if (s.isEmpty()) {
            throw invalid(orig);
        }
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (!(c == '.' || digit(c))) {
                throw invalid(orig);
            }
            // [0-9]*
            int start = i;
            long v = 0; // unsigned
            for (; i < n && digit(s.charAt(i)); i++) {
                if (Long.compareUnsigned(v, Long.divideUnsigned(TWO_63, 10)) > 0) {
                    throw invalid(orig);
                }
                v = v * 10 + (s.charAt(i) - '0');
                if (Long.compareUnsigned(v, TWO_63) > 0) {
                    throw invalid(orig);
                }
            }
            boolean pre = i != start;
            // (\.[0-9]*)?
            boolean post = false;
            long f = 0;
            double scale = 1;
            if (i < n && s.charAt(i) == '.') {
                i++;
                int fracStart = i;
                boolean overflow = false;
                for (; i < n && digit(s.charAt(i)); i++) {
                    if (overflow) {
                        continue;
                    }
                    if (Long.compareUnsigned(f, Long.MAX_VALUE / 10) > 0) { // (1<<63 - 1) / 10, unsigned as in Go
                        overflow = true;
                        continue;
                    }
                    long y = f * 10 + (s.charAt(i) - '0');
                    if (y < 0 && y != TWO_63) { // above 1<<63 (f * 10 + 9 cannot reach 2^64 here)
                        overflow = true;
                        continue;
                    }
                    f = y;
                    scale *= 10;
                }
                post = i != fracStart;
            }
            if (!pre && !post) {
                throw invalid(orig);
            }
            // the unit: up to the next '.' or digit
            int u = i;
            while (i < n && s.charAt(i) != '.' && !digit(s.charAt(i))) {
                i++;
            }
            if (u == i) {
                throw new IllegalArgumentException("time: missing unit in duration \"" + orig + "\"");
            }
            String unitName = s.substring(u, i);
            long unit = unit(unitName);
            if (unit == 0) {
                throw new IllegalArgumentException("time: unknown unit \"" + unitName + "\" in duration \"" + orig + "\"");
            }
            if (Long.compareUnsigned(v, Long.divideUnsigned(TWO_63, unit)) > 0) {
                throw invalid(orig);
            }
            v *= unit;
            if (f != 0) {
                // as Go: float64(f) * (float64(unit) / scale), converted to uint64 by truncation
                v += toUnsigned(unsignedToDouble(f) * ((double) unit / scale));
                if (Long.compareUnsigned(v, TWO_63) > 0) {
                    throw invalid(orig);
                }
            }
            d += v;
            if (Long.compareUnsigned(d, TWO_63) > 0) {
                throw invalid(orig);
            }
        }
        if (neg) {
            return -d;
        }
        if (Long.compareUnsigned(d, Long.MAX_VALUE) > 0) {
            throw invalid(orig);
        }
        return d;
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    private static long unit(String name) {
        return switch (name) {
            case "ns" -> NS;
            case "us", "\u00b5s", "\u03bcs" -> US;
            case "ms" -> MS;
            case "s" -> S;
            case "m" -> M;
            case "h" -> H;
            default -> 0;
        };
    }

    private static double unsignedToDouble(long x) {
        return x >= 0 ? (double) x : (double) (x >>> 1) * 2.0 + (x & 1);
    }

    /** Go's uint64(float64) for the values that can occur here (0 <= x < 2^64). */
    private static long toUnsigned(double x) {
        if (x < 0x1p63) {
            return (long) x;
        }
        return (long) (x - 0x1p63) + Long.MIN_VALUE;
    }

    private static IllegalArgumentException invalid(String orig) {
        return new IllegalArgumentException("time: invalid duration \"" + orig + "\"");
    }
}
