package dev.lading.scan.version;

import org.junit.jupiter.api.Test;

import static dev.lading.scan.version.OrderChecks.ascending;
import static dev.lading.scan.version.OrderChecks.equal;
import static dev.lading.scan.version.OrderChecks.invalid;
import static org.assertj.core.api.Assertions.assertThat;

class NpmVersionTest {
    private final NpmVersion npm = new NpmVersion();

    @Test
    void looseSpellingsOfOneVersion() {
        equal(npm, "1.2.3", "v1.2.3", "=1.2.3", "=v1.2.3", " 1.2.3 ", "v = 1.2.3", "01.02.03", "1.2.3+build", "\u00A01.2.3\t");
        equal(npm, "1.2.3-beta.1", "1.2.3beta.1", "v1.2.3-beta.01");
    }

    @Test
    void semverPrecedence() {
        ascending(npm, "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11",
                "1.0.0-rc.1", "1.0.0", "1.0.1", "9007199254740991.0.0");
        // a hyphen alone is a pre-release identifier in loose mode, with or without the hyphen before it
        equal(npm, "1.2.3-", "1.2.3--");
        ascending(npm, "1.2.3-", "1.2.3-a", "1.2.3");
    }

    @Test
    void rejectsWhatNodeSemverRejects() {
        invalid(npm, "", "1", "1.2", "1.2.3.4", "9007199254740992.0.0", "1.9007199254740992.0", "x1.2.3", "1.2.3 4", "1.2.3+",
                "1.2.3-a..b", "1.2.3" + "0".repeat(254));
        assertThat(npm.isValid(null)).isFalse();
        assertThat(npm.isValid("1.2.3-" + "a".repeat(250))).isTrue();
        assertThat(npm.isValid("1.2.3-" + "a".repeat(251))).isFalse();
    }
}
