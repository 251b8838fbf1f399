package dev.lading.scan.version;

import java.util.Optional;

/** The registry of {@link VersionScheme}s by OSV ecosystem. Schemes are added as they are implemented. */
final class VersionSchemes {

    private VersionSchemes() {
    }

    static Optional<VersionScheme> forOsvEcosystem(String ecosystem) {
        int colon = ecosystem.indexOf(':');
        String base = colon < 0 ? ecosystem : ecosystem.substring(0, colon);
        return switch (base) {
            default -> Optional.empty();
        };
    }
}
