package dev.lading.lint;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a project configures, from {@code .lading.yaml}, {@code .hadolint.yaml} or the command line.
 *
 * @param ignored           rule IDs never reported
 * @param overrides         rule ID → severity replacing the rule's default
 * @param failureThreshold  the least severe finding that fails the run, when configured
 * @param trustedRegistries registries FROM may pull from (empty: any)
 * @param requiredLabels    label name → schema type ({@code text}, {@code url}, {@code semver}, {@code hash},
 *                          {@code rfc3339}, {@code spdx}, {@code email}); empty: no label is required
 * @param strictLabels      true when labels outside {@code requiredLabels} are findings
 * @param ruleOptions       rule ID → that rule's options
 * @param sources           the files this configuration was read from, in order
 * @param enabled           rule IDs that are off by default ({@link Rule#enabledByDefault()}) and turned on here
 * @param profile           the rule-set profile pinned ({@link Profiles}); empty: every rule
 * @param disableIgnorePragma hadolint's {@code disable-ignore-pragma}: inline and global ignore comments in
 *                          Dockerfiles have no effect, so only reviewed configuration can silence a rule
 */
public record LintConfig(Set<String> ignored, Map<String, Severity> overrides, Optional<Threshold> failureThreshold,
                         List<String> trustedRegistries, Map<String, String> requiredLabels, boolean strictLabels,
                         Map<String, Map<String, Object>> ruleOptions, List<Path> sources, Set<String> enabled,
                         Optional<String> profile, boolean disableIgnorePragma) {
    public LintConfig {
        enabled = Set.copyOf(enabled);
        ignored = Set.copyOf(ignored);
        overrides = Map.copyOf(overrides);
        trustedRegistries = List.copyOf(trustedRegistries);
        requiredLabels = Map.copyOf(requiredLabels);
        ruleOptions = Map.copyOf(ruleOptions);
        sources = List.copyOf(sources);
    }

    /** A configuration that keeps ignore pragmas working. */
    public LintConfig(Set<String> ignored, Map<String, Severity> overrides, Optional<Threshold> failureThreshold,
                      List<String> trustedRegistries, Map<String, String> requiredLabels, boolean strictLabels,
                      Map<String, Map<String, Object>> ruleOptions, List<Path> sources, Set<String> enabled,
                      Optional<String> profile) {
        this(ignored, overrides, failureThreshold, trustedRegistries, requiredLabels, strictLabels, ruleOptions,
                sources, enabled, profile, false);
    }

    /** A configuration that enables no off-by-default rule and pins no profile. */
    public LintConfig(Set<String> ignored, Map<String, Severity> overrides, Optional<Threshold> failureThreshold,
                      List<String> trustedRegistries, Map<String, String> requiredLabels, boolean strictLabels,
                      Map<String, Map<String, Object>> ruleOptions, List<Path> sources) {
        this(ignored, overrides, failureThreshold, trustedRegistries, requiredLabels, strictLabels, ruleOptions,
                sources, Set.of(), Optional.empty());
    }

    public static LintConfig empty() {
        return new LintConfig(Set.of(), Map.of(), Optional.empty(), List.of(), Map.of(), false, Map.of(), List.of());
    }

    /** This configuration with {@code other} on top: sets are joined, single values of {@code other} win. */
    public LintConfig merge(LintConfig other) {
        Set<String> ign = new LinkedHashSet<>(ignored);
        ign.addAll(other.ignored);
        Map<String, Severity> ov = new HashMap<>(overrides);
        ov.putAll(other.overrides);
        Map<String, String> labels = new LinkedHashMap<>(requiredLabels);
        labels.putAll(other.requiredLabels);
        Map<String, Map<String, Object>> opts = new HashMap<>(ruleOptions);
        opts.putAll(other.ruleOptions);
        Set<String> en = new LinkedHashSet<>(enabled);
        en.addAll(other.enabled);
        return new LintConfig(ign, ov, other.failureThreshold.or(() -> failureThreshold),
                Stream.concat(trustedRegistries.stream(), other.trustedRegistries.stream()).distinct().toList(),
                labels, strictLabels || other.strictLabels, opts,
                Stream.concat(sources.stream(), other.sources.stream()).toList(), en, other.profile.or(() -> profile),
                disableIgnorePragma || other.disableIgnorePragma);
    }

    public LintConfig withIgnored(Set<String> more) {
        return merge(new LintConfig(more, Map.of(), Optional.empty(), List.of(), Map.of(), false, Map.of(), List.of()));
    }

    public LintConfig withFailureThreshold(Threshold t) {
        return new LintConfig(ignored, overrides, Optional.of(t), trustedRegistries, requiredLabels, strictLabels,
                ruleOptions, sources, enabled, profile, disableIgnorePragma);
    }

    /**
     * True when {@code rule} runs under this configuration: not ignored; turned on when it is off by default
     * (named in {@code enabled} or given a severity); and part of the pinned profile, unless turned on by name,
     * which is the user asking for it explicitly.
     */
    public boolean runs(RuleInfo rule) {
        if (ignored.contains(rule.id())) {
            return false;
        }
        boolean named = enabled.contains(rule.id()) || overrides.containsKey(rule.id());
        if (!rule.enabledByDefault() && !named) {
            return false;
        }
        return named || profile.map(p -> Profiles.includes(p, rule.since())).orElse(true);
    }

    public Map<String, Object> options(String ruleId) {
        return ruleOptions.getOrDefault(ruleId, Map.of());
    }
}
