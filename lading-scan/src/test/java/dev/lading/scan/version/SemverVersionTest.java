package dev.lading.scan.version;

import org.junit.jupiter.api.Test;

import static dev.lading.scan.version.OrderChecks.ascending;
import static dev.lading.scan.version.OrderChecks.equal;
import static dev.lading.scan.version.OrderChecks.invalid;
import static org.assertj.core.api.Assertions.assertThat;

class SemverVersionTest {
    private final SemverVersion semver = new SemverVersion();

    @Test
    void theSpecificationsExample() {
        ascending(semver, "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11",
                "1.0.0-rc.1", "1.0.0", "2.0.0", "2.1.0", "2.1.1");
    }

    @Test
    void numericIdentifiersSortBeforeAlphanumericOnesAndNumbersHaveNoLimit() {
        ascending(semver, "1.0.0-1", "1.0.0-2", "1.0.0-10", "1.0.0-99999999999999999999", "1.0.0--", "1.0.0-0a", "1.0.0-A",
                "1.0.0-a", "1.0.0-a.0");
        ascending(semver, "99999999999999999999999.0.0", "100000000000000000000000.0.0");
    }

    @Test
    void buildMetadataAndGosVAreIgnored() {
        equal(semver, "1.2.3", "v1.2.3", "1.2.3+build.5", "v1.2.3+other");
    }

    @Test
    void goPseudoVersions() {
        ascending(semver, "v0.0.0-20191109021931-daa7c04131f5", "v0.0.0-20200101000000-000000000000", "v0.0.1",
                "v1.2.3", "v1.2.4-0.20191109021931-daa7c04131f5", "v1.2.4-pre", "v1.2.4-pre.0.20191109021931-daa7c04131f5", "v1.2.4");
    }

    @Test
    void rejectsWhatTheGrammarRejects() {
        invalid(semver, "", "1", "1.2", "1.2.3.4", "01.2.3", "1.02.3", "1.2.03", "1.2.3-01", "1.2.3-", "1.2.3+", "1.2.3-a..b",
                "V1.2.3", "vv1.2.3", "=1.2.3", " 1.2.3", "1.2.3 ", "1.2.3-ü", "-1.2.3", "1.2.3+a+b");
        assertThat(semver.isValid(null)).isFalse();
        assertThat(semver.isValid("1.2.3-00a+001")).isTrue();
    }
}
