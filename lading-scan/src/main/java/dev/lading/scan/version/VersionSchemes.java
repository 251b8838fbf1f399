package dev.lading.scan.version;

import java.util.Optional;

/** The registry of {@link VersionScheme}s by OSV ecosystem. */
final class VersionSchemes {

    private VersionSchemes() {
    }

    static Optional<VersionScheme> forOsvEcosystem(String ecosystem) {
        int colon = ecosystem.indexOf(':');
        String base = colon < 0 ? ecosystem : ecosystem.substring(0, colon);
        return switch (base) {
            case "Debian", "Ubuntu" -> Optional.of(new DebianVersion());
            case "Alpine", "Wolfi", "Chainguard" -> Optional.of(new ApkVersion());
            case "Maven" -> Optional.of(new MavenVersion());
            case "PyPI" -> Optional.of(new Pep440Version());
            case "Go", "crates.io" -> Optional.of(new SemverVersion());
            case "npm" -> Optional.of(new NpmVersion());
            case "Red Hat", "AlmaLinux", "Rocky Linux", "SUSE", "openSUSE", "Mageia", "openEuler" -> Optional.of(new RpmVersion());
            default -> Optional.empty();
        };
    }
}
