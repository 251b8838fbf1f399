package dev.lading.scan.secrets;

import dev.lading.oci.Digest;
import dev.lading.scan.secrets.SecretRule.Severity;
import dev.lading.scan.secrets.SecretRule.Source;

import java.util.Objects;

/**
 * One secret in an image. Never holds the secret: {@code redacted} is a few leading characters and a mask.
 *
 * @param layerIndex the layer (from 0) holding the file, or -1 for the config
 * @param layer      that layer's digest, or null for the config
 * @param location   the file's path, the ENV variable's name, the label's key, or {@code history[i]}
 * @param line       from 1, within the file or value
 * @param hidden     a later layer deletes or replaces the file: it is gone from the container's filesystem
 *                   but still in the image, for anyone who pulls the layer
 */
public record SecretFinding(String ruleId, String title, Severity severity, Source source, int layerIndex, Digest layer,
                            String location, int line, String redacted, boolean hidden) {
    public SecretFinding {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(redacted, "redacted");
    }

    SecretFinding asHidden() {
        return new SecretFinding(ruleId, title, severity, source, layerIndex, layer, location, line, redacted, true);
    }
}
