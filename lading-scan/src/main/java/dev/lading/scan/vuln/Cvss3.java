package dev.lading.scan.vuln;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The CVSS v3.0/v3.1 base score of a vector such as {@code CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H},
 * by the formulas of the specification (https://www.first.org/cvss/v3.1/specification-document, section 7).
 * Temporal and environmental metrics in the vector are allowed and ignored: scanners report the base score.
 */
public final class Cvss3 {
    private static final List<String> BASE = List.of("AV", "AC", "PR", "UI", "S", "C", "I", "A");

    private Cvss3() {
    }

    /** The base score, 0.0 to 10.0; empty when the vector is not a complete, valid CVSS v3 vector. */
    public static Optional<Double> baseScore(String vector) {
        if (vector == null) {
            return Optional.empty();
        }
        String[] parts = vector.strip().split("/");
        if (parts.length < 1 || !(parts[0].equals("CVSS:3.1") || parts[0].equals("CVSS:3.0"))) {
            return Optional.empty();
        }
        boolean v30 = parts[0].equals("CVSS:3.0");
        Map<String, String> m = new HashMap<>();
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split(":", -1);
            if (kv.length != 2 || m.put(kv[0], kv[1]) != null) {
                return Optional.empty(); // malformed, or a metric given twice: the spec calls that invalid
            }
        }
        if (!m.keySet().containsAll(BASE)) {
            return Optional.empty();
        }
        boolean changed;
        switch (m.get("S")) {
            case "U" -> changed = false;
            case "C" -> changed = true;
            default -> {
                return Optional.empty();
            }
        }
        Double av = switch (m.get("AV")) {
            case "N" -> 0.85;
            case "A" -> 0.62;
            case "L" -> 0.55;
            case "P" -> 0.2;
            default -> null;
        };
        Double ac = switch (m.get("AC")) {
            case "L" -> 0.77;
            case "H" -> 0.44;
            default -> null;
        };
        Double pr = switch (m.get("PR")) {
            case "N" -> 0.85;
            case "L" -> changed ? 0.68 : 0.62;
            case "H" -> changed ? 0.5 : 0.27;
            default -> null;
        };
        Double ui = switch (m.get("UI")) {
            case "N" -> 0.85;
            case "R" -> 0.62;
            default -> null;
        };
        Double c = cia(m.get("C"));
        Double i = cia(m.get("I"));
        Double a = cia(m.get("A"));
        if (av == null || ac == null || pr == null || ui == null || c == null || i == null || a == null) {
            return Optional.empty();
        }
        double iss = 1 - (1 - c) * (1 - i) * (1 - a);
        double impact = changed ? 7.52 * (iss - 0.029) - 3.25 * Math.pow(iss - 0.02, 15) : 6.42 * iss;
        double exploitability = 8.22 * av * ac * pr * ui;
        if (impact <= 0) {
            return Optional.of(0.0);
        }
        double raw = changed ? Math.min(1.08 * (impact + exploitability), 10) : Math.min(impact + exploitability, 10);
        return Optional.of(v30 ? roundUp30(raw) : roundUp31(raw));
    }

    private static Double cia(String v) {
        return switch (v) {
            case "H" -> 0.56;
            case "L" -> 0.22;
            case "N" -> 0.0;
            default -> null;
        };
    }

    /**
     * CVSS 3.1 Roundup (Appendix A): the smallest number with one decimal that is at least the input, computed on
     * integers so that floating-point noise (4.000000000000001) does not round a whole tenth up.
     */
    static double roundUp31(double input) {
        long intInput = Math.round(input * 100000);
        if (intInput % 10000 == 0) {
            return intInput / 100000.0;
        }
        return (Math.floorDiv(intInput, 10000) + 1) / 10.0;
    }

    /** CVSS 3.0 defined Roundup plainly as rounding up to one decimal. */
    static double roundUp30(double input) {
        return BigDecimal.valueOf(input).setScale(1, RoundingMode.CEILING).doubleValue();
    }
}
