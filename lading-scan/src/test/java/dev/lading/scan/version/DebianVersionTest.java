package dev.lading.scan.version;

import org.junit.jupiter.api.Test;

import static dev.lading.scan.version.OrderChecks.ascending;
import static dev.lading.scan.version.OrderChecks.equal;
import static dev.lading.scan.version.OrderChecks.invalid;

class DebianVersionTest {
    private final DebianVersion deb = new DebianVersion();

    @Test
    void tildeSortsBeforeEverythingEvenTheEnd() {
        ascending(deb, "1.0~~", "1.0~~a", "1.0~", "1.0~rc1", "1.0", "1.0a", "1.0+b1", "1.0.1");
    }

    @Test
    void lettersSortBeforeOtherNonDigits() {
        ascending(deb, "1.0a", "1.0z", "1.0+", "1.0.");
        ascending(deb, "1.0A", "1.0Z", "1.0a");
    }

    @Test
    void digitRunsCompareNumericallyAtAnyLength() {
        ascending(deb, "1.9", "1.10", "1.99999999999999999999999", "1.100000000000000000000000");
        equal(deb, "1.010", "1.10", "1.0000000000000000000000000000010");
    }

    @Test
    void epochDecidesFirst() {
        ascending(deb, "9.9", "1:0.1", "2:0~", "10:0");
        equal(deb, "0:1.0", "1.0", "00:1.0");
    }

    @Test
    void revisionComparesAfterUpstreamAndAMissingOneIsZero() {
        equal(deb, "1.0", "1.0-0", "1.0-00");
        ascending(deb, "1.0-0~", "1.0", "1.0-1", "1.0-1ubuntu1", "1.0-1+deb12u1", "1.0-2", "1.0+b1", "1.0.1-1");
        // the last hyphen starts the revision
        ascending(deb, "1.2-3-4", "1.2-3-5", "1.2-4-1");
        // a colon in the upstream version is allowed once an epoch is there
        ascending(deb, "1:2:3", "1:2:4", "1:3");
    }

    @Test
    void realWorldVersions() {
        ascending(deb, "2.36.1-8+deb11u1", "2.36.1-8+deb11u2", "2.38.1-5", "2.38.1-5+deb12u1", "2.38.1-5+deb12u2");
        ascending(deb, "1:1.2.13.dfsg-1", "1:1.2.13.dfsg-1ubuntu1", "1:1.3.dfsg-3");
        ascending(deb, "3.0.11-1~deb12u1", "3.0.11-1~deb12u2", "3.0.11-1", "3.0.13-1~deb12u1");
    }

    /** Also refused although dpkg takes them silently: surrounding whitespace and a signed epoch ("+1:"). */
    @Test
    void rejectsWhatDpkgRejectsOrWarnsAbout() {
        invalid(deb, "", "a1.0", "1.0-", ":1.0", "a:1.0", "1:", "1.0 ", " 1.0", "1 0", "1.0_1", "-1", "1.0-1_2",
                "1.0-1:2", "99999999999:1.0", "2147483648:1", "+1:1.0", "1.0é", "1.0-a-", "~1");
        org.assertj.core.api.Assertions.assertThat(deb.isValid(null)).isFalse();
        org.assertj.core.api.Assertions.assertThat(deb.isValid("2147483647:1")).isTrue();
    }
}
