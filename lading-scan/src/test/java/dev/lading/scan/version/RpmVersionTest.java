package dev.lading.scan.version;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** rpm's order on the cases of rpm's own rpmvercmp test suite and the EVR rules around it. */
class RpmVersionTest {
    private final RpmVersion rpm = new RpmVersion();

    @ParameterizedTest
    @CsvSource({
            "1.0, 1.0, 0", "1.0, 2.0, -1", "2.0, 1.0, 1", "2.0.1, 2.0.1, 0", "2.0, 2.0.1, -1", "2.0.1a, 2.0.1a, 0",
            "2.0.1a, 2.0.1, 1", "5.5p1, 5.5p1, 0", "5.5p1, 5.5p2, -1", "5.5p10, 5.5p1, 1", "10xyz, 10.1xyz, -1",
            "xyz10, xyz10, 0", "xyz10, xyz10.1, -1", "xyz.4, xyz.4, 0", "xyz.4, 8, -1", "8, xyz.4, 1", "xyz.4, 2, -1",
            "5.5p2, 5.6p1, -1", "5.6p1, 6.5p1, -1", "6.0.rc1, 6.0, 1", "10b2, 10a1, 1", "10a2, 10b2, -1",
            "1.0aa, 1.0aa, 0", "1.0a, 1.0aa, -1", "10.0001, 10.0001, 0", "10.0001, 10.1, 0", "10.0001, 10.0039, -1",
            "4.999.9, 5.0, -1", "20101121, 20101121, 0", "20101121, 20101122, -1", "2_0, 2_0, 0", "2.0, 2_0, 0",
            "a, a, 0", "a+, a+, 0", "a+, a_, 0", "+a, +a, 0", "+a, _a, 0", "+_, +_, 0", "_+, +_, 0", "1.0~rc1, 1.0~rc1, 0",
            "1.0~rc1, 1.0, -1", "1.0~rc1, 1.0~rc2, -1", "1.0~rc1~git123, 1.0~rc1, -1", "1.0^, 1.0^, 0", "1.0^, 1.0, 1",
            "1.0^git1, 1.0, 1", "1.0^git1, 1.0^git2, -1", "1.0^git1, 1.01, -1", "1.0^20160101, 1.0.1, -1",
            "1.0^20160101^git1, 1.0^20160101, 1", "1.0~rc1^git1, 1.0~rc1, 1", "1.0^git1~pre, 1.0^git1, -1",
            // epoch first, missing epoch 0; missing release sorts before any release
            "1:1.0, 2.0, 1", "0:1.0, 1.0, 0", "1.0-1, 1.0, 1", "1.0-1, 1.0-2, -1", "1.0-10.el9, 1.0-9.el9_2, 1",
            "2:1.2.3-4.fc40, 1:9.9-9, 1", "01:1.0, 1:1.0, 0", "99999999999999999999:1, 1:2, 1", "1.0-~rc, 1.0, 1",
    })
    void ordersAsRpm(String a, String b, int sign) {
        assertThat(rpm.compare(a, b)).isEqualTo(sign);
        assertThat(rpm.compare(b, a)).isEqualTo(-sign);
    }

    @Test
    void validity() {
        assertThat(rpm.isValid("1:3.0.7-27.el9")).isTrue();
        assertThat(rpm.isValid("1.0^git1~pre")).isTrue();
        OrderChecks.invalid(rpm, "", "1.0-", ":1.0", "a:1.0", "1.0 -1", "1.0-1-", "1:", "1.0/2", "é");
    }

    @Test
    void isAnOsvEcosystemScheme() {
        for (String eco : new String[]{"Red Hat:enterprise_linux:9::baseos", "AlmaLinux:9", "Rocky Linux:9", "openSUSE:Leap 15.5",
                "SUSE:Linux Enterprise Server 15 SP5"}) {
            assertThat(VersionScheme.forOsvEcosystem(eco)).get().extracting(VersionScheme::name).isEqualTo("rpm");
        }
    }
}
