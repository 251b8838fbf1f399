package dev.lading.scan.policy;

import java.util.List;
import java.util.Set;

/**
 * How strict the image policy is. {@code allowedTools} (globs on absolute paths, e.g. {@code /usr/bin/pip*})
 * are shells or package managers IM002 lets through; {@code allowedDevPaths} the same for IM003's compilers,
 * headers and {@code .git}. {@code requiredLabels} are IM006's (the four OCI labels by default).
 * {@code maxSizeBytes} (compressed layers, as pulled) and {@code maxLayers} are IM008's budget; null: none.
 * {@code healthcheckOptional} is the opt-out for job and CLI images (IM005 then only checks the entrypoint).
 */
public record PolicyConfig(Set<String> disabledRules, List<String> allowedTools, List<String> allowedDevPaths,
                           List<String> requiredLabels, Long maxSizeBytes, Integer maxLayers, boolean healthcheckOptional) {

    public static final List<String> OCI_LABELS = List.of("org.opencontainers.image.source", "org.opencontainers.image.version",
            "org.opencontainers.image.revision", "org.opencontainers.image.created");

    public static final PolicyConfig DEFAULT = new PolicyConfig(Set.of(), List.of(), List.of(), OCI_LABELS, null, null, false);

    public PolicyConfig {
        disabledRules = disabledRules == null ? Set.of() : Set.copyOf(disabledRules);
        allowedTools = allowedTools == null ? List.of() : List.copyOf(allowedTools);
        allowedDevPaths = allowedDevPaths == null ? List.of() : List.copyOf(allowedDevPaths);
        requiredLabels = requiredLabels == null ? OCI_LABELS : List.copyOf(requiredLabels);
        if (maxSizeBytes != null && maxSizeBytes < 0 || maxLayers != null && maxLayers < 0) {
            throw new IllegalArgumentException("size and layer budgets must not be negative");
        }
    }

    public PolicyConfig withDisabledRules(Set<String> v) {
        return new PolicyConfig(v, allowedTools, allowedDevPaths, requiredLabels, maxSizeBytes, maxLayers, healthcheckOptional);
    }

    public PolicyConfig withAllowedTools(List<String> v) {
        return new PolicyConfig(disabledRules, v, allowedDevPaths, requiredLabels, maxSizeBytes, maxLayers, healthcheckOptional);
    }

    public PolicyConfig withAllowedDevPaths(List<String> v) {
        return new PolicyConfig(disabledRules, allowedTools, v, requiredLabels, maxSizeBytes, maxLayers, healthcheckOptional);
    }

    public PolicyConfig withRequiredLabels(List<String> v) {
        return new PolicyConfig(disabledRules, allowedTools, allowedDevPaths, v, maxSizeBytes, maxLayers, healthcheckOptional);
    }

    public PolicyConfig withBudget(Long newMaxSizeBytes, Integer newMaxLayers) {
        return new PolicyConfig(disabledRules, allowedTools, allowedDevPaths, requiredLabels, newMaxSizeBytes, newMaxLayers, healthcheckOptional);
    }

    public PolicyConfig withHealthcheckOptional(boolean v) {
        return new PolicyConfig(disabledRules, allowedTools, allowedDevPaths, requiredLabels, maxSizeBytes, maxLayers, v);
    }
}
