package dev.lading.lint.config;

import dev.lading.lint.LintConfig;
import dev.lading.lint.Profiles;
import dev.lading.lint.Severity;
import dev.lading.lint.Threshold;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code .lading.yaml} and {@code .hadolint.yaml}.
 *
 * <p>{@code .lading.yaml}:
 * <pre>
 * ignore: [LD001, DL3008]                # rule IDs never reported
 * severity: {LD013: warning}             # per-rule severity (error, warning, info, style)
 * failure-threshold: warning             # error | warning | info | style | none
 * trusted-registries: [ghcr.io]          # FROM may only pull from these
 * required-labels: {org.opencontainers.image.source: url}
 * strict-labels: false
 * rules: {LD013: {some-option: value}}   # per-rule options
 * enable: [DL3057, DL1001]               # rules that are off by default (a severity override also turns one on)
 * profile: "2026.11"                     # run only the rules of this rule-set profile (see Profiles)
 * disable-ignore-pragma: false           # true: ignore comments in Dockerfiles have no effect
 * </pre>
 * Unknown keys in {@code .lading.yaml} are errors, so a typo does not silently do nothing.
 *
 * <p>{@code .hadolint.yaml} is read with hadolint's documented keys ({@code ignored},
 * {@code override.{error,warning,info,style}}, {@code failure-threshold}, {@code trustedRegistries},
 * {@code label-schema}, {@code strict-labels}, {@code disable-ignore-pragma}); its other keys (output options)
 * are accepted and ignored.
 */
public final class ConfigLoader {
    public static final List<String> LADING_NAMES = List.of(".lading.yaml", ".lading.yml");
    public static final List<String> HADOLINT_NAMES = List.of(".hadolint.yaml", ".hadolint.yml");

    private static final Set<String> LADING_KEYS = Set.of("ignore", "ignored", "severity", "override",
            "failure-threshold", "trusted-registries", "trustedRegistries", "required-labels", "label-schema",
            "strict-labels", "rules", "enable", "enabled", "profile", "disable-ignore-pragma");
    private static final Set<String> HADOLINT_KEYS = Set.of("ignored", "override", "failure-threshold",
            "trustedRegistries", "label-schema", "strict-labels", "format", "no-color", "no-fail", "verbose",
            "disable-ignore-pragma", "require-labels");

    private ConfigLoader() {
    }

    /**
     * The configuration for a Dockerfile: the nearest directory, from the file's own upward, holding a
     * {@code .hadolint.yaml} and/or {@code .lading.yaml} (both are read, lading's on top).
     */
    public static LintConfig discover(Path dockerfile) throws ConfigException {
        return discover(dockerfile, new java.util.HashMap<>());
    }

    /**
     * As {@link #discover(Path)}, remembering the answer for every directory it looked at in {@code memo}, so
     * the files of one run (often many directories under one configuration) do not look again. {@code memo}
     * may be shared between threads when it is a concurrent map.
     */
    public static LintConfig discover(Path dockerfile, Map<Path, LintConfig> memo) throws ConfigException {
        return discover(dockerfile, memo, Files::isRegularFile);
    }

    /**
     * As {@link #discover(Path, Map)}, asking {@code isRegularFile} whether a configuration file exists: a caller
     * that has just listed the directories can answer without asking the file system again.
     */
    public static LintConfig discover(Path dockerfile, Map<Path, LintConfig> memo,
                                      java.util.function.Predicate<Path> isRegularFile) throws ConfigException {
        Path dir = dockerfile.toAbsolutePath().normalize().getParent();
        List<Path> walked = new java.util.ArrayList<>();
        LintConfig found = null;
        while (dir != null && found == null) {
            found = memo.get(dir);
            if (found == null) {
                walked.add(dir);
                found = inDirectory(dir, isRegularFile);
                dir = dir.getParent();
            }
        }
        LintConfig answer = found == null ? LintConfig.empty() : found;
        walked.forEach(d -> memo.put(d, answer));
        return answer;
    }

    /** The configuration kept in {@code dir} itself, or null when it has none. */
    private static LintConfig inDirectory(Path dir, java.util.function.Predicate<Path> isRegularFile) throws ConfigException {
        LintConfig found = null;
        for (String n : HADOLINT_NAMES) {
            if (isRegularFile.test(dir.resolve(n))) {
                found = load(dir.resolve(n));
                break;
            }
        }
        for (String n : LADING_NAMES) {
            if (isRegularFile.test(dir.resolve(n))) {
                LintConfig l = load(dir.resolve(n));
                found = found == null ? l : found.merge(l);
                break;
            }
        }
        return found;
    }

    /** Reads one file; its name decides the dialect ({@code .hadolint*} or lading's). */
    public static LintConfig load(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage());
        }
        boolean hadolint = file.getFileName().toString().contains("hadolint");
        return parse(file, text, hadolint);
    }

    public static LintConfig parse(Path source, String yaml, boolean hadolint) throws ConfigException {
        Object root;
        try {
            root = YamlTree.read(yaml);
        } catch (IOException e) {
            throw new ConfigException(source + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null) {
            return new LintConfig(Set.of(), Map.of(), Optional.empty(), List.of(), Map.of(), false, Map.of(), List.of(source));
        }
        if (!(root instanceof Map<?, ?> top)) {
            throw new ConfigException(source + ": expected a mapping of keys (ignored, override, failure-threshold, …)");
        }
        Set<String> allowed = hadolint ? HADOLINT_KEYS : LADING_KEYS;
        for (Object k : top.keySet()) {
            if (!allowed.contains((String) k)) {
                throw new ConfigException(source + ": unknown key '" + k + "'; known keys: " + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
        Set<String> ignored = new LinkedHashSet<>(strings(source, top, "ignored"));
        ignored.addAll(strings(source, top, "ignore"));

        Map<String, Severity> overrides = new HashMap<>();
        if (top.containsKey("override")) {
            if (!(top.get("override") instanceof Map<?, ?> override)) {
                throw new ConfigException(source + ": 'override' must map error/warning/info/style to lists of rule IDs");
            }
            for (Object level : override.keySet()) {
                Severity s = severity(source, (String) level, "override");
                for (String id : strings(source, override, (String) level)) {
                    overrides.put(id, s);
                }
            }
        }
        if (top.get("severity") instanceof Map<?, ?> severity) {
            for (Map.Entry<?, ?> e : severity.entrySet()) {
                overrides.put((String) e.getKey(), severity(source, YamlTree.text(e.getValue()), "severity." + e.getKey()));
            }
        }
        Optional<Threshold> threshold = Optional.empty();
        if (top.containsKey("failure-threshold")) {
            String t = YamlTree.text(top.get("failure-threshold"));
            threshold = Optional.of(Threshold.parse(t).orElseThrow(() -> new ConfigException(source
                    + ": failure-threshold '" + t + "' is not one of error, warning, info, style, none")));
        }
        List<String> registries = new ArrayList<>(strings(source, top, "trustedRegistries"));
        registries.addAll(strings(source, top, "trusted-registries"));

        Map<String, String> labels = new LinkedHashMap<>();
        for (String key : List.of("label-schema", "required-labels")) {
            Object n = top.get(key);
            if (n instanceof Map<?, ?> m) {
                m.forEach((k, v) -> labels.put((String) k, YamlTree.text(v)));
            } else if (n instanceof List<?> l) {
                l.forEach(v -> labels.put(YamlTree.text(v), "text"));
            } else if (top.containsKey(key)) {
                throw new ConfigException(source + ": '" + key + "' must map label names to types (text, url, semver, …)");
            }
        }
        boolean strict = YamlTree.flag(top.get("strict-labels"));

        Map<String, Map<String, Object>> options = new HashMap<>();
        if (top.get("rules") instanceof Map<?, ?> rules) {
            for (Map.Entry<?, ?> e : rules.entrySet()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> o = e.getValue() instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
                options.put((String) e.getKey(), o);
            }
        }
        Set<String> enabled = new LinkedHashSet<>(strings(source, top, "enable"));
        enabled.addAll(strings(source, top, "enabled"));
        Optional<String> profile = Optional.empty();
        if (top.containsKey("profile")) {
            String p = YamlTree.text(top.get("profile"));
            profile = Optional.of(Profiles.parse(p).orElseThrow(() -> new ConfigException(source + ": profile '" + p
                    + "' is not one of " + String.join(", ", Profiles.ALL)
                    + " (a newer lading may know it; profiles are YYYY.MM strings, quote them in YAML)")));
        }
        boolean noPragmas = YamlTree.flag(top.get("disable-ignore-pragma"));
        return new LintConfig(ignored, overrides, threshold, registries, labels, strict, options, List.of(source),
                enabled, profile, noPragmas);
    }

    private static Severity severity(Path source, String s, String where) throws ConfigException {
        return Severity.parse(s).orElseThrow(() -> new ConfigException(source + ": " + where + ": '" + s
                + "' is not a severity (error, warning, info, style)"));
    }

    private static List<String> strings(Path source, Map<?, ?> parent, String key) throws ConfigException {
        Object n = parent.get(key);
        if (n == null) {
            return List.of();
        }
        if (n instanceof String text) {
            return List.of(text);
        }
        if (!(n instanceof List<?> items)) {
            throw new ConfigException(source + ": '" + key + "' must be a list");
        }
        List<String> out = new ArrayList<>();
        items.forEach(v -> out.add(YamlTree.text(v)));
        return out;
    }
}
