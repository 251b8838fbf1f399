package dev.lading.scan.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScanConfigFileTest {
    @TempDir
    Path tmp;

    @Test
    void readsEverySettingOfTheScanSection() throws Exception {
        Path f = Files.writeString(tmp.resolve(".lading.yaml"), """
                lint: {ignored: [DL3008]}
                scan:
                  scanners: [secret, policy]
                  failOn: HIGH
                  exitCode: 4
                  policy:
                    allowTools: ["/usr/bin/pip*"]
                    allowDevPaths: "/app/.git/**"
                    disabledRules: [IM006]
                    requiredLabels: []
                    maxSize: 50MB
                    maxLayers: 12
                    healthcheckRequired: false
                  efficiency: {lowestEfficiency: 0.9, highestWastedBytes: 20MiB, highestUserWastedPercent: 0.2}
                  secrets: {allowPaths: ["/usr/share/doc/**"], allowRules: [jwt], allowValues: [EXAMPLE], disabledRules: [generic-assignment]}
                """);
        ScanConfigFile c = ScanConfigFile.read(f);
        assertThat(c.scanners()).containsExactly("secret", "policy");
        assertThat(c.failOn()).isEqualTo("HIGH");
        assertThat(c.exitCode()).isEqualTo(4);
        assertThat(c.policy()).isEqualTo(new ScanConfigFile.Policy(List.of("/usr/bin/pip*"), List.of("/app/.git/**"), List.of("IM006"), List.of(),
                50_000_000L, 12, false));
        assertThat(c.efficiency()).isEqualTo(new ScanConfigFile.Efficiency(0.9, 20L << 20, 0.2));
        assertThat(c.secrets().allowRules()).containsExactly("jwt");
        assertThat(c.secrets().disabledRules()).containsExactly("generic-assignment");
    }

    @Test
    void noScanSectionMeansNoSettings() throws Exception {
        ScanConfigFile c = ScanConfigFile.read(Files.writeString(tmp.resolve("a.yaml"), "lint: {}\n"));
        assertThat(c.scanners()).isNull();
        assertThat(c.policy().maxSize()).isNull();
        assertThat(ScanConfigFile.read(Files.writeString(tmp.resolve("empty.yaml"), "")).failOn()).isNull();
    }

    @Test
    void typosAndBadValuesNameTheFileAndKey() throws Exception {
        Path typo = Files.writeString(tmp.resolve("t.yaml"), "scan:\n  polcy: {}\n");
        assertThatThrownBy(() -> ScanConfigFile.read(typo)).hasMessageContaining("t.yaml").hasMessageContaining("scan.polcy");
        Path size = Files.writeString(tmp.resolve("s.yaml"), "scan:\n  policy: {maxSize: huge}\n");
        assertThatThrownBy(() -> ScanConfigFile.read(size)).hasMessageContaining("s.yaml").hasMessageContaining("scan.policy.maxSize");
        Path bool = Files.writeString(tmp.resolve("b.yaml"), "scan:\n  policy: {healthcheckRequired: maybe}\n");
        assertThatThrownBy(() -> ScanConfigFile.read(bool)).hasMessageContaining("scan.policy.healthcheckRequired");
        Path yaml = Files.writeString(tmp.resolve("y.yaml"), "scan: [\n");
        assertThatThrownBy(() -> ScanConfigFile.read(yaml)).hasMessageContaining("y.yaml: not valid YAML");
    }

    @Test
    void sizesAreDecimalOrBinaryAsGoHumanizeReadsThem() {
        assertThat(ByteSize.parse("50MB", "x")).isEqualTo(50_000_000L);
        assertThat(ByteSize.parse("20mib", "x")).isEqualTo(20L << 20);
        assertThat(ByteSize.parse("1.5 GB", "x")).isEqualTo(1_500_000_000L);
        assertThat(ByteSize.parse("1024", "x")).isEqualTo(1024);
        assertThat(ByteSize.parse("10B", "x")).isEqualTo(10);
        assertThatThrownBy(() -> ByteSize.parse("-1MB", "--max-size")).hasMessageContaining("--max-size");
    }

    @Test
    void scannerNames() {
        assertThat(Scanner.parse(List.of("vuln", "secret", "policy", "efficiency"), "--scanners")).containsExactly(Scanner.values());
        assertThatThrownBy(() -> Scanner.parse(List.of("dive"), "--scanners")).hasMessageContaining("--scanners").hasMessageContaining("dive");
    }
}
