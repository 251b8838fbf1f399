package dev.lading.scan.vuln;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

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
 * Writes a {@link ScanReport}: a table for people, JSON for programs, SARIF 2.1.0 for code-scanning UIs. The
 * output depends only on the report (no clock, no map order), so the same scan gives the same bytes.
 */
public final class ScanReportWriter {
    private ScanReportWriter() {
    }

    public enum Format {
        TABLE, JSON, SARIF;

        public static Format parse(String s) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "table" -> TABLE;
                case "json" -> JSON;
                case "sarif" -> SARIF;
                default -> throw new IllegalArgumentException("unknown format '" + s + "' (table, json or sarif)");
            };
        }
    }

    /** {@code now} is only used to say how old the database is in the table. */
    public static void write(Format format, ScanReport report, Instant now, OutputStream out) throws IOException {
        switch (format) {
            case TABLE -> table(report, now, out);
            case JSON -> json(writeJson(report), out);
            case SARIF -> json(sarif(report), out);
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
        VulnerabilityReport v = report.vulnerabilities();
        p.println(clean(report.subject().name()) + " (" + report.subject().digest().shortHex()
                + (report.subject().platform() == null ? "" : ", " + report.subject().platform()) + ")"
                + report.distro().map(d -> " " + clean(d.id()) + (d.versionId() == null ? "" : " " + clean(d.versionId()))).orElse(""));
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
                rows.add(new String[]{clean(f.id()), clean(String.join(",", f.cves().stream().filter(c -> !c.equals(f.id())).toList())),
                        clean(f.pkg().name()), clean(f.installed()), f.fixed() == null ? "-" : clean(f.fixed()),
                        f.severity().severity() + (f.severity().score() == null ? "" : " " + f.severity().score()),
                        f.pkg().layer().shortHex(), clean(f.pkg().path())});
            }
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
        p.flush();
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
     *     "expiredIgnores": [ {"file", "line", "id", "expired"} ] } }
     * </pre>
     * Absent values are null; findings are most severe first, then by id and package.
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
        VulnerabilityReport v = report.vulnerabilities();
        ObjectNode section = root.putObject("vulnerabilities");
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
        return root;
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
        for (VulnerabilityFinding f : report.vulnerabilities().findings()) {
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
        run.putObject("properties").put("image", report.subject().name()).put("digest", report.subject().digest().toString());
        ArrayNode results = run.putArray("results");
        for (VulnerabilityFinding f : report.vulnerabilities().findings()) {
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
        return root;
    }

    private static String level(Severity s) {
        return switch (s) {
            case CRITICAL, HIGH -> "error";
            case MEDIUM -> "warning";
            case LOW, NONE, UNKNOWN -> "note";
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
