package dev.lading.scan.vuln;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Vulnerabilities a team has decided to accept, from {@code .ladingignore} (or {@code .trivyignore}).
 * <p>
 * Line format (trivy's {@code .trivyignore}, extended): one entry per line,
 * {@code ID [PACKAGE] [exp:YYYY-MM-DD] [# reason]}, where ID is a record id or alias (CVE-…, GHSA-…, DSA-…)
 * and PACKAGE a package name, source package name, or a package URL without version (matching any version).
 * <p>
 * YAML format (a file whose first entry is {@code vulnerabilities:}):
 * <pre>
 * vulnerabilities:
 *   - id: CVE-2024-1234
 *     package: openssl          # optional; also "purls: [...]" as trivy's .trivyignore.yaml writes
 *     reason: not reachable     # or "statement"
 *     expires: 2026-12-31       # or "expired_at"
 * </pre>
 * An entry past its expiry date no longer ignores anything and is reported as expired, so an acceptance
 * cannot quietly outlive its review.
 */
public record IgnoreFile(Path file, List<Rule> rules) {

    public IgnoreFile {
        rules = List.copyOf(rules);
    }

    /**
     * One entry.
     *
     * @param id       the vulnerability id or alias
     * @param packages package names or version-less purls it is limited to; empty for all packages
     * @param reason   may be null
     * @param expires  the last day it applies; null for never
     * @param line     where it is (1-based line in the line format, entry number in YAML)
     */
    public record Rule(String id, List<String> packages, String reason, LocalDate expires, int line) {
        public Rule {
            packages = List.copyOf(packages);
        }

        public boolean isExpired(LocalDate today) {
            return expires != null && today.isAfter(expires);
        }

        public boolean matches(VulnerabilityFinding f) {
            if (!f.isKnownAs(id)) {
                return false;
            }
            return packages.isEmpty() || packages.stream().anyMatch(p -> packageMatches(p, f));
        }

        static boolean packageMatches(String want, VulnerabilityFinding f) {
            if (want.startsWith("pkg:")) {
                return Vex.purlMatches(want, f.pkg().purl());
            }
            return want.equals(f.pkg().name()) || want.equals(f.osvName())
                    || f.pkg().source() != null && want.equals(f.pkg().source().name());
        }
    }

    /** Reads {@code file}: YAML when it starts with {@code vulnerabilities:} (or is named .yaml/.yml), else lines. */
    public static IgnoreFile read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean yaml = name.endsWith(".yaml") || name.endsWith(".yml")
                || text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).findFirst()
                .map(l -> l.startsWith("vulnerabilities:")).orElse(false);
        return new IgnoreFile(file, yaml ? yaml(file, text) : lines(file, text));
    }

    private static List<Rule> lines(Path file, String text) throws IOException {
        List<Rule> rules = new ArrayList<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String reason = null;
            int hash = line.indexOf('#');
            if (hash >= 0) {
                reason = line.substring(hash + 1).strip();
                reason = reason.isEmpty() ? null : reason;
                line = line.substring(0, hash);
            }
            String[] tokens = line.strip().split("\\s+");
            if (tokens.length == 0 || tokens[0].isEmpty()) {
                continue;
            }
            LocalDate expires = null;
            List<String> packages = new ArrayList<>();
            for (int t = 1; t < tokens.length; t++) {
                if (tokens[t].startsWith("exp:")) {
                    expires = date(tokens[t].substring(4), file + ":" + (i + 1));
                } else {
                    packages.add(tokens[t]);
                }
            }
            rules.add(new Rule(tokens[0], packages, reason, expires, i + 1));
        }
        return rules;
    }

    private static List<Rule> yaml(Path file, String text) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(file + ": not valid YAML: " + e.getOriginalMessage(), e);
        }
        List<Rule> rules = new ArrayList<>();
        if (root == null || root.isMissingNode() || root.isNull()) {
            return rules;
        }
        JsonNode list = root.path("vulnerabilities");
        if (!list.isArray()) {
            throw new IOException(file + ": 'vulnerabilities' must be a list of entries with an id");
        }
        int n = 0;
        for (JsonNode e : list) {
            n++;
            String where = file + ": vulnerabilities entry " + n;
            JsonNode id = e.get("id");
            if (id == null || !id.isTextual() || id.asText().isBlank()) {
                throw new IOException(where + ": no id");
            }
            List<String> packages = new ArrayList<>();
            for (String key : List.of("package", "packages", "purls")) {
                JsonNode p = e.get(key);
                if (p != null && p.isTextual()) {
                    packages.add(p.asText().strip());
                } else if (p != null && p.isArray()) {
                    p.forEach(x -> packages.add(x.asText().strip()));
                }
            }
            String reason = text(e, "reason").or(() -> text(e, "statement")).orElse(null);
            Optional<String> exp = text(e, "expires").or(() -> text(e, "expired_at"));
            LocalDate expires = exp.isPresent() ? date(exp.get(), where) : null;
            rules.add(new Rule(id.asText().strip(), packages, reason, expires, n));
        }
        return rules;
    }

    private static Optional<String> text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && !v.isNull() && !v.asText().isBlank() ? Optional.of(v.asText().strip()) : Optional.empty();
    }

    private static LocalDate date(String s, String where) throws IOException {
        try {
            // trivy writes a timestamp in expired_at; the day is what counts
            return LocalDate.parse(s.length() > 10 ? s.substring(0, 10) : s);
        } catch (DateTimeParseException e) {
            throw new IOException(where + ": expiry '" + s + "' is not a date like 2026-12-31");
        }
    }
}
