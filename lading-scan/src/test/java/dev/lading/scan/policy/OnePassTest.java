package dev.lading.scan.policy;

import dev.lading.oci.ImageConfig;
import dev.lading.oci.layer.LayerEntry;
import dev.lading.oci.testing.TestImages;
import dev.lading.scan.FileSelector;
import dev.lading.scan.ImageFiles;
import dev.lading.scan.LayerVisitor;
import dev.lading.scan.efficiency.EfficiencyAnalyzer;
import dev.lading.scan.efficiency.EfficiencyReport;
import dev.lading.scan.secrets.ImageFixture;
import dev.lading.scan.secrets.SecretConfig;
import dev.lading.scan.secrets.SecretReport;
import dev.lading.scan.secrets.SecretScanner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the scan command drives every image analysis with one read of each layer: the visitors ride along the
 * walk that builds the final filesystem, and the policy reads that filesystem after. The results must be those
 * of each analysis run on its own.
 */
class OnePassTest {
    @TempDir
    Path tmp;

    @Test
    void secretsEfficiencyAndPolicyFromOneWalkMatchTheirSeparateRuns() throws Exception {
        String token = "ghp_" + "Zq9".repeat(12);
        TestImages.Layer l0 = ImageFixture.layer(LayerEntry.directory("bin", 0755), LayerEntry.file("bin/sh", 0755, "ELF"),
                LayerEntry.file("build.log", 0644, "GH=" + token + "\n" + "log ".repeat(100)));
        TestImages.Layer l1 = ImageFixture.layer(List.of(LayerEntry.whiteout("build.log"), LayerEntry.file("app/run", 0755, "ELF")));
        ImageConfig.Config run = ImageConfig.Config.EMPTY.withUser("10001").withEntrypoint(List.of("/app/run"));
        TestImages.Image image = ImageFixture.image(run, List.of("ADD base /", "COPY app /app"), Map.of(), List.of(l0, l1));

        try (ImageFixture.Opened o = ImageFixture.open(tmp, image)) {
            SecretScanner secrets = new SecretScanner(SecretConfig.DEFAULT);
            EfficiencyAnalyzer efficiency = new EfficiencyAnalyzer(o.image().config());
            List<String> warnings = new ArrayList<>();
            // the scan command passes the catalogers' selector and summarizer here, as SbomScanner does
            ImageFiles files = ImageFiles.read(o.reader(), o.image().manifest().layers(), FileSelector.none(), null,
                    ImageFiles.Limits.DEFAULT, warnings::add, LayerVisitor.all(List.of(secrets, efficiency)));
            SecretReport secretReport = secrets.report(o.image().config());
            EfficiencyReport efficiencyReport = efficiency.report();
            List<PolicyResult> policy = new ImagePolicy(PolicyConfig.DEFAULT).evaluate(o.image().config(), o.image().manifest(), files,
                    efficiencyReport.wastedBytes());

            assertThat(secretReport).isEqualTo(SecretScanner.scan(o.reader(), o.image(), SecretConfig.DEFAULT));
            assertThat(efficiencyReport).isEqualTo(EfficiencyAnalyzer.analyze(o.reader(), o.image()));
            assertThat(policy.subList(0, 5)).isEqualTo(ImagePolicy.check(o.reader(), o.image(), PolicyConfig.DEFAULT).subList(0, 5));

            assertThat(secretReport.findings()).singleElement().satisfies(f -> {
                assertThat(f.location()).isEqualTo("/build.log");
                assertThat(f.hidden()).isTrue();
            });
            assertThat(efficiencyReport.wastedBytes()).isEqualTo(l0Size(efficiencyReport));
            assertThat(policy.get(5).details()).contains("wasted: " + efficiencyReport.wastedBytes()
                    + " bytes in files overwritten or deleted by later layers");
            assertThat(policy.get(1).status()).isEqualTo(PolicyResult.Status.FAIL);
            assertThat(warnings).isEmpty();

            // every result is plain data a report can write as JSON
            String json = dev.lading.oci.Json.mapper().writeValueAsString(Map.of("secrets", secretReport, "efficiency", efficiencyReport,
                    "policy", policy));
            assertThat(json).contains("\"ruleId\":\"github-token\"", "\"wastedBytes\":" + efficiencyReport.wastedBytes(),
                    "\"id\":\"IM002\",\"status\":\"FAIL\"", "\"layer\":\"" + l0.descriptor().digest() + "\"");
            assertThat(json).doesNotContain(token.substring(4));
        }
    }

    private static long l0Size(EfficiencyReport r) {
        return r.inefficiencies().stream().filter(i -> i.path().equals("/build.log")).findFirst().orElseThrow().cumulativeBytes();
    }
}
