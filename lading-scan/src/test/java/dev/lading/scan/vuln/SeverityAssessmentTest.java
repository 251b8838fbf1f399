package dev.lading.scan.vuln;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;

import static org.assertj.core.api.Assertions.assertThat;

class SeverityAssessmentTest {
    static final String V3 = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N";                     // 7.5
    static final String V4 = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"; // 9.3
    static final String V2 = "AV:N/AC:L/Au:N/C:C/I:C/A:C";                                       // 10.0

    static SeverityAssessment assess(String severity, String databaseSpecific) throws Exception {
        String json = """
                {"id": "GHSA-xxxx-yyyy-zzzz", "modified": "2024-01-01T00:00:00Z", "severity": [%s], %s
                 "affected": [{"package": {"ecosystem": "PyPI", "name": "p"}}]}
                """.formatted(severity, databaseSpecific == null ? "" : "\"database_specific\": {\"severity\": \"" + databaseSpecific + "\"},");
        OsvRecord r = OsvReader.read(new ByteArrayInputStream(OsvTestData.utf8(json)), "t.json").get(0);
        return SeverityAssessment.of(r, r.affected().get(0));
    }

    static String score(String type, String vector) {
        return "{\"type\": \"" + type + "\", \"score\": \"" + vector + "\"}";
    }

    @Test
    void aV4VectorIsScoredWhenThereIsNoV3() throws Exception {
        SeverityAssessment a = assess(score("CVSS_V4", V4), "MODERATE");
        assertThat(a).isEqualTo(new SeverityAssessment(Severity.CRITICAL, 9.3, V4));
        assertThat(a.cvssVersion()).isEqualTo(4);
    }

    @Test
    void v3DecidesOverV4AndV2() throws Exception {
        SeverityAssessment a = assess(score("CVSS_V4", V4) + "," + score("CVSS_V2", V2) + "," + score("CVSS_V3", V3), null);
        assertThat(a).isEqualTo(new SeverityAssessment(Severity.HIGH, 7.5, V3));
        assertThat(a.cvssVersion()).isEqualTo(3);
    }

    @Test
    void v4DecidesOverV2() throws Exception {
        assertThat(assess(score("CVSS_V2", V2) + "," + score("CVSS_V4", V4), null).source()).isEqualTo(V4);
    }

    @Test
    void aV2VectorIsRatedOnTheV2Scale() throws Exception {
        SeverityAssessment a = assess(score("CVSS_V2", V2), "LOW");
        // v2 has no CRITICAL: 10.0 is HIGH
        assertThat(a).isEqualTo(new SeverityAssessment(Severity.HIGH, 10.0, V2));
        assertThat(a.cvssVersion()).isEqualTo(2);
        assertThat(assess(score("CVSS_V2", "AV:N/AC:H/Au:N/C:P/I:N/A:N"), null))
                .isEqualTo(new SeverityAssessment(Severity.LOW, 2.6, "AV:N/AC:H/Au:N/C:P/I:N/A:N"));
    }

    @Test
    void theDatabaseWordDecidesWhenNoVectorScores() throws Exception {
        assertThat(assess(score("CVSS_V4", "CVSS:4.0/AV:N"), "MODERATE"))
                .isEqualTo(new SeverityAssessment(Severity.MEDIUM, null, "database_specific: MODERATE"));
        assertThat(assess("", null)).isEqualTo(new SeverityAssessment(Severity.UNKNOWN, null, null));
    }
}
