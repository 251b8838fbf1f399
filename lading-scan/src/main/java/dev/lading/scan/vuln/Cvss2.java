package dev.lading.scan.vuln;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The CVSS v2 base score of a vector such as {@code AV:N/AC:L/Au:N/C:P/I:P/A:P}, by the base equation of the
 * v2 guide (https://www.first.org/cvss/v2/guide, section 3.2.1). Vectors written with a {@code CVSS:2.0/}
 * prefix or in parentheses, as NVD once did, are read too; temporal and environmental metrics are ignored.
 */
public final class Cvss2 {
    private static final List<String> BASE = List.of("AV", "AC", "Au", "C", "I", "A");
    private static final List<String> OTHER = List.of("E", "RL", "RC", "CDP", "TD", "CR", "IR", "AR");

    private Cvss2() {
    }

    /** The base score, 0.0 to 10.0; empty when the vector is not a complete, valid CVSS v2 vector. */
    public static Optional<Double> baseScore(String vector) {
        if (vector == null) {
            return Optional.empty();
        }
        String v = vector.strip();
        if (v.startsWith("(") && v.endsWith(")")) {
            v = v.substring(1, v.length() - 1);
        }
        if (v.startsWith("CVSS:2.0/")) {
            v = v.substring("CVSS:2.0/".length());
        }
        Map<String, String> m = new HashMap<>();
        for (String part : v.split("/", -1)) {
            String[] kv = part.split(":", -1);
            if (kv.length != 2 || !(BASE.contains(kv[0]) || OTHER.contains(kv[0])) || m.put(kv[0], kv[1]) != null) {
                return Optional.empty();
            }
        }
        if (!m.keySet().containsAll(BASE)) {
            return Optional.empty();
        }
        Double av = switch (m.get("AV")) {
            case "L" -> 0.395;
            case "A" -> 0.646;
            case "N" -> 1.0;
            default -> null;
        };
        Double ac = switch (m.get("AC")) {
            case "H" -> 0.35;
            case "M" -> 0.61;
            case "L" -> 0.71;
            default -> null;
        };
        Double au = switch (m.get("Au")) {
            case "M" -> 0.45;
            case "S" -> 0.56;
            case "N" -> 0.704;
            default -> null;
        };
        Double c = cia(m.get("C"));
        Double i = cia(m.get("I"));
        Double a = cia(m.get("A"));
        if (av == null || ac == null || au == null || c == null || i == null || a == null) {
            return Optional.empty();
        }
        double impact = 10.41 * (1 - (1 - c) * (1 - i) * (1 - a));
        double exploitability = 20 * av * ac * au;
        double f = impact == 0 ? 0 : 1.176;
        double raw = (0.6 * impact + 0.4 * exploitability - 1.5) * f;
        // round_to_1_decimal, on the value rounded to 10 places first so that 4.35 computed as 4.3499999 goes up
        return Optional.of(Math.max(0, Math.round(Math.round(raw * 1e10) / 1e9) / 10.0));
    }

    /** The v2 rating (NVD's scale, which has no CRITICAL): 0-3.9 low, 4.0-6.9 medium, 7.0-10 high. */
    public static Severity severity(double score) {
        if (score < 4.0) {
            return Severity.LOW;
        }
        return score < 7.0 ? Severity.MEDIUM : Severity.HIGH;
    }

    private static Double cia(String v) {
        return switch (v) {
            case "N" -> 0.0;
            case "P" -> 0.275;
            case "C" -> 0.660;
            default -> null;
        };
    }
}
