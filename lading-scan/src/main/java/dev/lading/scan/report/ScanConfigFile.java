package dev.lading.scan.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code scan:} section of {@code .lading.yaml}: the same settings as {@code lading scan}'s options, so a
 * repository can keep its allow-lists and budgets beside its code. Every key is optional; an unknown key is an
 * error naming the file and key (a typo must not silently turn a gate off). Other top-level sections belong to
 * other commands and are not read here.
 *
 * <pre>
 * scan:
 *   scanners: [vuln, secret, policy, efficiency]
 *   failOn: HIGH                 # and exitCode: 1
 *   policy:
 *     allowTools: ["/usr/bin/pip*"]      # IM002 allow-list (globs)
 *     allowDevPaths: ["/app/.git/**"]    # IM003 allow-list
 *     disabledRules: [IM006]
 *     requiredLabels: [org.opencontainers.image.source]
 *     maxSize: 50MB                      # IM008 budget, compressed layers
 *     maxLayers: 12
 *     healthcheckRequired: false         # a job/CLI image
 *   efficiency:
 *     lowestEfficiency: 0.9
 *     highestWastedBytes: 20MB
 *     highestUserWastedPercent: 0.2
 *   secrets:
 *     allowPaths: ["/usr/share/doc/**"]
 *     allowRules: [jwt]
 *     allowValues: ["EXAMPLE"]
 *     disabledRules: [generic-assignment]
 * </pre>
 */
public record ScanConfigFile(Path file, List<String> scanners, String failOn, Integer exitCode, Policy policy, Efficiency efficiency,
                             Secrets secrets) {

    public record Policy(List<String> allowTools, List<String> allowDevPaths, List<String> disabledRules, List<String> requiredLabels,
                         Long maxSize, Integer maxLayers, Boolean healthcheckRequired) {
        static final Policy EMPTY = new Policy(null, null, null, null, null, null, null);
    }

    public record Efficiency(Double lowestEfficiency, Long highestWastedBytes, Double highestUserWastedPercent) {
        static final Efficiency EMPTY = new Efficiency(null, null, null);
    }

    public record Secrets(List<String> allowPaths, List<String> allowRules, List<String> allowValues, List<String> disabledRules) {
        static final Secrets EMPTY = new Secrets(null, null, null, null);
    }

    /** No file: every setting from the options and the defaults. */
    public static final ScanConfigFile NONE = new ScanConfigFile(null, null, null, null, Policy.EMPTY, Efficiency.EMPTY, Secrets.EMPTY);

    public static ScanConfigFile read(Path file) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": not valid YAML: " + e.getOriginalMessage(), e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return new ScanConfigFile(file, null, null, null, Policy.EMPTY, Efficiency.EMPTY, Secrets.EMPTY);
        }
        if (!root.isObject()) {
            throw new IOException(file + ": expected a mapping at the top level");
        }
        JsonNode scan = root.get("scan");
        if (scan == null || scan.isNull()) {
            return new ScanConfigFile(file, null, null, null, Policy.EMPTY, Efficiency.EMPTY, Secrets.EMPTY);
        }
        Reader r = new Reader(file);
        r.known(scan, "scan", Set.of("scanners", "failOn", "exitCode", "policy", "efficiency", "secrets"));
        JsonNode p = r.section(scan, "scan", "policy");
        r.known(p, "scan.policy", Set.of("allowTools", "allowDevPaths", "disabledRules", "requiredLabels", "maxSize", "maxLayers",
                "healthcheckRequired"));
        JsonNode e = r.section(scan, "scan", "efficiency");
        r.known(e, "scan.efficiency", Set.of("lowestEfficiency", "highestWastedBytes", "highestUserWastedPercent"));
        JsonNode s = r.section(scan, "scan", "secrets");
        r.known(s, "scan.secrets", Set.of("allowPaths", "allowRules", "allowValues", "disabledRules"));
        Integer exitCode = r.integer(scan, "scan.exitCode");
        return new ScanConfigFile(file, r.list(scan, "scan.scanners"), r.text(scan, "scan.failOn"), exitCode,
                new Policy(r.list(p, "scan.policy.allowTools"), r.list(p, "scan.policy.allowDevPaths"), r.list(p, "scan.policy.disabledRules"),
                        r.list(p, "scan.policy.requiredLabels"), r.size(p, "scan.policy.maxSize"), r.integer(p, "scan.policy.maxLayers"),
                        r.bool(p, "scan.policy.healthcheckRequired")),
                new Efficiency(r.number(e, "scan.efficiency.lowestEfficiency"), r.size(e, "scan.efficiency.highestWastedBytes"),
                        r.number(e, "scan.efficiency.highestUserWastedPercent")),
                new Secrets(r.list(s, "scan.secrets.allowPaths"), r.list(s, "scan.secrets.allowRules"), r.list(s, "scan.secrets.allowValues"),
                        r.list(s, "scan.secrets.disabledRules")));
    }

    /** Typed access with errors that say which file and key. */
    private record Reader(Path file) {
        private static String last(String key) {
            return key.substring(key.lastIndexOf('.') + 1);
        }

        void known(JsonNode node, String where, Set<String> keys) throws IOException {
            if (node == null) {
                return;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                String k = it.next().getKey();
                if (!keys.contains(k)) {
                    throw new IOException(file + ": unknown key '" + where + "." + k + "' (known: " + keys.stream().sorted().toList() + ")");
                }
            }
        }

        JsonNode section(JsonNode parent, String where, String name) throws IOException {
            JsonNode n = parent.get(name);
            if (n == null || n.isNull()) {
                return null;
            }
            if (!n.isObject()) {
                throw new IOException(file + ": '" + where + "." + name + "' must be a mapping");
            }
            return n;
        }

        List<String> list(JsonNode parent, String key) throws IOException {
            JsonNode n = parent == null ? null : parent.get(last(key));
            if (n == null || n.isNull()) {
                return null;
            }
            List<String> out = new ArrayList<>();
            if (n.isTextual()) {
                out.add(n.asText());
                return out;
            }
            if (!n.isArray()) {
                throw new IOException(file + ": '" + key + "' must be a list of strings");
            }
            for (JsonNode item : n) {
                if (!item.isValueNode()) {
                    throw new IOException(file + ": '" + key + "' must be a list of strings");
                }
                out.add(item.asText());
            }
            return out;
        }

        String text(JsonNode parent, String key) throws IOException {
            JsonNode n = parent == null ? null : parent.get(last(key));
            if (n == null || n.isNull()) {
                return null;
            }
            if (!n.isValueNode()) {
                throw new IOException(file + ": '" + key + "' must be a single value");
            }
            return n.asText();
        }

        Integer integer(JsonNode parent, String key) throws IOException {
            String t = text(parent, key);
            try {
                return t == null ? null : Integer.valueOf(t.strip());
            } catch (NumberFormatException ex) {
                throw new IOException(file + ": '" + key + "' must be a whole number, not '" + t + "'");
            }
        }

        Double number(JsonNode parent, String key) throws IOException {
            String t = text(parent, key);
            try {
                return t == null ? null : Double.valueOf(t.strip());
            } catch (NumberFormatException ex) {
                throw new IOException(file + ": '" + key + "' must be a number, not '" + t + "'");
            }
        }

        Long size(JsonNode parent, String key) throws IOException {
            String t = text(parent, key);
            try {
                return t == null ? null : ByteSize.parse(t, key);
            } catch (IllegalArgumentException ex) {
                throw new IOException(file + ": " + ex.getMessage());
            }
        }

        Boolean bool(JsonNode parent, String key) throws IOException {
            JsonNode n = parent == null ? null : parent.get(last(key));
            if (n == null || n.isNull()) {
                return null;
            }
            if (!n.isBoolean()) {
                throw new IOException(file + ": '" + key + "' must be true or false");
            }
            return n.asBoolean();
        }
    }
}
