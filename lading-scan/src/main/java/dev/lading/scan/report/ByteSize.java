package dev.lading.scan.report;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes as people write them: {@code 50MB}, {@code 1.5GB}, {@code 20MiB}, {@code 1024}. KB/MB/GB are powers of
 * 1000 and KiB/MiB/GiB of 1024, as go-humanize (and so dive's {@code highestWastedBytes: 20MB}) reads them.
 */
public final class ByteSize {
    private static final Pattern SIZE = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*([kmgt]i?b?|b)?", Pattern.CASE_INSENSITIVE);

    private ByteSize() {
    }

    /** {@code what} names the option or key for the error message. */
    public static long parse(String text, String what) {
        Matcher m = SIZE.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(what + " must be a size like 50MB, 20MiB or 1000000, not '" + text + "'");
        }
        double n = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
        boolean binary = unit.contains("i");
        double base = binary ? 1024 : 1000;
        int power = switch (unit.charAt(0)) {
            case 'k' -> 1;
            case 'm' -> 2;
            case 'g' -> 3;
            case 't' -> 4;
            default -> 0;
        };
        double bytes = n * Math.pow(base, power);
        if (bytes > Long.MAX_VALUE / 2) {
            throw new IllegalArgumentException(what + " is too large: '" + text + "'");
        }
        return Math.round(bytes);
    }
}
