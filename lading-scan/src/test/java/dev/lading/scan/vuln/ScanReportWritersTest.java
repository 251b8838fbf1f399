package dev.lading.scan.vuln;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lading.oci.Digest;
import dev.lading.scan.CycloneDxScanWriter;
import dev.lading.scan.Ecosystem;
import dev.lading.scan.Package;
import dev.lading.scan.Sbom;
import dev.lading.scan.efficiency.EfficiencyGates;
import dev.lading.scan.efficiency.EfficiencyReport;
import dev.lading.scan.efficiency.Inefficiency;
import dev.lading.scan.efficiency.LayerEfficiency;
import dev.lading.scan.policy.PolicyResult;
import dev.lading.scan.secrets.SecretFinding;
import dev.lading.scan.secrets.SecretReport;
import dev.lading.scan.secrets.SecretRule;
import org.cyclonedx.Version;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Every format over a hand-made report with all four sections, hostile strings included. */
class ScanReportWritersTest {
    static final Digest L0 = Digest.sha256(new byte[]{1});
    static final Digest L1 = Digest.sha256(new byte[]{3});
    static final String EVIL = "<script>alert('x')</script>&\"";

    static ScanReport report() {
        Package zlib = new Package(Ecosystem.DEB, "zlib1g", "1.2.13", "pkg:deb/debian/zlib1g@1.2.13?arch=amd64&distro=debian-12", List.of(),
                "amd64", new Package.Source("zlib", "1.2.13"), L0, "/var/lib/dpkg/status");
        Package evil = new Package(Ecosystem.NPM, EVIL, "1.0.0", "pkg:npm/evil@1.0.0", List.of("MIT"), null, null, L1,
                "/app/node_modules/" + EVIL + "/package.json");
        Sbom sbom = new Sbom(new Sbom.Subject("test:" + EVIL, Digest.sha256(new byte[]{2}), "linux/amd64", List.of(L0, L1), null),
                VulnerabilityMatcherTest.DEBIAN_12, List.of(zlib, evil), List.of());
        VulnerabilityFinding dsa = new VulnerabilityFinding("DSA-0001-1", List.of("CVE-2099-0001"), "overflow in " + EVIL,
                new SeverityAssessment(Severity.CRITICAL, 9.8, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"), zlib, "Debian:12", "zlib", "1.2.13",
                "1.2.13.1");
        VulnerabilityFinding npm = new VulnerabilityFinding("GHSA-evil", List.of(), null, new SeverityAssessment(Severity.MEDIUM, null,
                "database_specific: MODERATE"), evil, "npm", EVIL, "1.0.0", null);
        DbMetadata db = new DbMetadata(Instant.parse("2026-12-01T10:00:00Z"), List.of(), java.util.Map.of("npm", 1), 2, null);
        VulnerabilityReport vulns = new VulnerabilityReport(List.of(dsa, npm), List.of(), 0, List.of(), List.of(), 2, db);
        SecretReport secrets = new SecretReport(List.of(new SecretFinding("github-token", "GitHub token", SecretRule.Severity.CRITICAL,
                SecretRule.Source.FILE, 1, L1, "/app/" + EVIL + ".env", 3, "ghp_Zq****", true)), 0, List.of());
        List<PolicyResult> policy = List.of(PolicyResult.pass("IM001", "runs as 10001", List.of()),
                PolicyResult.fail("IM002", "1 shell", List.of("/bin/sh")), PolicyResult.warn("IM006", "labels", List.of(EVIL)));
        EfficiencyReport eff = new EfficiencyReport(List.of(
                new LayerEfficiency(0, L0, "ADD " + EVIL, 100, 2048, 2000, 3, 2000, 0, 0, 0, 0),
                new LayerEfficiency(1, L1, null, 50, 1024, 1000, 1, 1000, 0, 0, 1, 500)), 150, 3072, 3000, 1000, 500, 0.5, 0.8,
                List.of(new Inefficiency("/app/" + EVIL, 2, 500, List.of(0, 1))));
        return new ScanReport(sbom, Optional.of(vulns), Optional.of(secrets), Optional.of(policy),
                Optional.of(new ScanReport.Efficiency(eff, new EfficiencyGates(0.9, null, null).evaluate(eff))));
    }

    static String write(ScanReportWriter.Format f, ScanReport r) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ScanReportWriter.write(f, r, Instant.parse("2026-12-01T12:00:00Z"), out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void tableHasEverySummaryBeforeAnyFinding() throws Exception {
        String t = write(ScanReportWriter.Format.TABLE, report());
        assertThat(t).containsSubsequence("Vulnerabilities: 2", "Secrets: 1 (CRITICAL: 1", "Policy: FAIL: 1, WARN: 1, PASS: 1, SKIP: 0",
                "Efficiency: score 0.8000, 500 bytes wasted (50.0% of user bytes); gates: FAIL: 1",
                "CRITICAL (1)", "DSA-0001-1", "MEDIUM (1)", "GHSA-evil", "Secrets CRITICAL (1)", "github-token",
                "Image policy", "PASS  IM001", "FAIL  IM002", "/bin/sh", "WARN  IM006",
                "Layers (2;", "Wasted space", "500", "Efficiency gates", "FAIL  lowestEfficiency", "SKIP  highestWastedBytes");
    }

    @Test
    void jsonHasOneKeyPerSectionAndIsStable() throws Exception {
        String json = write(ScanReportWriter.Format.JSON, report());
        assertThat(write(ScanReportWriter.Format.JSON, report())).isEqualTo(json);
        JsonNode doc = OsvReader.MAPPER.readTree(json);
        assertThat(doc.fieldNames()).toIterable().containsExactly("schemaVersion", "artifact", "vulnerabilities", "secrets", "policy",
                "efficiency", "packages");
        assertThat(doc.at("/secrets/findings/0/layer").asText()).isEqualTo(L1.toString());
        assertThat(doc.at("/policy/summary/FAIL").asInt()).isEqualTo(1);
        assertThat(doc.at("/efficiency/gates/0/status").asText()).isEqualTo("FAIL");
        assertThat(doc.at("/efficiency/inefficiencies/0/cumulativeBytes").asLong()).isEqualTo(500);
        assertThat(doc.at("/packages/1/name").asText()).isEqualTo(EVIL);
    }

    @Test
    void sarifHasVulnerabilitiesSecretsAndPolicyFailures() throws Exception {
        JsonNode doc = OsvReader.MAPPER.readTree(write(ScanReportWriter.Format.SARIF, report()));
        JsonNode run = doc.at("/runs/0");
        assertThat(run.get("results").findValuesAsText("ruleId")).containsExactlyInAnyOrder("secret/github-token", "policy/IM002",
                "policy/lowestEfficiency", "DSA-0001-1", "GHSA-evil");
        for (JsonNode r : run.get("results")) {
            assertThat(run.at("/tool/driver/rules/" + r.get("ruleIndex").asInt() + "/id").asText()).isEqualTo(r.get("ruleId").asText());
            assertThat(r.at("/locations/0/physicalLocation/artifactLocation/uri").asText()).doesNotContain("<", " ");
        }
    }

    @Test
    void cycloneDxIsValidWithVulnerabilitiesPointingAtComponents() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CycloneDxScanWriter.write(report(), new dev.lading.scan.SbomWriter.Options(null, "test"), out);
        byte[] bytes = out.toByteArray();
        assertThat(new JsonParser().validate(bytes, Version.VERSION_16)).isEmpty();
        JsonNode bom = OsvReader.MAPPER.readTree(bytes);
        assertThat(bom.get("vulnerabilities")).hasSize(2);
        JsonNode dsa = bom.at("/vulnerabilities/0");
        assertThat(dsa.get("id").asText()).isEqualTo("DSA-0001-1");
        assertThat(dsa.at("/ratings/0/vector").asText()).startsWith("CVSS:3.1/");
        assertThat(dsa.at("/affects/0/ref").asText()).isEqualTo(bom.at("/components/0/bom-ref").asText());
        assertThat(dsa.get("recommendation").asText()).isEqualTo("Upgrade to zlib1g 1.2.13.1");
        assertThat(bom.at("/vulnerabilities/1/ratings/0/severity").asText()).isEqualTo("medium");
        assertThat(bom.at("/vulnerabilities/1/ratings/0/method").asText()).isEqualTo("other");
    }

    @Test
    void cycloneDxRatesCvss4AndCvss2VectorsByTheirMethod() throws Exception {
        ScanReport base = report();
        VulnerabilityReport v = base.vulnerabilities().orElseThrow();
        VulnerabilityFinding dsa = v.findings().get(0);
        String v4 = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N";
        String v2 = "AV:N/AC:L/Au:N/C:P/I:P/A:P";
        List<VulnerabilityFinding> findings = List.of(
                new VulnerabilityFinding("GHSA-four", List.of(), null, new SeverityAssessment(Severity.CRITICAL, 9.3, v4), dsa.pkg(),
                        "Debian:12", "zlib", "1.2.13", null),
                new VulnerabilityFinding("GHSA-two", List.of(), null, new SeverityAssessment(Severity.HIGH, 7.5, v2), dsa.pkg(),
                        "Debian:12", "zlib", "1.2.13", null));
        ScanReport report = new ScanReport(base.sbom(), Optional.of(new VulnerabilityReport(findings, List.of(), 0, List.of(), List.of(), 1,
                v.database())), Optional.empty(), Optional.empty(), Optional.empty());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CycloneDxScanWriter.write(report, new dev.lading.scan.SbomWriter.Options(null, "test"), out);
        assertThat(new JsonParser().validate(out.toByteArray(), Version.VERSION_16)).isEmpty();
        JsonNode bom = OsvReader.MAPPER.readTree(out.toByteArray());
        assertThat(bom.at("/vulnerabilities/0/ratings/0/method").asText()).isEqualTo("CVSSv4");
        assertThat(bom.at("/vulnerabilities/0/ratings/0/score").asDouble()).isEqualTo(9.3);
        assertThat(bom.at("/vulnerabilities/0/ratings/0/vector").asText()).isEqualTo(v4);
        assertThat(bom.at("/vulnerabilities/1/ratings/0/method").asText()).isEqualTo("CVSSv2");
        assertThat(bom.at("/vulnerabilities/1/ratings/0/score").asDouble()).isEqualTo(7.5);
    }

    @Test
    void htmlEscapesEverythingFromTheImage() throws Exception {
        String html = write(ScanReportWriter.Format.HTML, report());
        assertThat(html).doesNotContain("<script", "alert('x')").contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;");
        assertThat(html).contains("<svg", "<rect", "DSA-0001-1", "github-token", "IM002", "lowestEfficiency", "zlib1g");
        assertThat(HtmlReportWriter.esc("a\u0001b")).isEqualTo("a\uFFFDb");
        assertThat(HtmlReportWriter.human(1536)).isEqualTo("1.5 KiB");
    }

    @Test
    void sectionsThatDidNotRunAreLeftOut() throws Exception {
        ScanReport full = report();
        ScanReport secretsOnly = new ScanReport(full.sbom(), Optional.empty(), full.secrets(), Optional.empty(), Optional.empty());
        JsonNode doc = OsvReader.MAPPER.readTree(write(ScanReportWriter.Format.JSON, secretsOnly));
        assertThat(doc.has("vulnerabilities") || doc.has("policy") || doc.has("efficiency")).isFalse();
        assertThat(write(ScanReportWriter.Format.TABLE, secretsOnly)).doesNotContain("Vulnerabilities:", "Policy:", "Efficiency:");
        assertThat(write(ScanReportWriter.Format.HTML, secretsOnly)).doesNotContain("<svg");
    }
}
