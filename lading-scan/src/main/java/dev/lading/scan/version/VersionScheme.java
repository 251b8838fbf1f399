package dev.lading.scan.version;

import java.util.Optional;

/**
 * How one ecosystem orders its versions. Vulnerability ranges (OSV {@code introduced}/{@code fixed}/
 * {@code last_affected}/{@code limit}) are evaluated with the scheme of the package's ecosystem, never with
 * a generic comparison: {@code 1.0.0-rc1} is before {@code 1.0.0} in semver and PEP 440 disagrees with
 * Maven on what {@code 1.0.0.Final} means.
 */
public interface VersionScheme {

    /** The scheme's name, e.g. "deb", "apk", "maven", "pep440", "npm", "semver". */
    String name();

    /** Whether {@code version} is a version this scheme can order. */
    boolean isValid(String version);

    /**
     * Negative, zero or positive as {@code a} sorts before, equal to or after {@code b}.
     *
     * @throws IllegalArgumentException if either is not {@link #isValid valid}
     */
    int compare(String a, String b);

    /**
     * The scheme for an OSV ecosystem name ("Debian:12", "Alpine:v3.20", "Maven", "PyPI", "npm", "Go",
     * "crates.io", ...): the part before ':' chooses. Empty for ecosystems lading cannot order.
     */
    static Optional<VersionScheme> forOsvEcosystem(String ecosystem) {
        return VersionSchemes.forOsvEcosystem(ecosystem);
    }
}
