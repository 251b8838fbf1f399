package dev.lading.lint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Findings accepted as they are ({@code --write-baseline}), so that a later run ({@code --baseline}) reports
 * only new ones.
 *
 * <p>A finding is remembered by a {@link Fingerprint}: rule ID, file, a hash of the text of the lines it
 * points at with whitespace and line continuations normalised, and its occurrence among findings with the
 * same rule, file and hash. The line number is deliberately not part of it: adding a line above a known
 * finding must not turn it into a new one. Entries nothing matches any more are harmless.
 *
 * @param fingerprints the accepted findings
 */
public record Baseline(Set<Fingerprint> fingerprints) {
    /** The format version written in the file; a file with another version is refused, not misread. */
    public static final int VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public Baseline {
        fingerprints = Set.copyOf(fingerprints);
    }

    /**
     * What identifies one finding across edits.
     *
     * @param rule       the finding's primary rule ID
     * @param file       the file as findings name it
     * @param hash       the first 16 hex digits of SHA-256 over the normalised text the finding points at
     * @param occurrence 0 for the first finding with this rule, file and hash (in line order), 1 for the next…
     */
    public record Fingerprint(String rule, String file, String hash, int occurrence) {
    }

    /** The findings' fingerprints, in the findings' order; {@code text} gives each file's content. */
    public static List<Fingerprint> fingerprints(List<Finding> findings, Function<String, String> text) {
        Map<String, String[]> lines = new HashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        List<Finding> ordered = new ArrayList<>(findings);
        ordered.sort(java.util.Comparator.comparing(Finding::file).thenComparing(Finding::line)
                .thenComparing(Finding::column).thenComparing(Finding::ruleId));
        Map<Finding, Fingerprint> byFinding = new java.util.IdentityHashMap<>();
        for (Finding f : ordered) {
            String[] ls = lines.computeIfAbsent(f.file(), k -> {
                String t = text.apply(k);
                return t == null ? new String[0] : t.split("\r?\n", -1);
            });
            String hash = hash(normalise(covered(ls, f)));
            String key = f.ruleId() + "\0" + f.file() + "\0" + hash;
            int occurrence = seen.merge(key, 1, Integer::sum) - 1;
            byFinding.put(f, new Fingerprint(f.ruleId(), f.file(), hash, occurrence));
        }
        return findings.stream().map(byFinding::get).toList();
    }

    /** A baseline accepting every one of {@code findings}. */
    public static Baseline of(List<Finding> findings, Function<String, String> text) {
        return new Baseline(new LinkedHashSet<>(fingerprints(findings, text)));
    }

    /** The findings this baseline does not accept. */
    public List<Finding> newFindings(List<Finding> findings, Function<String, String> text) {
        List<Fingerprint> fps = fingerprints(findings, text);
        List<Finding> out = new ArrayList<>();
        for (int i = 0; i < findings.size(); i++) {
            if (!fingerprints.contains(fps.get(i))) {
                out.add(findings.get(i));
            }
        }
        return out;
    }

    /**
     * The lines the finding's range touches: the instruction it reports on, for nearly every rule. An empty
     * range (1:1-1:1) is how rules speak of the file as a whole (no syntax directive, no .dockerignore): no
     * text, so that such findings do not change with whatever happens to be on line 1.
     */
    private static String covered(String[] lines, Finding f) {
        if (f.range().start().equals(f.range().end())) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (int l = f.range().start().line(); l <= f.range().end().line() && l <= lines.length; l++) {
            if (l >= 1) {
                sb.append(lines[l - 1]).append('\n');
            }
        }
        return sb.toString();
    }

    /** Reformatting (indentation, spacing, where a line is continued) does not make a finding new. */
    static String normalise(String text) {
        return text.replaceAll("\\\\\\s*\n", " ").replaceAll("`\\s*\n", " ").replaceAll("\\s+", " ").strip();
    }

    private static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The JSON written by {@code --write-baseline}; line and message are there for people, not matched. */
    public static String toJson(List<Finding> findings, Function<String, String> text) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("version", VERSION);
        root.put("tool", "lading lint");
        ArrayNode arr = root.putArray("findings");
        List<Fingerprint> fps = fingerprints(findings, text);
        for (int i = 0; i < findings.size(); i++) {
            Fingerprint fp = fps.get(i);
            Finding f = findings.get(i);
            ObjectNode o = arr.addObject();
            o.put("rule", fp.rule());
            o.put("file", fp.file());
            o.put("hash", fp.hash());
            o.put("occurrence", fp.occurrence());
            o.put("line", f.line());
            o.put("message", f.message());
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot happen for a JSON tree", e);
        }
    }

    /** Reads what {@link #toJson} wrote; anything else is an {@link IllegalArgumentException} saying why. */
    public static Baseline parse(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a lading lint baseline (expected a JSON object)");
        }
        if (root.path("version").asInt(-1) != VERSION) {
            throw new IllegalArgumentException("baseline version " + root.path("version")
                    + " is not supported (this lading reads version " + VERSION + "); write it again with --write-baseline");
        }
        JsonNode arr = root.path("findings");
        if (!arr.isArray()) {
            throw new IllegalArgumentException("'findings' must be a list");
        }
        Set<Fingerprint> fps = new LinkedHashSet<>();
        for (JsonNode o : arr) {
            if (!o.path("rule").isTextual() || !o.path("file").isTextual() || !o.path("hash").isTextual()) {
                throw new IllegalArgumentException("every finding needs rule, file and hash");
            }
            fps.add(new Fingerprint(o.get("rule").asText(), o.get("file").asText(), o.get("hash").asText(),
                    o.path("occurrence").asInt(0)));
        }
        return new Baseline(fps);
    }
}
