package dev.lading.scan.vuln;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lading.oci.Json;
import dev.lading.scan.CycloneDxScanWriter;
import dev.lading.scan.SbomWriter;
import dev.lading.scan.efficiency.EfficiencyReport;
import dev.lading.scan.efficiency.Inefficiency;
import dev.lading.scan.efficiency.LayerEfficiency;
import dev.lading.scan.policy.PolicyResult;
import dev.lading.scan.secrets.SecretFinding;
import dev.lading.scan.secrets.SecretReport;
import dev.lading.scan.secrets.SecretRule;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a {@link ScanReport}: a table for people, JSON for programs, SARIF 2.1.0 for code-scanning UIs,
 * CycloneDX 1.6 JSON (the SBOM with its vulnerabilities) and one self-contained HTML page. The output depends
 * only on the report (no clock, no map order), so the same scan gives the same bytes.
 */
public final class ScanReportWriter {
    private ScanReportWriter() {
    }

    public enum Format {
        TABLE, JSON, SARIF, CYCLONEDX_JSON, HTML;

        public static Format parse(String s) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "table" -> TABLE;
                case "json" -> JSON;
                case "sarif" -> SARIF;
                case "cyclonedx-json", "cyclonedx" -> CYCLONEDX_JSON;
                case "html" -> HTML;
                default -> throw new IllegalArgumentException("unknown format '" + s + "' (table, json, sarif, cyclonedx-json or html)");
            };
        }
    }

    /** {@code now} is only used to say how old the database is in the table. */
    public static void write(Format format, ScanReport report, Instant now, OutputStream out) throws IOException {
        switch (format) {
            case TABLE -> table(report, now, out);
            case JSON -> json(writeJson(report), out);
            case SARIF -> json(sarif(report), out);
            case CYCLONEDX_JSON -> CycloneDxScanWriter.write(report, new SbomWriter.Options(null, null), out);
            case HTML -> HtmlReportWriter.write(report, now, out);
        }
    }

    private static void json(ObjectNode node, OutputStream out) throws IOException {
        OsvReader.MAPPER.writer().with(SerializationFeature.INDENT_OUTPUT).without(JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValue(out, node);
        out.write('\n');
        out.flush();
    }

    // ---- table

    private static void table(ScanReport report, Instant now, OutputStream out) {
        PrintStream p = new PrintStream(out, false, StandardCharsets.UTF_8);
        p.println(clean(report.subject().name()) + " (" + report.subject().digest().shortHex()
                + (report.subject().platform() == null ? "" : ", " + report.subject().platform()) + ")"
                + report.distro().map(d -> " " + clean(d.id()) + (d.versionId() == null ? "" : " " + clean(d.versionId()))).orElse(""));
        // every section's summary first, then each section's findings
        report.vulnerabilities().ifPresent(v -> vulnerabilitySummary(p, v, now));
        report.secrets().ifPresent(sr -> p.println("Secrets: " + sr.findings().size() + " (" + secretCounts(sr) + ")"
                + (sr.allowed() > 0 ? ", " + sr.allowed() + " allowed by config" : "")));
        report.policy().ifPresent(pr -> p.println("Policy: " + statusCounts(pr)));
        report.efficiency().ifPresent(e -> p.println(String.format(Locale.ROOT,
                "Efficiency: score %.4f, %d bytes wasted (%.1f%% of user bytes); gates: %s", e.report().efficiency(),
                e.report().wastedBytes(), e.report().wastedUserFraction() * 100, statusCounts(e.gates()))));
        report.vulnerabilities().ifPresent(v -> vulnerabilityFindings(p, v));
        report.secrets().ifPresent(sr -> secretFindings(p, sr));
        report.policy().ifPresent(pr -> {
            p.println();
            p.println("Image policy");
            policyLines(p, pr);
        });
        report.efficiency().ifPresent(e -> efficiencyTables(p, e));
        p.flush();
    }

    private static void vulnerabilitySummary(PrintStream p, VulnerabilityReport v, Instant now) {
        DbMetadata db = v.database();
        p.println("Database: " + db.records() + " records, imported " + db.imported() + " (" + age(db.age(now)) + " ago)");
        Map<Severity, Integer> counts = v.counts();
        List<String> parts = new ArrayList<>();
        for (Severity s : List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW, Severity.NONE, Severity.UNKNOWN)) {
            parts.add(s + ": " + counts.get(s));
        }
        p.println("Vulnerabilities: " + v.findings().size() + " (" + String.join(", ", parts) + ")");
        List<String> notes = new ArrayList<>();
        if (!v.suppressed().isEmpty()) {
            notes.add(v.suppressed().size() + " suppressed by ignore file or VEX");
        }
        if (v.filtered() > 0) {
            notes.add(v.filtered() + " left out by --severity/--ignore-unfixed");
        }
        if (!v.notChecked().isEmpty()) {
            long pkgs = v.notChecked().stream().map(VulnerabilityMatcher.NotChecked::purl).distinct().count();
            notes.add(pkgs + " package(s) not checked (see --format json for why)");
        }
        if (!notes.isEmpty()) {
            p.println("Note: " + String.join("; ", notes) + ".");
        }
        for (VulnerabilityReport.ExpiredIgnore e : v.expiredIgnores()) {
            p.println("Expired ignore: " + clean(e.id()) + " (" + clean(e.file()) + ":" + e.line() + ", expired " + e.expired() + ") no longer ignores anything.");
        }
    }

    private static void vulnerabilityFindings(PrintStream p, VulnerabilityReport v) {
        for (Severity s : List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW, Severity.NONE, Severity.UNKNOWN)) {
            List<VulnerabilityFinding> group = v.findings().stream().filter(f -> f.severity().severity() == s).toList();
            if (group.isEmpty()) {
                continue;
            }
            p.println();
            p.println(s + " (" + group.size() + ")");
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[]{"ID", "ALIASES", "PACKAGE", "INSTALLED", "FIXED", "SEVERITY", "LAYER", "PATH"});
            for (VulnerabilityFinding f : group) {
                rows.add(new String[]{clean(f.id()), clean(String.join(",", f.aliases())),
                        clean(f.pkg().name()), clean(f.installed()), f.fixed() == null ? "-" : clean(f.fixed()),
                        f.severity().severity() + (f.severity().score() == null ? "" : " " + f.severity().score()),
                        f.pkg().layer().shortHex(), clean(f.pkg().path())});
            }
            rows(p, rows);
        }
    }

    private static void rows(PrintStream p, List<String[]> rows) {
        int[] width = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].isEmpty() ? 1 : r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                String cell = r[i].isEmpty() ? "-" : r[i];
                line.append(i == r.length - 1 ? cell : String.format("%-" + width[i] + "s  ", cell));
            }
            p.println(line.toString().stripTrailing());
        }
    }

    static String secretCounts(SecretReport r) {
        List<String> parts = new ArrayList<>();
        for (SecretRule.Severity s : SecretRule.Severity.values()) {
            parts.add(s + ": " + r.findings().stream().filter(f -> f.severity() == s).count());
        }
        return String.join(", ", parts);
    }

    static String statusCounts(List<PolicyResult> results) {
        List<String> parts = new ArrayList<>();
        for (PolicyResult.Status s : List.of(PolicyResult.Status.FAIL, PolicyResult.Status.WARN, PolicyResult.Status.PASS, PolicyResult.Status.SKIP)) {
            parts.add(s + ": " + results.stream().filter(r -> r.status() == s).count());
        }
        return String.join(", ", parts);
    }

    /** Where a secret is: the layer and file, or the part of the config. */
    static String secretWhere(SecretFinding f) {
        return switch (f.source()) {
            case FILE -> f.location() + ":" + f.line();
            case ENV -> "config Env " + f.location();
            case LABEL -> "config label " + f.location();
            case HISTORY -> "config " + f.location();
        };
    }

    private static void secretFindings(PrintStream p, SecretReport r) {
        for (SecretRule.Severity s : SecretRule.Severity.values()) {
            List<SecretFinding> group = r.findings().stream().filter(f -> f.severity() == s).toList();
            if (group.isEmpty()) {
                continue;
            }
            p.println();
            p.println("Secrets " + s + " (" + group.size() + ")");
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[]{"RULE", "LAYER", "WHERE", "MATCH", "NOTE"});
            for (SecretFinding f : group) {
                rows.add(new String[]{clean(f.ruleId()), f.layer() == null ? "config" : f.layer().shortHex(), clean(secretWhere(f)),
                        clean(f.redacted()), f.hidden() ? "deleted by a later layer, still in the image" : ""});
            }
            rows(p, rows);
        }
        for (String n : r.notes()) {
            p.println("Note: " + clean(n));
        }
    }

    private static void policyLines(PrintStream p, List<PolicyResult> results) {
        for (PolicyResult r : results) {
            p.println(String.format("%-4s  %-24s %s", r.status(), clean(r.id()), clean(r.message())));
            for (String d : r.details().stream().limit(20).toList()) {
                p.println("      " + clean(d));
            }
            if (r.details().size() > 20) {
                p.println("      ... " + (r.details().size() - 20) + " more (see --format json)");
            }
        }
    }

    private static void efficiencyTables(PrintStream p, ScanReport.Efficiency e) {
        EfficiencyReport r = e.report();
        p.println();
        p.println(String.format(Locale.ROOT, "Layers (%d; %d bytes compressed, %d uncompressed)", r.layers().size(), r.compressedBytes(),
                r.uncompressedBytes()));
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"#", "LAYER", "COMPRESSED", "SIZE", "ADDED", "MODIFIED", "REMOVED", "CREATED BY"});
        for (LayerEfficiency l : r.layers()) {
            rows.add(new String[]{String.valueOf(l.index()), l.digest().shortHex(), String.valueOf(l.compressedBytes()),
                    String.valueOf(l.contentBytes()), String.valueOf(l.filesAdded()), String.valueOf(l.filesModified()),
                    String.valueOf(l.filesRemoved()), clean(l.createdBy() == null ? "" : l.createdBy())});
        }
        rows(p, rows);
        if (!r.inefficiencies().isEmpty()) {
            p.println();
            p.println("Wasted space (top " + Math.min(10, r.inefficiencies().size()) + " of " + r.inefficiencies().size() + ")");
            List<String[]> waste = new ArrayList<>();
            waste.add(new String[]{"BYTES", "COUNT", "PATH"});
            for (Inefficiency i : r.inefficiencies().stream().limit(10).toList()) {
                waste.add(new String[]{String.valueOf(i.cumulativeBytes()), String.valueOf(i.count()), clean(i.path())});
            }
            rows(p, waste);
        }
        p.println();
        p.println("Efficiency gates");
        policyLines(p, e.gates());
    }

    private static String age(Duration d) {
        if (d.isNegative()) {
            return "0m";
        }
        if (d.toDays() > 0) {
            return d.toDays() + "d" + d.toHoursPart() + "h";
        }
        return d.toHours() > 0 ? d.toHours() + "h" + d.toMinutesPart() + "m" : d.toMinutes() + "m";
    }

    /** Records and package metadata are untrusted: no control characters reach the terminal. */
    static String clean(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        s.codePoints().limit(300).forEach(c -> {
            if (Character.isISOControl(c)) {
                b.append(String.format("\\x%02x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }

    // ---- JSON

    /**
     * The JSON document (schemaVersion 1):
     * <pre>
     * { "schemaVersion": 1,
     *   "artifact": {"name", "digest", "platform", "distro": {"id","versionId"}|null},
     *   "vulnerabilities": {
     *     "database": {"imported", "records", "newestModified", "ecosystems": {...}},
     *     "summary": {"total", "CRITICAL", "HIGH", "MEDIUM", "LOW", "NONE", "UNKNOWN", "suppressed", "filtered", "notChecked"},
     *     "findings": [ {"id", "aliases", "summary", "severity", "score", "severitySource", "package":
     *                    {"name", "version", "purl", "ecosystem", "source", "layer", "path"},
     *                    "osv": {"ecosystem", "name"}, "installed", "fixed"} ],
     *     "suppressed": [ {"id", "purl", "by", "reason"} ],
     *     "notChecked": [ {"purl", "record", "reason"} ],
     *     "expiredIgnores": [ {"file", "line", "id", "expired"} ] },
     * and, each only when its scanner ran:
     *   "secrets": {"summary": {"total", "CRITICAL", "HIGH", "MEDIUM", "LOW", "allowed"},
     *               "findings": [ {"ruleId", "title", "severity", "source", "layerIndex", "layer", "location", "line",
     *                              "redacted", "hidden"} ], "notes": [..]},
     *   "policy": {"summary": {"PASS", "WARN", "FAIL", "SKIP"}, "results": [ {"id", "status", "message", "details"} ]},
     *   "efficiency": {"summary": {..as policy..}, "gates": [ ..as policy results.. ], "layers": [ {"index", "digest",
     *                  "createdBy", "compressedBytes", "uncompressedBytes", "contentBytes", "filesAdded", "bytesAdded",
     *                  "filesModified", "bytesModified", "filesRemoved", "bytesRemoved"} ], "compressedBytes",
     *                  "uncompressedBytes", "contentBytes", "userSizeBytes", "wastedBytes", "wastedUserFraction",
     *                  "efficiency", "inefficiencies": [ {"path", "count", "cumulativeBytes", "layers"} ]},
     *   "packages": [ {"name", "version", "purl", "ecosystem", "layer", "path"} ]  (when the report carries the SBOM)
     * </pre>
     * A section that did not run has no key (a section that ran and found nothing has an empty list). Absent
     * values are null; findings are most severe first, then by id and package.
     */
    public static ObjectNode writeJson(ScanReport report) {
        ObjectNode root = OsvReader.MAPPER.createObjectNode();
        root.put("schemaVersion", 1);
        ObjectNode artifact = root.putObject("artifact");
        artifact.put("name", report.subject().name());
        artifact.put("digest", report.subject().digest().toString());
        artifact.put("platform", report.subject().platform());
        if (report.distro().isPresent()) {
            artifact.putObject("distro").put("id", report.distro().get().id()).put("versionId", report.distro().get().versionId());
        } else {
            artifact.putNull("distro");
        }
        report.vulnerabilities().ifPresent(v -> vulnerabilitiesJson(root.putObject("vulnerabilities"), v));
        report.secrets().ifPresent(sr -> {
            ObjectNode section = root.putObject("secrets");
            ObjectNode summary = section.putObject("summary");
            summary.put("total", sr.findings().size());
            for (SecretRule.Severity s : SecretRule.Severity.values()) {
                summary.put(s.name(), sr.findings().stream().filter(f -> f.severity() == s).count());
            }
            summary.put("allowed", sr.allowed());
            section.set("findings", Json.mapper().valueToTree(sr.findings()));
            section.set("notes", Json.mapper().valueToTree(sr.notes()));
        });
        report.policy().ifPresent(pr -> {
            ObjectNode section = root.putObject("policy");
            section.set("summary", statusSummary(pr));
            section.set("results", Json.mapper().valueToTree(pr));
        });
        report.efficiency().ifPresent(e -> {
            ObjectNode section = root.putObject("efficiency");
            section.set("summary", statusSummary(e.gates()));
            section.set("gates", Json.mapper().valueToTree(e.gates()));
            section.setAll((ObjectNode) Json.mapper().valueToTree(e.report()));
        });
        if (!report.packages().isEmpty()) {
            ArrayNode packages = root.putArray("packages");
            for (dev.lading.scan.Package pkg : report.packages()) {
                packages.addObject().put("name", pkg.name()).put("version", pkg.version()).put("purl", pkg.purl())
                        .put("ecosystem", pkg.ecosystem().purlType()).put("layer", pkg.layer().toString()).put("path", pkg.path());
            }
        }
        return root;
    }

    private static ObjectNode statusSummary(List<PolicyResult> results) {
        ObjectNode o = OsvReader.MAPPER.createObjectNode();
        for (PolicyResult.Status s : PolicyResult.Status.values()) {
            o.put(s.name(), results.stream().filter(r -> r.status() == s).count());
        }
        return o;
    }

    private static void vulnerabilitiesJson(ObjectNode section, VulnerabilityReport v) {
        ObjectNode db = section.putObject("database");
        db.put("imported", v.database().imported().toString());
        db.put("records", v.database().records());
        db.put("newestModified", v.database().newestModified() == null ? null : v.database().newestModified().toString());
        ObjectNode eco = db.putObject("ecosystems");
        v.database().ecosystems().forEach(eco::put);
        ObjectNode summary = section.putObject("summary");
        summary.put("total", v.findings().size());
        Map<Severity, Integer> counts = v.counts();
        for (Severity s : List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW, Severity.NONE, Severity.UNKNOWN)) {
            summary.put(s.name(), counts.get(s));
        }
        summary.put("suppressed", v.suppressed().size());
        summary.put("filtered", v.filtered());
        summary.put("notChecked", v.notChecked().stream().map(VulnerabilityMatcher.NotChecked::purl).distinct().count());
        ArrayNode findings = section.putArray("findings");
        for (VulnerabilityFinding f : v.findings()) {
            ObjectNode o = findings.addObject();
            o.put("id", f.id());
            f.aliases().forEach(o.putArray("aliases")::add);
            o.put("summary", f.summary());
            o.put("severity", f.severity().severity().name());
            if (f.severity().score() == null) {
                o.putNull("score");
            } else {
                o.put("score", f.severity().score());
            }
            o.put("severitySource", f.severity().source());
            ObjectNode pkg = o.putObject("package");
            pkg.put("name", f.pkg().name());
            pkg.put("version", f.pkg().version());
            pkg.put("purl", f.pkg().purl());
            pkg.put("ecosystem", f.pkg().ecosystem().purlType());
            pkg.put("source", f.pkg().source() == null ? null : f.pkg().source().name());
            pkg.put("layer", f.pkg().layer().toString());
            pkg.put("path", f.pkg().path());
            o.putObject("osv").put("ecosystem", f.osvEcosystem()).put("name", f.osvName());
            o.put("installed", f.installed());
            o.put("fixed", f.fixed());
        }
        ArrayNode suppressed = section.putArray("suppressed");
        for (VulnerabilityReport.Suppressed s : v.suppressed()) {
            suppressed.addObject().put("id", s.finding().id()).put("purl", s.finding().pkg().purl()).put("by", s.by()).put("reason", s.reason());
        }
        ArrayNode notChecked = section.putArray("notChecked");
        for (VulnerabilityMatcher.NotChecked n : v.notChecked()) {
            notChecked.addObject().put("purl", n.purl()).put("record", n.recordId()).put("reason", n.reason());
        }
        ArrayNode expired = section.putArray("expiredIgnores");
        for (VulnerabilityReport.ExpiredIgnore e : v.expiredIgnores()) {
            expired.addObject().put("file", e.file()).put("line", e.line()).put("id", e.id()).put("expired", e.expired().toString());
        }
    }

    // ---- SARIF

    /**
     * SARIF 2.1.0: one rule per vulnerability id, one result per finding. An image has no source lines, so a
     * result's location is the package's metadata file inside the image, and the image is named in the run's
     * properties; {@code security-severity} carries the CVSS score for GitHub's ranking.
     */
    static ObjectNode sarif(ScanReport report) {
        ObjectNode root = OsvReader.MAPPER.createObjectNode();
        root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "lading");
        ArrayNode rules = driver.putArray("rules");
        Map<String, Integer> index = new TreeMap<>();
        Map<String, VulnerabilityFinding> first = new TreeMap<>();
        List<VulnerabilityFinding> vulns = report.vulnerabilities().map(VulnerabilityReport::findings).orElse(List.of());
        for (VulnerabilityFinding f : vulns) {
            first.merge(f.id(), f, (a, b) -> a.severity().severity().compareTo(b.severity().severity()) >= 0 ? a : b);
        }
        for (VulnerabilityFinding f : first.values()) {
            index.put(f.id(), index.size());
            ObjectNode r = rules.addObject();
            r.put("id", f.id());
            r.put("name", f.id());
            String text = f.summary() != null ? f.summary() : f.id() + " in " + f.osvName();
            r.putObject("shortDescription").put("text", text);
            r.putObject("fullDescription").put("text", text);
            r.put("helpUri", "https://osv.dev/vulnerability/" + f.id());
            r.putObject("help").put("text", text + " (https://osv.dev/vulnerability/" + f.id() + ")");
            r.putObject("defaultConfiguration").put("level", level(f.severity().severity()));
            ObjectNode props = r.putObject("properties");
            props.putArray("tags").add("security").add("vulnerability");
            if (f.severity().score() != null) {
                props.put("security-severity", String.format(Locale.ROOT, "%.1f", f.severity().score()));
            }
        }
        // rules and results: vulnerabilities first, then secrets, then policy FAILs. Secret rule names and IM
        // numbers never look like a vulnerability id, but a prefix (secret/, policy/) keeps them apart for certain
        List<SecretFinding> secrets = report.secrets().map(SecretReport::findings).orElse(List.of());
        for (SecretFinding f : secrets) {
            String id = "secret/" + f.ruleId();
            if (!index.containsKey(id)) {
                index.put(id, rules.size());
                ObjectNode r = rules.addObject();
                r.put("id", id);
                r.put("name", f.ruleId());
                String text = f.title() == null ? "Secret: " + f.ruleId() : f.title();
                r.putObject("shortDescription").put("text", text);
                r.putObject("fullDescription").put("text", text + " (IM004: no secrets in any layer, the config or the history)");
                r.putObject("help").put("text", "Remove the secret from every layer (a later deletion does not remove it from the image), rotate it, and pass build secrets with RUN --mount=type=secret.");
                r.putObject("defaultConfiguration").put("level", secretLevel(f.severity()));
                r.putObject("properties").put("security-severity", secretScore(f.severity())).putArray("tags").add("security").add("secret");
            }
        }
        List<PolicyResult> fails = new ArrayList<>();
        report.policy().ifPresent(pr -> pr.stream().filter(r -> r.status() == PolicyResult.Status.FAIL).forEach(fails::add));
        report.efficiency().ifPresent(e -> e.gates().stream().filter(r -> r.status() == PolicyResult.Status.FAIL).forEach(fails::add));
        for (PolicyResult f : fails) {
            String id = "policy/" + f.id();
            if (!index.containsKey(id)) {
                index.put(id, rules.size());
                ObjectNode r = rules.addObject();
                r.put("id", id);
                r.put("name", f.id());
                r.putObject("shortDescription").put("text", "Image policy " + f.id());
                r.putObject("fullDescription").put("text", "Image policy " + f.id() + " (see STANDARDS.md)");
                r.putObject("defaultConfiguration").put("level", "error");
                r.putObject("properties").putArray("tags").add("policy");
            }
        }
        run.putObject("properties").put("image", report.subject().name()).put("digest", report.subject().digest().toString());
        ArrayNode results = run.putArray("results");
        for (VulnerabilityFinding f : vulns) {
            ObjectNode r = results.addObject();
            r.put("ruleId", f.id());
            r.put("ruleIndex", index.get(f.id()));
            r.put("level", level(f.severity().severity()));
            r.putObject("message").put("text", "Package: " + f.pkg().name() + "\nInstalled: " + f.installed()
                    + "\nFixed: " + (f.fixed() == null ? "none" : f.fixed()) + "\nSeverity: " + f.severity().severity()
                    + "\nLayer: " + f.pkg().layer());
            ObjectNode loc = r.putArray("locations").addObject().putObject("physicalLocation");
            String path = f.pkg().path().startsWith("/") ? f.pkg().path().substring(1) : f.pkg().path();
            loc.putObject("artifactLocation").put("uri", uri(path));
            loc.putObject("region").put("startLine", 1);
            r.putObject("partialFingerprints").put("vulnerability/package", f.id() + "|" + f.pkg().purl());
        }
        for (SecretFinding f : secrets) {
            String id = "secret/" + f.ruleId();
            ObjectNode r = results.addObject();
            r.put("ruleId", id);
            r.put("ruleIndex", index.get(id));
            r.put("level", secretLevel(f.severity()));
            r.putObject("message").put("text", "Secret (" + f.ruleId() + "): " + f.redacted() + "\nWhere: " + secretWhere(f)
                    + (f.layer() == null ? "" : "\nLayer: " + f.layer()) + (f.hidden() ? "\nDeleted by a later layer but still in the image" : ""));
            ObjectNode loc = r.putArray("locations").addObject().putObject("physicalLocation");
            String path = f.source() == SecretRule.Source.FILE ? f.location() : "image-config/" + f.source().name().toLowerCase(Locale.ROOT) + "/" + f.location();
            loc.putObject("artifactLocation").put("uri", uri(path.startsWith("/") ? path.substring(1) : path));
            loc.putObject("region").put("startLine", Math.max(1, f.line()));
            r.putObject("partialFingerprints").put("secret/location", f.ruleId() + "|" + (f.layer() == null ? "config" : f.layer()) + "|"
                    + f.location() + "|" + f.line());
        }
        for (PolicyResult f : fails) {
            String id = "policy/" + f.id();
            ObjectNode r = results.addObject();
            r.put("ruleId", id);
            r.put("ruleIndex", index.get(id));
            r.put("level", "error");
            String details = f.details().stream().limit(20).map(d -> "\n" + d).reduce("", String::concat);
            r.putObject("message").put("text", f.id() + ": " + f.message() + details);
            // a policy finding is about the image as a whole; its first path, when it names one, is the place to look
            String path = f.details().stream().filter(d -> d.startsWith("/")).findFirst().map(d -> d.split(" ", 2)[0].substring(1))
                    .orElse("image-config");
            ObjectNode loc = r.putArray("locations").addObject().putObject("physicalLocation");
            loc.putObject("artifactLocation").put("uri", uri(path));
            loc.putObject("region").put("startLine", 1);
            r.putObject("partialFingerprints").put("policy/rule", f.id() + "|" + report.subject().name());
        }
        return root;
    }

    private static String level(Severity s) {
        return switch (s) {
            case CRITICAL, HIGH -> "error";
            case MEDIUM -> "warning";
            case LOW, NONE, UNKNOWN -> "note";
        };
    }

    private static String secretLevel(SecretRule.Severity s) {
        return switch (s) {
            case CRITICAL, HIGH -> "error";
            case MEDIUM -> "warning";
            case LOW -> "note";
        };
    }

    /** GitHub ranks by security-severity; a secret's severity word becomes the middle of its CVSS band. */
    private static String secretScore(SecretRule.Severity s) {
        return switch (s) {
            case CRITICAL -> "9.5";
            case HIGH -> "8.0";
            case MEDIUM -> "5.5";
            case LOW -> "2.0";
        };
    }

    private static String uri(String p) {
        StringBuilder sb = new StringBuilder();
        for (byte b : p.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 128 && (Character.isLetterOrDigit(c) || "/-._~".indexOf(c) >= 0)) {
                sb.append(c);
            } else {
                sb.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return sb.toString();
    }
}
