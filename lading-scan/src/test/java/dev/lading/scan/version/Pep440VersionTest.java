package dev.lading.scan.version;

import org.junit.jupiter.api.Test;

import static dev.lading.scan.version.OrderChecks.ascending;
import static dev.lading.scan.version.OrderChecks.equal;
import static dev.lading.scan.version.OrderChecks.invalid;
import static org.assertj.core.api.Assertions.assertThat;

class Pep440VersionTest {
    private final Pep440Version pep = new Pep440Version();

    @Test
    void pep440sOrderAroundARelease() {
        ascending(pep, "1.0.dev0", "1.0.dev1", "1.0a1.dev1", "1.0a1", "1.0a2", "1.0b1.dev1", "1.0b1", "1.0b1.post1", "1.0rc1", "1.0",
                "1.0+local", "1.0.post1.dev1", "1.0.post1", "1.0.post1+local", "1.0.1.dev1", "1.0.1");
    }

    @Test
    void epochAndReleaseSegments() {
        ascending(pep, "1.9", "1.10", "1.99999999999999999999999", "1.100000000000000000000000", "2", "1!0.1", "1!1.0", "2!0");
        equal(pep, "1", "1.0", "1.0.0", "0!1.0", "1.00", "01.0");
    }

    @Test
    void everyPermittedSpellingNormalizes() {
        equal(pep, "1.0a1", "1.0alpha1", "1.0.a.1", "1.0-A1", "1.0_alpha_1", "1.0ALPHA1");
        equal(pep, "1.0b0", "1.0b", "1.0beta", "1.0-beta");
        equal(pep, "1.0rc1", "1.0c1", "1.0pre1", "1.0preview1", "1.0-RC-1");
        equal(pep, "1.0.post1", "1.0-1", "1.0post1", "1.0-post-1", "1.0.rev1", "1.0r1", "1.0_POST1");
        equal(pep, "1.0.post0", "1.0.post", "1.0-r");
        equal(pep, "1.0.dev0", "1.0.dev", "1.0-dev", "1.0DEV");
        equal(pep, "1.0", "v1.0", "V1.0", " 1.0", "1.0\n", "\t1.0 ");
        equal(pep, "1.0+abc.1", "1.0+ABC-1", "1.0+abc_1", "1.0+abc.01");
    }

    @Test
    void localVersionsCompareSegmentBySegment() {
        ascending(pep, "1.0", "1.0+a", "1.0+a.b", "1.0+a.1", "1.0+abc", "1.0+b", "1.0+0", "1.0+1", "1.0+1.a", "1.0+2", "1.0+10");
    }

    @Test
    void rejectsWhatPackagingRejects() {
        invalid(pep, "", " ", "1.0-", "1..0", ".1", "1.", "1.0+", "1.0+a..b", "a1", "1.0_1", "1.0.post.dev.a", "1.0c1c",
                "1.0 1", "1!", "!1", "1.0+a+b", "1.0++a", "vv1.0", "1.0-dev1-", "1.0.devv1", "1.0a1b1", "1.0+é");
        assertThat(pep.isValid(null)).isFalse();
    }
}
