package dev.lading.scan.report;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The analyses {@code lading scan} can run, named as {@code --scanners} takes them (trivy's names where it has them). */
public enum Scanner {
    VULN, SECRET, POLICY, EFFICIENCY;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Set<Scanner> parse(List<String> names, String what) {
        Set<Scanner> out = EnumSet.noneOf(Scanner.class);
        for (String n : names) {
            String t = n.strip().toLowerCase(Locale.ROOT);
            out.add(switch (t) {
                case "vuln", "vulns", "vulnerability", "vulnerabilities" -> VULN;
                case "secret", "secrets" -> SECRET;
                case "policy", "misconfig", "config" -> POLICY;
                case "efficiency", "layers" -> EFFICIENCY;
                default -> throw new IllegalArgumentException(what + ": unknown scanner '" + n + "' (vuln, secret, policy, efficiency)");
            });
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(what + " names no scanner (vuln, secret, policy, efficiency)");
        }
        return out;
    }
}
