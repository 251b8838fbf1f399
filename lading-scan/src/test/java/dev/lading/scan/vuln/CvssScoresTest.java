package dev.lading.scan.vuln;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CVSS v4.0 and v2 scores against the specifications' examples and against tables of scores a calculator
 * implementing the FIRST specifications computed (resources {@code /cvss/*.txt}, provenance in their headers).
 * Set {@code LADING_CVSS4_ORACLE} to a file of the same format (e.g. all 104,976 base vectors) to check more.
 */
class CvssScoresTest {

    @ParameterizedTest
    @CsvSource({
            "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H, 10.0",
            "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N, 9.3",
            "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:L/VA:L/SC:N/SI:N/SA:N, 6.9",
            // the FIRST reference calculator's own example: threat and environmental metrics take part
            "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:L/SC:N/SI:N/SA:N/E:A/MAV:A, 8.7",
            "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U, 8.1",
            "CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N, 0.0",
            // supplemental metrics do not change the score
            "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/S:P/AU:Y/R:I/V:C/RE:H/U:Red, 9.3",
    })
    void cvss4Examples(String vector, double score) {
        assertThat(Cvss4.score(vector)).contains(score);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "CVSS:4.0", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
            "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N",                 // SA missing
            "CVSS:4.0/AV:X/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",            // base metrics have no X
            "CVSS:4.0/AV:N/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",       // given twice
            "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:S/SA:N",            // S only for MSI/MSA
            "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/XX:Y"})
    void invalidCvss4VectorsHaveNoScore(String vector) {
        assertThat(Cvss4.score(vector)).isEmpty();
    }

    @Test
    void cvss4AgreesWithTheFirstCalculator() throws IOException {
        List<String> wrong = disagreements(read("/cvss/cvss4-scores.txt"), true);
        String more = System.getenv("LADING_CVSS4_ORACLE");
        if (more != null) {
            wrong.addAll(disagreements(Files.readAllLines(Path.of(more)), true));
        }
        assertThat(wrong).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "AV:N/AC:L/Au:N/C:N/I:N/A:C, 7.8",           // the v2 guide's CVE-2002-0392 example
            "AV:N/AC:L/Au:N/C:C/I:C/A:C, 10.0",          // CVE-2003-0818
            "AV:L/AC:H/Au:N/C:C/I:C/A:C, 6.2",           // CVE-2003-0062
            "(AV:N/AC:L/Au:N/C:P/I:P/A:P), 7.5",
            "CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P, 7.5",
            "AV:N/AC:L/Au:N/C:P/I:P/A:P/E:U/RL:OF/RC:C, 7.5",
            "AV:N/AC:L/Au:N/C:N/I:N/A:N, 0.0",
    })
    void cvss2Examples(String vector, double score) {
        assertThat(Cvss2.baseScore(vector)).contains(score);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "AV:N/AC:L/Au:N/C:P/I:P", "AV:N/AC:L/Au:N/C:P/I:P/A:X", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
            "AV:N/AC:L/Au:N/C:P/I:P/A:P/A:P"})
    void invalidCvss2VectorsHaveNoScore(String vector) {
        assertThat(Cvss2.baseScore(vector)).isEmpty();
    }

    @Test
    void cvss2AgreesWithTheGuideOnEveryBaseVector() throws IOException {
        List<String> lines = read("/cvss/cvss2-scores.txt");
        assertThat(lines).hasSize(729);
        assertThat(disagreements(lines, false)).isEmpty();
    }

    @Test
    void cvss2RatingHasNoCritical() {
        assertThat(Cvss2.severity(10.0)).isEqualTo(Severity.HIGH);
        assertThat(Cvss2.severity(6.9)).isEqualTo(Severity.MEDIUM);
        assertThat(Cvss2.severity(0.0)).isEqualTo(Severity.LOW);
    }

    private static List<String> disagreements(List<String> lines, boolean v4) {
        List<String> wrong = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] vs = line.strip().split(" ");
            double want = Double.parseDouble(vs[1]);
            var got = v4 ? Cvss4.score(vs[0]) : Cvss2.baseScore(vs[0]);
            if (got.isEmpty() || got.get() != want) {
                wrong.add(vs[0] + ": lading " + got.orElse(null) + ", calculator " + want);
            }
        }
        return wrong;
    }

    private static List<String> read(String resource) throws IOException {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                Objects.requireNonNull(CvssScoresTest.class.getResourceAsStream(resource)), StandardCharsets.UTF_8))) {
            return r.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        }
    }
}
