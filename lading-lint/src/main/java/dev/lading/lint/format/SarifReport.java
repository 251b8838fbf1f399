package dev.lading.lint.format;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lading.lint.Finding;
import dev.lading.lint.Linter;
import dev.lading.lint.RuleInfo;
import dev.lading.lint.Severity;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SARIF 2.1.0 as GitHub code scanning reads it: one run, the rules in {@code tool.driver.rules}, each
 * result with {@code ruleId}, {@code ruleIndex}, {@code level} and a physical location whose
 * {@code artifactLocation.uri} is relative to {@code %SRCROOT%} (the repository root when lint runs there).
 */
final class SarifReport {
    private SarifReport() {
    }

    static String render(List<Finding> findings, List<? extends RuleInfo> rules) {
        ObjectNode root = JsonTrees.MAPPER.createObjectNode();
        root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "lading");
        driver.put("semanticVersion", "0.1.0");
        ArrayNode ruleArray = driver.putArray("rules");
        Map<String, Integer> index = new LinkedHashMap<>();
        for (RuleInfo r : rules) {
            index.put(r.id(), index.size());
            ObjectNode o = ruleArray.addObject();
            o.put("id", r.id());
            o.putObject("shortDescription").put("text", r.description());
            o.putObject("fullDescription").put("text", r.description());
            if (URI.create(r.docUrl()).isAbsolute()) {
                o.put("helpUri", r.docUrl());
            }
            o.putObject("help").put("text", r.description() + " (" + r.docUrl() + ")");
            o.putObject("defaultConfiguration").put("level", level(r.defaultSeverity()));
            o.putObject("properties").putArray("tags").add(r instanceof dev.lading.lint.ComposeRule ? "compose" : "dockerfile");
        }
        // IDs that are not rules (parse errors, ShellCheck codes) still get a descriptor, so every result has
        // a ruleIndex and code scanning can show what it is and link to it
        for (Finding f : findings) {
            if (index.containsKey(f.ruleId())) {
                continue;
            }
            index.put(f.ruleId(), index.size());
            ObjectNode o = ruleArray.addObject();
            o.put("id", f.ruleId());
            String text = f.ruleId().equals(Linter.PARSE_ERROR) ? "The Dockerfile cannot be parsed"
                    : f.ruleId().equals(dev.lading.lint.ComposeLinter.PARSE_ERROR) ? "The compose file cannot be parsed"
                    : f.ruleId().matches("SC[0-9]+") ? "ShellCheck " + f.ruleId() + " in a RUN script"
                    : f.ruleId() + " (reported while parsing or checking the Dockerfile)";
            o.putObject("shortDescription").put("text", text);
            if (URI.create(f.docUrl()).isAbsolute()) {
                o.put("helpUri", f.docUrl());
            }
            o.putObject("defaultConfiguration").put("level", f.ruleId().matches("SC[0-9]+") ? "warning" : "error");
        }
        ObjectNode srcroot = run.putObject("originalUriBaseIds").putObject("%SRCROOT%");
        srcroot.putObject("description").put("text", "The directory lading lint ran in");
        ArrayNode results = run.putArray("results");
        for (Finding f : findings) {
            ObjectNode r = results.addObject();
            r.put("ruleId", f.ruleId());
            Integer i = index.get(f.ruleId());
            if (i != null) {
                r.put("ruleIndex", i);
            }
            r.put("level", level(f.severity()));
            r.putObject("message").put("text", f.message());
            ObjectNode loc = r.putArray("locations").addObject().putObject("physicalLocation");
            ObjectNode artifact = loc.putObject("artifactLocation");
            artifact.put("uri", uri(f.file()));
            if (!f.file().startsWith("/")) {
                artifact.put("uriBaseId", "%SRCROOT%");
            }
            ObjectNode region = loc.putObject("region");
            region.put("startLine", f.line());
            region.put("startColumn", f.column());
            region.put("endLine", f.range().end().line());
            region.put("endColumn", Math.max(f.range().end().column(), 1));
            if (!f.twins().isEmpty()) {
                // SARIF names one rule per result; the twins that reported the same problem ride in the
                // property bag, which GitHub code scanning accepts and shows
                ObjectNode props = r.putObject("properties");
                f.twins().forEach(props.putArray("alsoReportedAs")::add);
                props.put("ids", f.displayId());
            }
            r.putObject("partialFingerprints").put("primaryLocationLineHash",
                    Integer.toHexString((f.ruleId() + ":" + f.message()).hashCode()) + ":" + f.line());
        }
        return JsonTrees.write(root);
    }

    /** SARIF levels: error, warning, note (style has no level of its own). */
    static String level(Severity s) {
        return switch (s) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO, STYLE -> "note";
        };
    }

    /** A relative or absolute path as a URI reference: forward slashes, reserved characters escaped. */
    static String uri(String file) {
        String p = file.replace('\\', '/');
        if (p.startsWith("./")) {
            p = p.substring(2);
        }
        StringBuilder sb = new StringBuilder();
        for (char c : p.toCharArray()) {
            if (Character.isLetterOrDigit(c) && c < 128 || "/-._~".indexOf(c) >= 0) {
                sb.append(c);
            } else {
                for (byte b : String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                    sb.append('%').append(String.format("%02X", b & 0xff));
                }
            }
        }
        return p.startsWith("/") ? "file://" + sb : sb.toString();
    }
}
