package dev.lading.scan.vuln;

import dev.lading.scan.Package;
import dev.lading.scan.efficiency.EfficiencyReport;
import dev.lading.scan.efficiency.Inefficiency;
import dev.lading.scan.efficiency.LayerEfficiency;
import dev.lading.scan.policy.PolicyResult;
import dev.lading.scan.secrets.SecretFinding;
import dev.lading.scan.secrets.SecretReport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The scan as one HTML file that a browser shows without a network: inline CSS, an inline SVG chart, no script
 * at all (the page's Content-Security-Policy forbids any, a second line of defence behind the escaping). Every
 * string from the image (package names, paths, labels, history) or the database is escaped: they are
 * attacker-controlled.
 */
final class HtmlReportWriter {
    private HtmlReportWriter() {
    }

    private static final String CSS = """
            body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2em;color:#222}
            h1{font-size:1.4em}h2{font-size:1.15em;margin-top:2em;border-bottom:1px solid #ccc}
            table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ddd;padding:2px 6px;text-align:left;vertical-align:top}
            th{background:#f4f4f4}code,.mono{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px}
            .CRITICAL,.FAIL{color:#fff;background:#b00020}.HIGH{background:#f4a261}.MEDIUM,.WARN{background:#ffe08a}
            .LOW,.PASS{background:#d8f3dc}.SKIP,.NONE,.UNKNOWN{background:#eee}
            .summary td:first-child{font-weight:bold}
            """;

    static void write(ScanReport report, Instant now, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        w.write(render(report));
        w.flush();
    }

    static String render(ScanReport report) {
        StringBuilder h = new StringBuilder();
        String title = "lading scan: " + report.subject().name();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n");
        h.append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n");
        h.append("<title>").append(esc(title)).append("</title>\n<style>").append(CSS).append("</style></head><body>\n");
        h.append("<h1>").append(esc(title)).append("</h1>\n");
        h.append("<p class=\"mono\">").append(esc(report.subject().digest().toString()))
                .append(report.subject().platform() == null ? "" : " " + esc(report.subject().platform()))
                .append(report.distro().map(d -> " " + esc(d.id()) + (d.versionId() == null ? "" : " " + esc(d.versionId()))).orElse(""))
                .append("</p>\n");

        h.append("<h2>Summary</h2>\n<table class=\"summary\">\n");
        report.vulnerabilities().ifPresent(v -> {
            StringBuilder counts = new StringBuilder();
            v.counts().entrySet().stream().sorted((a, b) -> b.getKey().compareTo(a.getKey()))
                    .forEach(e -> counts.append(e.getKey()).append(": ").append(e.getValue()).append(' '));
            row(h, "Vulnerabilities", v.findings().size() + " (" + counts.toString().strip() + ")");
            row(h, "Database", v.database().records() + " records, imported " + v.database().imported());
        });
        report.secrets().ifPresent(s -> row(h, "Secrets", s.findings().size() + " (" + ScanReportWriter.secretCounts(s) + ")"));
        report.policy().ifPresent(p -> row(h, "Image policy", ScanReportWriter.statusCounts(p)));
        report.efficiency().ifPresent(e -> row(h, "Efficiency", String.format(Locale.ROOT, "score %.4f, %d bytes wasted; gates: %s",
                e.report().efficiency(), e.report().wastedBytes(), ScanReportWriter.statusCounts(e.gates()))));
        row(h, "Packages", String.valueOf(report.packages().size()));
        h.append("</table>\n");

        report.efficiency().ifPresent(e -> chart(h, e.report()));
        report.vulnerabilities().ifPresent(v -> vulnerabilities(h, v));
        report.secrets().ifPresent(s -> secrets(h, s));
        report.policy().ifPresent(p -> policy(h, "Image policy", p));
        report.efficiency().ifPresent(e -> efficiency(h, e));
        packages(h, report.packages());
        h.append("</body></html>\n");
        return h.toString();
    }

    private static void row(StringBuilder h, String name, String value) {
        h.append("<tr><td>").append(esc(name)).append("</td><td>").append(esc(value)).append("</td></tr>\n");
    }

    private static void table(StringBuilder h, List<String> head, List<List<String>> rows, int classColumn) {
        h.append("<table><tr>");
        head.forEach(c -> h.append("<th>").append(esc(c)).append("</th>"));
        h.append("</tr>\n");
        for (List<String> r : rows) {
            h.append("<tr>");
            for (int i = 0; i < r.size(); i++) {
                h.append(i == classColumn ? "<td class=\"" + esc(r.get(i)) + "\">" : "<td>").append(esc(r.get(i))).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }

    /** One horizontal bar per layer, its length the layer's content size; all numbers, so nothing here needs escaping but the labels. */
    private static void chart(StringBuilder h, EfficiencyReport r) {
        h.append("<h2>Layer sizes</h2>\n");
        long max = r.layers().stream().mapToLong(LayerEfficiency::contentBytes).max().orElse(0);
        int barHeight = 22;
        int height = Math.max(1, r.layers().size()) * barHeight + 4;
        h.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"820\" height=\"").append(height)
                .append("\" role=\"img\" aria-label=\"layer sizes\">\n");
        for (LayerEfficiency l : r.layers()) {
            int y = l.index() * barHeight + 2;
            double width = max == 0 ? 0 : 500.0 * l.contentBytes() / max;
            h.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"%d\" font-size=\"12\" font-family=\"monospace\">%d %s</text>",
                    y + 15, l.index(), esc(l.digest().shortHex())));
            h.append(String.format(Locale.ROOT, "<rect x=\"160\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#4a7bd0\"><title>%s</title></rect>",
                    y, Math.max(1, width), barHeight - 6, esc(l.createdBy() == null ? "" : l.createdBy())));
            h.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"12\">%s</text>%n", 166 + width, y + 15,
                    esc(human(l.contentBytes()))));
        }
        h.append("</svg>\n");
    }

    private static void vulnerabilities(StringBuilder h, VulnerabilityReport v) {
        h.append("<h2>Vulnerabilities</h2>\n");
        table(h, List.of("Severity", "ID", "Aliases", "Package", "Installed", "Fixed", "Layer", "Path"), v.findings().stream()
                .map(f -> List.of(f.severity().severity().name(), f.id(), String.join(", ", f.aliases()), f.pkg().name(), f.installed(),
                        f.fixed() == null ? "" : f.fixed(), f.pkg().layer().shortHex(), f.pkg().path())).toList(), 0);
    }

    private static void secrets(StringBuilder h, SecretReport s) {
        h.append("<h2>Secrets</h2>\n");
        table(h, List.of("Severity", "Rule", "Layer", "Where", "Match", "Note"), s.findings().stream()
                .map((SecretFinding f) -> List.of(f.severity().name(), f.ruleId(), f.layer() == null ? "config" : f.layer().shortHex(),
                        ScanReportWriter.secretWhere(f), f.redacted(), f.hidden() ? "deleted by a later layer, still in the image" : ""))
                .toList(), 0);
        for (String n : s.notes()) {
            h.append("<p>").append(esc(n)).append("</p>\n");
        }
    }

    private static void policy(StringBuilder h, String title, List<PolicyResult> results) {
        h.append("<h2>").append(esc(title)).append("</h2>\n");
        table(h, List.of("Status", "Rule", "Message", "Details"), results.stream()
                .map(r -> List.of(r.status().name(), r.id(), r.message(), String.join("\n", r.details().stream().limit(50).toList()))).toList(), 0);
    }

    private static void efficiency(StringBuilder h, ScanReport.Efficiency e) {
        EfficiencyReport r = e.report();
        h.append("<h2>Layers</h2>\n");
        table(h, List.of("#", "Layer", "Compressed", "Size", "Added", "Modified", "Removed", "Created by"), r.layers().stream()
                .map(l -> List.of(String.valueOf(l.index()), l.digest().shortHex(), human(l.compressedBytes()), human(l.contentBytes()),
                        String.valueOf(l.filesAdded()), String.valueOf(l.filesModified()), String.valueOf(l.filesRemoved()),
                        l.createdBy() == null ? "" : l.createdBy())).toList(), -1);
        h.append("<h2>Wasted space</h2>\n");
        table(h, List.of("Bytes", "Count", "Path"), r.inefficiencies().stream().limit(50)
                .map((Inefficiency i) -> List.of(String.valueOf(i.cumulativeBytes()), String.valueOf(i.count()), i.path())).toList(), -1);
        policy(h, "Efficiency gates", e.gates());
    }

    private static void packages(StringBuilder h, List<Package> packages) {
        h.append("<h2>Packages</h2>\n");
        table(h, List.of("Type", "Name", "Version", "PURL", "Layer", "Path"), packages.stream()
                .map(p -> List.of(p.ecosystem().purlType(), p.name(), p.version(), p.purl(), p.layer().shortHex(), p.path())).toList(), -1);
    }

    static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /** HTML text and attribute escaping; control characters (which HTML forbids) become U+FFFD. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c < 0x20 && c != '\n' && c != '\t' || c == 0x7f ? '\uFFFD' : c);
            }
        }
        return b.toString();
    }
}
