package dev.lading.scan.version;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VersionSchemesTest {

    @Test
    void osvEcosystemsChooseTheirScheme() {
        assertThat(scheme("Debian:12")).isEqualTo("deb");
        assertThat(scheme("Debian")).isEqualTo("deb");
        assertThat(scheme("Ubuntu:22.04:LTS")).isEqualTo("deb");
        assertThat(scheme("Alpine:v3.20")).isEqualTo("apk");
        assertThat(scheme("Wolfi")).isEqualTo("apk");
        assertThat(scheme("Chainguard")).isEqualTo("apk");
        assertThat(scheme("Maven")).isEqualTo("maven");
        assertThat(scheme("PyPI")).isEqualTo("pep440");
        assertThat(scheme("Go")).isEqualTo("semver");
        assertThat(scheme("crates.io")).isEqualTo("semver");
        assertThat(scheme("npm")).isEqualTo("npm");
    }

    @Test
    void unknownEcosystemsHaveNoScheme() {
        assertThat(VersionScheme.forOsvEcosystem("RubyGems")).isEmpty();
        assertThat(VersionScheme.forOsvEcosystem("debian:12")).isEmpty();
        assertThat(VersionScheme.forOsvEcosystem("")).isEmpty();
    }

    private static String scheme(String ecosystem) {
        return VersionScheme.forOsvEcosystem(ecosystem).orElseThrow().name();
    }
}
