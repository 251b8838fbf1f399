package dev.lading.scan.vuln;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The CVSS v4.0 score of a vector such as {@code CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N},
 * as the FIRST v4.0 specification (https://www.first.org/cvss/v4.0/specification-document, section 8) and its
 * reference calculator compute it: the vector's six equivalence classes name a MacroVector, whose score comes
 * from the table of 270 expert-rated MacroVectors; the score is lowered by the vector's severity distance from
 * the MacroVector's highest-severity vectors, in proportion to the score gap to each next-lower MacroVector.
 * <p>
 * Threat ({@code E}) and environmental metrics in the vector take part, as they do in the FIRST calculator
 * (the score is then CVSS-BT/BE/BTE rather than CVSS-B); supplemental metrics are accepted and do not change
 * the score. Arithmetic is done in doubles in the calculator's order so that results at a .x5 boundary round
 * the same way, and rounding adds the calculator's epsilon of 1e-6.
 */
public final class Cvss4 {
    /** The metrics and the values the specification allows, base metrics first (all eleven are mandatory). */
    private static final Map<String, List<String>> METRICS = new LinkedHashMap<>();

    static {
        METRICS.put("AV", List.of("N", "A", "L", "P"));
        METRICS.put("AC", List.of("L", "H"));
        METRICS.put("AT", List.of("N", "P"));
        METRICS.put("PR", List.of("N", "L", "H"));
        METRICS.put("UI", List.of("N", "P", "A"));
        for (String m : List.of("VC", "VI", "VA", "SC", "SI", "SA")) {
            METRICS.put(m, List.of("H", "L", "N"));
        }
        METRICS.put("E", List.of("X", "A", "P", "U"));
        for (String m : List.of("CR", "IR", "AR")) {
            METRICS.put(m, List.of("X", "H", "M", "L"));
        }
        METRICS.put("MAV", List.of("X", "N", "A", "L", "P"));
        METRICS.put("MAC", List.of("X", "L", "H"));
        METRICS.put("MAT", List.of("X", "N", "P"));
        METRICS.put("MPR", List.of("X", "N", "L", "H"));
        METRICS.put("MUI", List.of("X", "N", "P", "A"));
        for (String m : List.of("MVC", "MVI", "MVA", "MSC")) {
            METRICS.put(m, List.of("X", "H", "L", "N"));
        }
        METRICS.put("MSI", List.of("X", "S", "H", "L", "N"));
        METRICS.put("MSA", List.of("X", "S", "H", "L", "N"));
        METRICS.put("S", List.of("X", "N", "P"));
        METRICS.put("AU", List.of("X", "N", "Y"));
        METRICS.put("R", List.of("X", "A", "U", "I"));
        METRICS.put("V", List.of("X", "D", "C"));
        METRICS.put("RE", List.of("X", "L", "M", "H"));
        METRICS.put("U", List.of("X", "Clear", "Green", "Amber", "Red"));
    }

    private static final List<String> BASE = List.of("AV", "AC", "AT", "PR", "UI", "VC", "VI", "VA", "SC", "SI", "SA");

    /**
     * The MacroVector scores of the specification, keyed by EQ1..EQ6 as six digits. Classes that cannot occur
     * (EQ3=2 with EQ6=0) are absent.
     */
    private static final Map<String, Double> MACRO = new HashMap<>();

    static {
        String table = """
                000000 10 000001 9.9 000010 9.8 000011 9.5 000020 9.5 000021 9.2 000100 10 000101 9.6 000110 9.3
                000111 8.7 000120 9.1 000121 8.1 000200 9.3 000201 9 000210 8.9 000211 8 000220 8.1 000221 6.8
                001000 9.8 001001 9.5 001010 9.5 001011 9.2 001020 9 001021 8.4 001100 9.3 001101 9.2 001110 8.9
                001111 8.1 001120 8.1 001121 6.5 001200 8.8 001201 8 001210 7.8 001211 7 001220 6.9 001221 4.8
                002001 9.2 002011 8.2 002021 7.2 002101 7.9 002111 6.9 002121 5 002201 6.9 002211 5.5 002221 2.7
                010000 9.9 010001 9.7 010010 9.5 010011 9.2 010020 9.2 010021 8.5 010100 9.5 010101 9.1 010110 9
                010111 8.3 010120 8.4 010121 7.1 010200 9.2 010201 8.1 010210 8.2 010211 7.1 010220 7.2 010221 5.3
                011000 9.5 011001 9.3 011010 9.2 011011 8.5 011020 8.5 011021 7.3 011100 9.2 011101 8.2 011110 8
                011111 7.2 011120 7 011121 5.9 011200 8.4 011201 7 011210 7.1 011211 5.2 011220 5 011221 3
                012001 8.6 012011 7.5 012021 5.2 012101 7.1 012111 5.2 012121 2.9 012201 6.3 012211 2.9 012221 1.7
                100000 9.8 100001 9.5 100010 9.4 100011 8.7 100020 9.1 100021 8.1 100100 9.4 100101 8.9 100110 8.6
                100111 7.4 100120 7.7 100121 6.4 100200 8.7 100201 7.5 100210 7.4 100211 6.3 100220 6.3 100221 4.9
                101000 9.4 101001 8.9 101010 8.8 101011 7.7 101020 7.6 101021 6.7 101100 8.6 101101 7.6 101110 7.4
                101111 5.8 101120 5.9 101121 5 101200 7.2 101201 5.7 101210 5.7 101211 5.2 101220 5.2 101221 2.5
                102001 8.3 102011 7 102021 5.4 102101 6.5 102111 5.8 102121 2.6 102201 5.3 102211 2.1 102221 1.3
                110000 9.5 110001 9 110010 8.8 110011 7.6 110020 7.6 110021 7 110100 9 110101 7.7 110110 7.5
                110111 6.2 110120 6.1 110121 5.3 110200 7.7 110201 6.6 110210 6.8 110211 5.9 110220 5.2 110221 3
                111000 8.9 111001 7.8 111010 7.6 111011 6.7 111020 6.2 111021 5.8 111100 7.4 111101 5.9 111110 5.7
                111111 5.7 111120 4.7 111121 2.3 111200 6.1 111201 5.2 111210 5.7 111211 2.9 111220 2.4 111221 1.6
                112001 7.1 112011 5.9 112021 3 112101 5.8 112111 2.6 112121 1.5 112201 2.3 112211 1.3 112221 0.6
                200000 9.3 200001 8.7 200010 8.6 200011 7.2 200020 7.5 200021 5.8 200100 8.6 200101 7.4 200110 7.4
                200111 6.1 200120 5.6 200121 3.4 200200 7 200201 5.4 200210 5.2 200211 4 200220 4 200221 2.2
                201000 8.5 201001 7.5 201010 7.4 201011 5.5 201020 6.2 201021 5.1 201100 7.2 201101 5.7 201110 5.5
                201111 4.1 201120 4.6 201121 1.9 201200 5.3 201201 3.6 201210 3.4 201211 1.9 201220 1.9 201221 0.8
                202001 6.4 202011 5.1 202021 2 202101 4.7 202111 2.1 202121 1.1 202201 2.4 202211 0.9 202221 0.4
                210000 8.8 210001 7.5 210010 7.3 210011 5.3 210020 6 210021 5 210100 7.3 210101 5.5 210110 5.9
                210111 4 210120 4.1 210121 2 210200 5.4 210201 4.3 210210 4.5 210211 2.2 210220 2 210221 1.1
                211000 7.5 211001 5.5 211010 5.8 211011 4.5 211020 4 211021 2.1 211100 6.1 211101 5.1 211110 4.8
                211111 1.8 211120 2 211121 0.9 211200 4.6 211201 1.8 211210 1.7 211211 0.7 211220 0.8 211221 0.2
                212001 5.3 212011 2.4 212021 1.4 212101 2.4 212111 1.2 212121 0.5 212201 1 212211 0.3 212221 0.1
                """;
        String[] t = table.strip().split("\\s+");
        for (int i = 0; i < t.length; i += 2) {
            MACRO.put(t[i], Double.parseDouble(t[i + 1]));
        }
        if (MACRO.size() != 270) {
            throw new AssertionError("CVSS v4 MacroVector table has " + MACRO.size() + " entries, not 270");
        }
    }

    /** Severity levels of metric values, in tenths: how far a value is below the most severe one. */
    private static final Map<String, Map<String, Double>> LEVELS = new LinkedHashMap<>();

    static {
        LEVELS.put("AV", Map.of("N", 0.0, "A", 0.1, "L", 0.2, "P", 0.3));
        LEVELS.put("PR", Map.of("N", 0.0, "L", 0.1, "H", 0.2));
        LEVELS.put("UI", Map.of("N", 0.0, "P", 0.1, "A", 0.2));
        LEVELS.put("AC", Map.of("L", 0.0, "H", 0.1));
        LEVELS.put("AT", Map.of("N", 0.0, "P", 0.1));
        LEVELS.put("VC", Map.of("H", 0.0, "L", 0.1, "N", 0.2));
        LEVELS.put("VI", Map.of("H", 0.0, "L", 0.1, "N", 0.2));
        LEVELS.put("VA", Map.of("H", 0.0, "L", 0.1, "N", 0.2));
        LEVELS.put("SC", Map.of("H", 0.1, "L", 0.2, "N", 0.3));
        LEVELS.put("SI", Map.of("S", 0.0, "H", 0.1, "L", 0.2, "N", 0.3));
        LEVELS.put("SA", Map.of("S", 0.0, "H", 0.1, "L", 0.2, "N", 0.3));
        LEVELS.put("CR", Map.of("H", 0.0, "M", 0.1, "L", 0.2));
        LEVELS.put("IR", Map.of("H", 0.0, "M", 0.1, "L", 0.2));
        LEVELS.put("AR", Map.of("H", 0.0, "M", 0.1, "L", 0.2));
        LEVELS.put("E", Map.of("U", 0.2, "P", 0.1, "A", 0.0));
    }

    /** The highest-severity vectors of each class, per EQ (EQ3 together with EQ6), as the specification lists them. */
    private static final List<List<String>> MAX_EQ1 = List.of(List.of("AV:N/PR:N/UI:N"),
            List.of("AV:A/PR:N/UI:N", "AV:N/PR:L/UI:N", "AV:N/PR:N/UI:P"), List.of("AV:P/PR:N/UI:N", "AV:A/PR:L/UI:P"));
    private static final List<List<String>> MAX_EQ2 = List.of(List.of("AC:L/AT:N"), List.of("AC:H/AT:N", "AC:L/AT:P"));
    /** Indexed [eq3][eq6]; null where the combination cannot occur. */
    private static final List<List<List<String>>> MAX_EQ3_EQ6 = List.of(
            List.of(List.of("VC:H/VI:H/VA:H/CR:H/IR:H/AR:H"),
                    List.of("VC:H/VI:H/VA:L/CR:M/IR:M/AR:H", "VC:H/VI:H/VA:H/CR:M/IR:M/AR:M")),
            List.of(List.of("VC:L/VI:H/VA:H/CR:H/IR:H/AR:H", "VC:H/VI:L/VA:H/CR:H/IR:H/AR:H"),
                    List.of("VC:L/VI:H/VA:L/CR:H/IR:M/AR:H", "VC:L/VI:H/VA:H/CR:H/IR:M/AR:M", "VC:H/VI:L/VA:H/CR:M/IR:H/AR:M",
                            "VC:H/VI:L/VA:L/CR:M/IR:H/AR:H", "VC:L/VI:L/VA:H/CR:H/IR:H/AR:M")),
            java.util.Arrays.asList(null, List.of("VC:L/VI:L/VA:L/CR:H/IR:H/AR:H")));
    private static final List<List<String>> MAX_EQ4 = List.of(List.of("SC:H/SI:S/SA:S"), List.of("SC:H/SI:H/SA:H"), List.of("SC:L/SI:L/SA:L"));
    private static final List<List<String>> MAX_EQ5 = List.of(List.of("E:A"), List.of("E:P"), List.of("E:U"));

    /** The depth of each MacroVector in tenths (its largest severity distance, plus one). */
    private static final int[] DEPTH_EQ1 = {1, 4, 5};
    private static final int[] DEPTH_EQ2 = {1, 2};
    private static final int[][] DEPTH_EQ3_EQ6 = {{7, 6}, {8, 8}, {0, 10}};
    private static final int[] DEPTH_EQ4 = {6, 5, 4};

    private Cvss4() {
    }

    /** The score, 0.0 to 10.0; empty when the vector is not a valid CVSS v4.0 vector. */
    public static Optional<Double> score(String vector) {
        Map<String, String> m = parse(vector);
        return m == null ? Optional.empty() : Optional.of(score(m));
    }

    /** The metrics of a valid vector, every metric present (X where the vector leaves it out); null when invalid. */
    static Map<String, String> parse(String vector) {
        if (vector == null) {
            return null;
        }
        String[] parts = vector.strip().split("/", -1);
        if (!parts[0].equals("CVSS:4.0")) {
            return null;
        }
        Map<String, String> m = new HashMap<>();
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split(":", -1);
            List<String> allowed = kv.length == 2 ? METRICS.get(kv[0]) : null;
            if (allowed == null || !allowed.contains(kv[1]) || m.put(kv[0], kv[1]) != null) {
                return null; // unknown metric or value, or a metric given twice
            }
        }
        if (!m.keySet().containsAll(BASE)) {
            return null;
        }
        for (String k : METRICS.keySet()) {
            m.putIfAbsent(k, "X");
        }
        return m;
    }

    /**
     * The value that counts for a metric: a modified (M…) value overrides the base one, and the threat and
     * security-requirement metrics not given take their worst case (E:A, CR/IR/AR:H).
     */
    private static String effective(Map<String, String> m, String metric) {
        String v = m.get(metric);
        if (v.equals("X")) {
            switch (metric) {
                case "E":
                    return "A";
                case "CR", "IR", "AR":
                    return "H";
                default:
                    break;
            }
        }
        String modified = m.get("M" + metric);
        if (modified != null && !modified.equals("X")) {
            return modified;
        }
        return v;
    }

    private static double score(Map<String, String> m) {
        if (List.of("VC", "VI", "VA", "SC", "SI", "SA").stream().allMatch(k -> effective(m, k).equals("N"))) {
            return 0.0;
        }
        int eq1 = eq1(m);
        int eq2 = eq(m, "AC").equals("L") && eq(m, "AT").equals("N") ? 0 : 1;
        String vc = eq(m, "VC");
        String vi = eq(m, "VI");
        String va = eq(m, "VA");
        int eq3 = vc.equals("H") && vi.equals("H") ? 0 : vc.equals("H") || vi.equals("H") || va.equals("H") ? 1 : 2;
        int eq4 = m.get("MSI").equals("S") || m.get("MSA").equals("S") ? 0
                : eq(m, "SC").equals("H") || eq(m, "SI").equals("H") || eq(m, "SA").equals("H") ? 1 : 2;
        int eq5 = switch (eq(m, "E")) {
            case "A" -> 0;
            case "P" -> 1;
            default -> 2;
        };
        int eq6 = eq(m, "CR").equals("H") && vc.equals("H") || eq(m, "IR").equals("H") && vi.equals("H")
                || eq(m, "AR").equals("H") && va.equals("H") ? 0 : 1;
        double value = MACRO.get(macro(eq1, eq2, eq3, eq4, eq5, eq6));

        Double lower1 = MACRO.get(macro(eq1 + 1, eq2, eq3, eq4, eq5, eq6));
        Double lower2 = MACRO.get(macro(eq1, eq2 + 1, eq3, eq4, eq5, eq6));
        Double lower36;
        if (eq3 == 0 && eq6 == 0) {
            // two ways down (00 -> 01 and 00 -> 10): the higher-scored one
            Double left = MACRO.get(macro(eq1, eq2, eq3, eq4, eq5, eq6 + 1));
            Double right = MACRO.get(macro(eq1, eq2, eq3 + 1, eq4, eq5, eq6));
            lower36 = left == null || right == null ? null : Math.max(left, right);
        } else if (eq3 == 1 && eq6 == 0) {
            lower36 = MACRO.get(macro(eq1, eq2, eq3, eq4, eq5, eq6 + 1));
        } else if (eq3 == 2 && eq6 == 1) {
            lower36 = null; // the lowest: 21 -> 32 does not exist
        } else {
            lower36 = MACRO.get(macro(eq1, eq2, eq3 + 1, eq4, eq5, eq6));
        }
        Double lower4 = MACRO.get(macro(eq1, eq2, eq3, eq4 + 1, eq5, eq6));
        Double lower5 = MACRO.get(macro(eq1, eq2, eq3, eq4, eq5 + 1, eq6));

        // the first of the MacroVector's highest-severity vectors that the vector does not exceed anywhere
        Map<String, Double> distances = null;
        search:
        for (String a : MAX_EQ1.get(eq1)) {
            for (String b : MAX_EQ2.get(eq2)) {
                for (String c : MAX_EQ3_EQ6.get(eq3).get(eq6)) {
                    for (String d : MAX_EQ4.get(eq4)) {
                        for (String e : MAX_EQ5.get(eq5)) {
                            distances = distances(m, String.join("/", a, b, c, d, e));
                            if (distances.values().stream().allMatch(x -> x >= 0)) {
                                break search;
                            }
                        }
                    }
                }
            }
        }
        double d1 = distances.get("AV") + distances.get("PR") + distances.get("UI");
        double d2 = distances.get("AC") + distances.get("AT");
        double d36 = distances.get("VC") + distances.get("VI") + distances.get("VA")
                + distances.get("CR") + distances.get("IR") + distances.get("AR");
        double d4 = distances.get("SC") + distances.get("SI") + distances.get("SA");

        final double step = 0.1;
        int existing = 0;
        double n1 = 0;
        double n2 = 0;
        double n36 = 0;
        double n4 = 0;
        double n5 = 0;
        if (lower1 != null) {
            existing++;
            n1 = (value - lower1) * (d1 / (DEPTH_EQ1[eq1] * step));
        }
        if (lower2 != null) {
            existing++;
            n2 = (value - lower2) * (d2 / (DEPTH_EQ2[eq2] * step));
        }
        if (lower36 != null) {
            existing++;
            n36 = (value - lower36) * (d36 / (DEPTH_EQ3_EQ6[eq3][eq6] * step));
        }
        if (lower4 != null) {
            existing++;
            n4 = (value - lower4) * (d4 / (DEPTH_EQ4[eq4] * step));
        }
        if (lower5 != null) {
            existing++; // EQ5's distance within its class is always 0
            n5 = (value - lower5) * 0;
        }
        double mean = existing == 0 ? 0 : (n1 + n2 + n36 + n4 + n5) / existing;
        // the reference calculator rounds half up after adding 1e-6, so that 8.549999999 (floating-point noise
        // on an exact 8.55) rounds to 8.6 as the specification's arithmetic intends
        return Math.round((Math.max(0, Math.min(10, value - mean)) + 1e-6) * 10) / 10.0;
    }

    private static int eq1(Map<String, String> m) {
        String av = eq(m, "AV");
        String pr = eq(m, "PR");
        String ui = eq(m, "UI");
        if (av.equals("N") && pr.equals("N") && ui.equals("N")) {
            return 0;
        }
        if ((av.equals("N") || pr.equals("N") || ui.equals("N")) && !av.equals("P")) {
            return 1;
        }
        return 2;
    }

    private static String eq(Map<String, String> m, String metric) {
        return effective(m, metric);
    }

    private static String macro(int... eqs) {
        StringBuilder sb = new StringBuilder(6);
        for (int e : eqs) {
            sb.append(e);
        }
        return sb.toString();
    }

    private static Map<String, Double> distances(Map<String, String> m, String maxVector) {
        Map<String, String> max = new HashMap<>();
        for (String kv : maxVector.split("/")) {
            int c = kv.indexOf(':');
            max.put(kv.substring(0, c), kv.substring(c + 1));
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, Double>> level : LEVELS.entrySet()) {
            String k = level.getKey();
            out.put(k, level.getValue().get(effective(m, k)) - level.getValue().get(max.get(k)));
        }
        return out;
    }
}
