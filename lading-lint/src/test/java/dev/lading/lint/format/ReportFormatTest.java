package dev.lading.lint.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lading.dockerfile.SourceRange;
import dev.lading.lint.Finding;
import dev.lading.lint.Rule;
import dev.lading.lint.Severity;
import dev.lading.lint.rules.Dl3008AptPin;
import dev.lading.lint.rules.Ld004PinnedFrom;
import dev.lading.lint.rules.Ld013Healthcheck;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * Golden files in src/test/resources/golden: the exact output for a fixed set of findings. To update one
 * after a deliberate change, run with LADING_UPDATE_GOLDEN=true in the environment and review the diff.
 */
class ReportFormatTest {
    static final List<Rule> RULES = List.of(new Ld004PinnedFrom(), new Dl3008AptPin(), new Ld013Healthcheck());
    static final List<Finding> FINDINGS = List.of(
            new Finding("LD004", Severity.WARNING, "'debian:12' is not pinned by digest: write debian:12@sha256:<digest>",
                    "app/Dockerfile", SourceRange.of(1, 1, 1, 15), "docs/rules/LD004.md"),
            new Finding("DL3008", Severity.ERROR, "apt package 'curl' is not pinned: write curl=<version> & \"quote\" <x>",
                    "app/Dockerfile", SourceRange.of(3, 1, 4, 22), "https://github.com/hadolint/hadolint/wiki/DL3008"),
            new Finding("LD013", Severity.INFO, "the final stage has no HEALTHCHECK",
                    "other dir/Containerfile", SourceRange.of(2, 1, 2, 10), "docs/rules/LD013.md"),
            new Finding("LD004", Severity.WARNING, "'debian:latest' uses the moving tag latest",
                    "app/Dockerfile", SourceRange.of(5, 1, 5, 18), "docs/rules/LD004.md", List.of("DL3007")));

    @ParameterizedTest
    @EnumSource(ReportFormat.class)
    void matchesGolden(ReportFormat format) throws IOException {
        String actual = format.render(FINDINGS, RULES, false);
        String name = "golden/report." + format.label();
        if ("true".equals(System.getenv("LADING_UPDATE_GOLDEN"))) {
            Path p = Path.of("src/test/resources", name);
            Files.createDirectories(p.getParent());
            Files.writeString(p, actual);
        }
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as("golden file " + name).isNotNull();
            assertThat(actual).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void textHasColourOnlyWhenAsked() {
        assertThat(ReportFormat.TEXT.render(FINDINGS, RULES, false)).doesNotContain("\u001b[");
        assertThat(ReportFormat.TEXT.render(FINDINGS, RULES, true)).contains("\u001b[1;31merror\u001b[0m");
    }

    @Test
    void sarifHasTheStructureGithubCodeScanningNeeds() throws IOException {
        JsonNode root = new ObjectMapper().readTree(ReportFormat.SARIF.render(FINDINGS, RULES, false));
        assertThat(root.get("version").asText()).isEqualTo("2.1.0");
        JsonNode run = root.get("runs").get(0);
        JsonNode rules = run.get("tool").get("driver").get("rules");
        assertThat(rules).hasSize(3);
        assertThat(run.get("tool").get("driver").get("name").asText()).isEqualTo("lading");
        JsonNode results = run.get("results");
        assertThat(results).hasSize(4);
        for (JsonNode r : results) {
            String id = r.get("ruleId").asText();
            assertThat(rules.get(r.get("ruleIndex").asInt()).get("id").asText()).isEqualTo(id);
            assertThat(r.get("level").asText()).isIn("error", "warning", "note");
            JsonNode loc = r.get("locations").get(0).get("physicalLocation");
            assertThat(loc.get("artifactLocation").get("uri").asText()).doesNotContain(" ").doesNotContain("\\");
            assertThat(loc.get("region").get("startLine").asInt()).isPositive();
            assertThat(r.get("message").get("text").asText()).isNotBlank();
        }
        assertThat(results.get(2).get("locations").get(0).get("physicalLocation").get("artifactLocation").get("uri").asText())
                .isEqualTo("other%20dir/Containerfile");
        assertThat(results.get(2).get("level").asText()).isEqualTo("note");
        // twins: one result under the primary rule, the other IDs in the property bag
        assertThat(results.get(3).get("ruleId").asText()).isEqualTo("LD004");
        assertThat(results.get(3).get("properties").get("alsoReportedAs").get(0).asText()).isEqualTo("DL3007");
        assertThat(results.get(3).get("properties").get("ids").asText()).isEqualTo("LD004/DL3007");
        assertThat(results.get(0).has("properties")).isFalse();
    }

    @Test
    void sarifDescribesIdsThatAreNotRulesSoEveryResultHasARuleIndex() throws IOException {
        List<Finding> more = new java.util.ArrayList<>(FINDINGS);
        more.add(new Finding("SC2086", Severity.INFO, "Double quote to prevent globbing and word splitting.", "Dockerfile",
                dev.lading.dockerfile.SourceRange.of(3, 10, 3, 14), "https://www.shellcheck.net/wiki/SC2086"));
        more.add(new Finding("DL3043", Severity.ERROR, "ONBUILD FROM isn't allowed", "Dockerfile",
                dev.lading.dockerfile.SourceRange.of(2, 1, 2, 1), "https://github.com/hadolint/hadolint/wiki/DL3043"));
        JsonNode run = new ObjectMapper().readTree(ReportFormat.SARIF.render(more, RULES, false)).get("runs").get(0);
        JsonNode rules = run.get("tool").get("driver").get("rules");
        for (JsonNode r : run.get("results")) {
            assertThat(rules.get(r.get("ruleIndex").asInt()).get("id").asText()).isEqualTo(r.get("ruleId").asText());
        }
        assertThat(rules.get(rules.size() - 2).get("helpUri").asText()).isEqualTo("https://www.shellcheck.net/wiki/SC2086");
    }

    @Test
    void twinsAreNamedTogetherInTextAndJson() throws IOException {
        assertThat(ReportFormat.TEXT.render(FINDINGS, RULES, false)).contains("app/Dockerfile:5:1 LD004/DL3007 warning:");
        JsonNode json = new ObjectMapper().readTree(ReportFormat.JSON.render(FINDINGS, RULES, false));
        assertThat(json.get(3).get("code").asText()).isEqualTo("LD004/DL3007");
        assertThat(json.get(3).get("codes")).hasSize(2);
        assertThat(json.get(0).get("codes").get(0).asText()).isEqualTo("LD004");
    }

    @Test
    void checkstyleIsWellFormedXml() throws Exception {
        byte[] xml = ReportFormat.CHECKSTYLE.render(FINDINGS, RULES, false).getBytes(StandardCharsets.UTF_8);
        Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        assertThat(d.getElementsByTagName("file").getLength()).isEqualTo(2);
        assertThat(d.getElementsByTagName("error").item(1).getAttributes().getNamedItem("message").getNodeValue())
                .contains("& \"quote\" <x>");
    }

    @Test
    void gitlabFingerprintsAreStableAndDistinct() throws IOException {
        JsonNode a = new ObjectMapper().readTree(ReportFormat.GITLAB.render(FINDINGS, RULES, false));
        JsonNode b = new ObjectMapper().readTree(ReportFormat.GITLAB.render(FINDINGS, RULES, false));
        assertThat(a).isEqualTo(b);
        assertThat(a.get(0).get("fingerprint").asText()).isNotEqualTo(a.get(1).get("fingerprint").asText());
        assertThat(a.get(1).get("severity").asText()).isEqualTo("critical");
        assertThat(a.get(0).get("location").get("lines").get("begin").asInt()).isEqualTo(1);
    }
}
