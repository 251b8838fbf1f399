package dev.lading.scan.vuln;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Base scores from the CVSS v3.1 specification's worked examples (first.org, "CVSS v3.1 Examples"). */
class Cvss3Test {

    @ParameterizedTest
    @CsvSource({
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H, 9.8, CRITICAL",
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H, 10.0, CRITICAL",
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N, 7.5, HIGH",      // Heartbleed, CVE-2014-0160
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N, 6.1, MEDIUM",    // phpMyAdmin XSS, CVE-2013-1937
            "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N, 6.4, MEDIUM",    // MySQL stored SQLi, CVE-2013-0375
            "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N, 3.1, LOW",       // POODLE, CVE-2014-3566
            "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H, 9.9, CRITICAL",  // VMware guest-to-host, CVE-2012-1516
            "CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:U/C:L/I:L/A:L, 4.2, MEDIUM",    // Tomcat, CVE-2009-0783
            "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H, 8.8, HIGH",      // Cisco IOS, CVE-2012-0384
            "CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H, 7.8, HIGH",      // Apple iWork, CVE-2015-1098
            "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:N, 7.4, HIGH",      // OpenSSL CCS injection, CVE-2014-0224
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H, 9.6, CRITICAL",  // Chrome sandbox escape, CVE-2012-5376
            "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:H/I:N/A:N, 6.8, MEDIUM",    // the OSV schema's example vector
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N, 0.0, NONE",
            "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H, 9.8, CRITICAL",
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O, 9.8, CRITICAL", // temporal metrics ignored
    })
    void baseScores(String vector, double score, Severity severity) {
        assertThat(Cvss3.baseScore(vector)).contains(score);
        assertThat(Severity.ofScore(score)).isEqualTo(severity);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H",
            "CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
            "CVSS:4.0/AV:N/AC:L/AT:N/PR:H/UI:N/VC:L/VI:L/VA:N/SC:N/SI:N/SA:N", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:Q/C:H/I:H/A:H"})
    void invalidVectorsHaveNoScore(String vector) {
        assertThat(Cvss3.baseScore(vector)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void roundUpAvoidsFloatingPointNoise() {
        assertThat(Cvss3.roundUp31(4.000000000000001)).isEqualTo(4.0);
        assertThat(Cvss3.roundUp31(4.02)).isEqualTo(4.1);
        assertThat(Cvss3.roundUp30(4.02)).isEqualTo(4.1);
    }
}
