package dev.lading.scan.secrets;

import java.util.List;
import java.util.Set;

/**
 * What a secret scan skips. {@code disabledRules} are not run at all; findings of {@code allowRules}, in files
 * matching {@code allowPaths} (globs, {@code **} crosses directories) or whose secret matches one of
 * {@code allowValues} (regular expressions, searched) are dropped and only counted. Files larger than
 * {@code maxFileBytes} are not read (a note says so); {@code minEntropy} (bits per character) is the bar for
 * the generic assignment rule.
 */
public record SecretConfig(Set<String> allowRules, List<String> allowPaths, List<String> allowValues, Set<String> disabledRules,
                           long maxFileBytes, double minEntropy) {

    public static final long DEFAULT_MAX_FILE_BYTES = 10L << 20;
    public static final double DEFAULT_MIN_ENTROPY = 3.5;
    public static final SecretConfig DEFAULT = new SecretConfig(Set.of(), List.of(), List.of(), Set.of(), DEFAULT_MAX_FILE_BYTES,
            DEFAULT_MIN_ENTROPY);

    public SecretConfig {
        allowRules = allowRules == null ? Set.of() : Set.copyOf(allowRules);
        allowPaths = allowPaths == null ? List.of() : List.copyOf(allowPaths);
        allowValues = allowValues == null ? List.of() : List.copyOf(allowValues);
        disabledRules = disabledRules == null ? Set.of() : Set.copyOf(disabledRules);
        if (maxFileBytes <= 0 || maxFileBytes > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("maxFileBytes must be between 1 and 2 GiB, not " + maxFileBytes);
        }
        if (minEntropy < 0) {
            throw new IllegalArgumentException("minEntropy must not be negative");
        }
    }

    public SecretConfig withAllowRules(Set<String> v) {
        return new SecretConfig(v, allowPaths, allowValues, disabledRules, maxFileBytes, minEntropy);
    }

    public SecretConfig withAllowPaths(List<String> v) {
        return new SecretConfig(allowRules, v, allowValues, disabledRules, maxFileBytes, minEntropy);
    }

    public SecretConfig withAllowValues(List<String> v) {
        return new SecretConfig(allowRules, allowPaths, v, disabledRules, maxFileBytes, minEntropy);
    }

    public SecretConfig withDisabledRules(Set<String> v) {
        return new SecretConfig(allowRules, allowPaths, allowValues, v, maxFileBytes, minEntropy);
    }

    public SecretConfig withMaxFileBytes(long v) {
        return new SecretConfig(allowRules, allowPaths, allowValues, disabledRules, v, minEntropy);
    }

    public SecretConfig withMinEntropy(double v) {
        return new SecretConfig(allowRules, allowPaths, allowValues, disabledRules, maxFileBytes, v);
    }
}
