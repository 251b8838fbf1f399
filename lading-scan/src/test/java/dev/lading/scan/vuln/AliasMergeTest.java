package dev.lading.scan.vuln;

import dev.lading.scan.Ecosystem;
import dev.lading.scan.Package;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static dev.lading.scan.vuln.VulnerabilityMatcherTest.DEBIAN_12;
import static dev.lading.scan.vuln.VulnerabilityMatcherTest.LAYER;
import static dev.lading.scan.vuln.VulnerabilityMatcherTest.deb;
import static dev.lading.scan.vuln.VulnerabilityMatcherTest.rec;
import static dev.lading.scan.vuln.VulnerabilityMatcherTest.sbom;
import static org.assertj.core.api.Assertions.assertThat;

/** The same vulnerability published under several ids is one finding per package. */
class AliasMergeTest {
    @TempDir
    Path tmp;

    static final String V3_HIGH = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N";

    static String pypi(String id, List<String> aliases, String fixed, String severity) {
        return """
                {"id": "%s", "modified": "2024-01-01T00:00:00Z", "aliases": [%s], "summary": "summary of %s", %s
                 "affected": [{"package": {"ecosystem": "PyPI", "name": "requests"},
                   "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}%s]}]}]}
                """.formatted(id, String.join(",", aliases.stream().map(a -> "\"" + a + "\"").toList()), id,
                severity == null ? "" : "\"severity\": [{\"type\": \"CVSS_V3\", \"score\": \"" + severity + "\"}],",
                fixed == null ? "" : ", {\"fixed\": \"" + fixed + "\"}");
    }

    static Package requests(String version) {
        return new Package(Ecosystem.PYPI, "requests", version, "pkg:pypi/requests@" + version, List.of(), null, null, LAYER,
                "/usr/lib/python3/site-packages/requests-" + version + ".dist-info/METADATA");
    }

    static VulnerabilityMatcher.Result match(List<String> records, dev.lading.scan.Sbom sbom) throws Exception {
        List<OsvRecord> rs = new ArrayList<>();
        for (String r : records) {
            rs.add(rec(r));
        }
        return new VulnerabilityMatcher(new MemoryOsvIndex(rs), DottedScheme.ALL).match(sbom);
    }

    static final List<String> REQUESTS_RECORDS = List.of(
            // GHSA and PYSEC name each other; the GHSA has the score, the PYSEC the higher fix
            pypi("GHSA-aaaa-bbbb-cccc", List.of("CVE-2099-1000", "PYSEC-2099-10"), "2.0", V3_HIGH),
            pypi("PYSEC-2099-10", List.of("GHSA-aaaa-bbbb-cccc"), "2.1", null),
            // a CVE record with no fix, tied in only through the GHSA's aliases
            pypi("CVE-2099-1000", List.of(), null, null),
            // another vulnerability of the same package
            pypi("GHSA-dddd-eeee-ffff", List.of("CVE-2099-2000"), "3.0", null));

    @Test
    void recordsNamingEachOtherAreOneFindingWithEveryIdTheHighestFixAndTheWorstSeverity() throws Exception {
        VulnerabilityMatcher.Result r = match(REQUESTS_RECORDS, sbom(Optional.empty(), requests("1.0")));
        assertThat(r.findings()).hasSize(2);
        VulnerabilityFinding f = r.findings().stream().filter(x -> x.isKnownAs("CVE-2099-1000")).findFirst().orElseThrow();
        // PyPI's own database (PYSEC) is primary among the records with a fix
        assertThat(f.id()).isEqualTo("PYSEC-2099-10");
        assertThat(f.aliases()).containsExactly("CVE-2099-1000", "GHSA-aaaa-bbbb-cccc");
        assertThat(f.fixed()).isEqualTo("2.1");
        assertThat(f.severity()).isEqualTo(new SeverityAssessment(Severity.HIGH, 7.5, V3_HIGH));
        assertThat(f.summary()).isEqualTo("summary of PYSEC-2099-10");
        assertThat(r.findings()).extracting(VulnerabilityFinding::id).contains("GHSA-dddd-eeee-ffff");
    }

    @Test
    void aRecordWithAFixIsPrimaryOverTheEcosystemsOwnWithout() throws Exception {
        VulnerabilityMatcher.Result r = match(List.of(
                pypi("PYSEC-2099-10", List.of("CVE-2099-1000"), null, null),
                pypi("GHSA-aaaa-bbbb-cccc", List.of("CVE-2099-1000"), "2.0", null)), sbom(Optional.empty(), requests("1.0")));
        assertThat(r.findings()).singleElement().satisfies(f -> {
            assertThat(f.id()).isEqualTo("GHSA-aaaa-bbbb-cccc");
            assertThat(f.aliases()).containsExactly("CVE-2099-1000", "PYSEC-2099-10");
            assertThat(f.fixed()).isEqualTo("2.0");
        });
    }

    @Test
    void theRuleIsDeterministicWhateverTheRecordOrder() throws Exception {
        List<String> reversed = new ArrayList<>(REQUESTS_RECORDS);
        java.util.Collections.reverse(reversed);
        assertThat(match(reversed, sbom(Optional.empty(), requests("1.0"))).findings())
                .isEqualTo(match(REQUESTS_RECORDS, sbom(Optional.empty(), requests("1.0"))).findings());
    }

    @Test
    void aDistroAdvisoryIsPrimaryOverTheDistrosCveRecord() throws Exception {
        String dsa = """
                {"id": "DSA-9999-1", "modified": "2024-01-01T00:00:00Z", "aliases": ["CVE-2099-3000"],
                 "affected": [{"package": {"ecosystem": "Debian:12", "name": "zlib"},
                   "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1.2.13.1"}]}]}]}""";
        String cve = """
                {"id": "DEBIAN-CVE-2099-3000", "modified": "2024-01-01T00:00:00Z", "aliases": ["CVE-2099-3000"],
                 "database_specific": {"severity": "high"},
                 "affected": [{"package": {"ecosystem": "Debian:12", "name": "zlib"},
                   "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}]}]}]}""";
        VulnerabilityMatcher.Result r = match(List.of(cve, dsa), sbom(DEBIAN_12,
                deb("zlib1g", "1.2.13", "zlib", "1.2.13"), deb("libz-dev", "1.2.13", "zlib", "1.2.13")));
        // once per package
        assertThat(r.findings()).hasSize(2).allSatisfy(f -> {
            assertThat(f.id()).isEqualTo("DSA-9999-1");
            assertThat(f.aliases()).containsExactly("CVE-2099-3000", "DEBIAN-CVE-2099-3000");
            assertThat(f.fixed()).isEqualTo("1.2.13.1");
            assertThat(f.severity().severity()).isEqualTo(Severity.HIGH);
        });
    }

    @Test
    void ignoreFilesAndVexMatchAnyIdOfAMergedFinding() throws Exception {
        VulnerabilityMatcher.Result r = match(REQUESTS_RECORDS, sbom(Optional.empty(), requests("1.0")));
        Path ignore = tmp.resolve(".ladingignore");
        Files.writeString(ignore, "GHSA-aaaa-bbbb-cccc requests # reviewed\n");
        Path vex = tmp.resolve("vex.json");
        Files.writeString(vex, """
                {"statements": [{"vulnerability": {"name": "CVE-2099-2000"}, "products": [{"@id": "pkg:pypi/requests"}],
                 "status": "not_affected", "justification": "vulnerable_code_not_in_execute_path"}]}""");
        VulnerabilityReport report = VulnerabilityReport.of(r, MemoryOsvIndex.read(List.of(OsvTestData.records()), VulnerabilityDatabaseTest.CLOCK).metadata(),
                new VulnerabilityReport.Options(Set.of(), false, List.of(IgnoreFile.read(ignore)), List.of(Vex.read(vex)),
                        LocalDate.parse("2026-12-01")));
        assertThat(report.findings()).isEmpty();
        assertThat(report.suppressed()).extracting(s -> s.finding().id()).containsExactlyInAnyOrder("PYSEC-2099-10", "GHSA-dddd-eeee-ffff");
    }
}
