package dev.lading.lint.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lading.lint.LintConfig;
import dev.lading.lint.Severity;
import dev.lading.lint.Threshold;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @Test
    void readsHadolintsDocumentedKeys() throws Exception {
        LintConfig c = ConfigLoader.parse(Path.of(".hadolint.yaml"), """
                ignored: [DL3008, DL3015]
                override:
                  error: [DL3001]
                  info: [DL3032]
                failure-threshold: warning
                trustedRegistries: [docker.io, "my-company.com:5000"]
                label-schema:
                  author: text
                  version: semver
                strict-labels: true
                no-color: true
                """, true);
        assertThat(c.ignored()).containsExactlyInAnyOrder("DL3008", "DL3015");
        assertThat(c.overrides()).containsEntry("DL3001", Severity.ERROR).containsEntry("DL3032", Severity.INFO);
        assertThat(c.failureThreshold()).contains(Threshold.WARNING);
        assertThat(c.trustedRegistries()).containsExactly("docker.io", "my-company.com:5000");
        assertThat(c.requiredLabels()).containsEntry("version", "semver");
        assertThat(c.strictLabels()).isTrue();
    }

    @Test
    void readsLadingKeys() throws Exception {
        LintConfig c = ConfigLoader.parse(Path.of(".lading.yaml"), """
                ignore: [LD001]
                severity: {LD013: warning}
                failure-threshold: none
                trusted-registries: [ghcr.io]
                required-labels: {org.opencontainers.image.source: url}
                rules: {LD013: {reason: cli tool}}
                """, false);
        assertThat(c.ignored()).containsExactly("LD001");
        assertThat(c.overrides()).containsEntry("LD013", Severity.WARNING);
        assertThat(c.failureThreshold()).contains(Threshold.NONE);
        assertThat(c.trustedRegistries()).containsExactly("ghcr.io");
        assertThat(c.options("LD013")).containsEntry("reason", "cli tool");
    }

    @Test
    void mistakesNameTheFileAndTheKey() {
        assertThatThrownBy(() -> ConfigLoader.parse(Path.of("x/.lading.yaml"), "ignroe: [LD001]\n", false))
                .hasMessageContaining("x/.lading.yaml").hasMessageContaining("unknown key 'ignroe'");
        assertThatThrownBy(() -> ConfigLoader.parse(Path.of(".hadolint.yaml"), "override: {fatal: [DL1]}\n", true))
                .hasMessageContaining("'fatal' is not a severity");
        assertThatThrownBy(() -> ConfigLoader.parse(Path.of(".lading.yaml"), "failure-threshold: high\n", false))
                .hasMessageContaining("failure-threshold 'high'");
        assertThatThrownBy(() -> ConfigLoader.parse(Path.of(".lading.yaml"), "ignore: [\n", false))
                .hasMessageContaining("not valid YAML");
    }

    @Test
    void readsEnabledRulesAndTheProfile() throws Exception {
        LintConfig c = ConfigLoader.parse(Path.of(".lading.yaml"), "enable: [DL3057]\nenabled: DL1001\nprofile: \"2026.11\"\n", false);
        assertThat(c.enabled()).containsExactlyInAnyOrder("DL3057", "DL1001");
        assertThat(c.profile()).contains("2026.11");
        // unquoted, YAML reads a number; its text is the same profile name
        assertThat(ConfigLoader.parse(Path.of(".lading.yaml"), "profile: 2026.12\n", false).profile()).contains("2026.12");
        assertThatThrownBy(() -> ConfigLoader.parse(Path.of(".lading.yaml"), "profile: \"1999.01\"\n", false))
                .hasMessageContaining("profile '1999.01'").hasMessageContaining("2026.11");
        assertThatThrownBy(() -> ConfigLoader.parse(Path.of(".hadolint.yaml"), "profile: \"2026.11\"\n", true))
                .hasMessageContaining("unknown key 'profile'");
    }

    @Test
    void disableIgnorePragmaMakesDockerfileCommentsPowerless() throws Exception {
        LintConfig c = ConfigLoader.parse(Path.of(".hadolint.yaml"), "disable-ignore-pragma: true\n", true);
        assertThat(c.disableIgnorePragma()).isTrue();
        assertThat(ConfigLoader.parse(Path.of(".lading.yaml"), "ignore: [LD001]\n", false).merge(c).disableIgnorePragma()).isTrue();
        String df = "# hadolint global ignore=DL3007\nFROM debian:latest\n# hadolint ignore=DL3006\nFROM debian\n";
        List<dev.lading.lint.Rule> rules = List.of(new dev.lading.lint.rules.Dl3006UntaggedImage(), new dev.lading.lint.rules.Dl3007LatestTag());
        assertThat(new dev.lading.lint.Linter(rules, LintConfig.empty()).lint("Dockerfile", df)).isEmpty();
        assertThat(new dev.lading.lint.Linter(rules, c).lint("Dockerfile", df)).extracting(dev.lading.lint.Finding::ruleId)
                .containsExactly("DL3007", "DL3006");
    }

    @Test
    void emptyFileIsEmptyConfig() throws Exception {
        assertThat(ConfigLoader.parse(Path.of(".lading.yaml"), "", false).ignored()).isEmpty();
    }

    @Test
    void discoveryWalksUpAndMergesLadingOverHadolint(@TempDir Path dir) throws Exception {
        Path sub = Files.createDirectories(dir.resolve("a/b"));
        Files.writeString(sub.resolve("Dockerfile"), "FROM x\n");
        assertThat(ConfigLoader.discover(sub.resolve("Dockerfile")).ignored()).isEmpty();
        Files.writeString(dir.resolve(".hadolint.yaml"), "ignored: [DL3008]\nfailure-threshold: error\n");
        Files.writeString(dir.resolve(".lading.yaml"), "ignore: [LD001]\nfailure-threshold: style\n");
        LintConfig c = ConfigLoader.discover(sub.resolve("Dockerfile"));
        assertThat(c.ignored()).containsExactlyInAnyOrder("DL3008", "LD001");
        assertThat(c.failureThreshold()).contains(Threshold.STYLE);
        // the nearest directory wins
        Files.writeString(dir.resolve("a/.hadolint.yml"), "ignored: [DL3059]\n");
        assertThat(ConfigLoader.discover(sub.resolve("Dockerfile")).ignored()).containsExactly("DL3059");
    }

    @Test
    void oneRunsDirectoriesShareWhatDiscoveryFoundAboveThem(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(".lading.yaml"), "ignore: [LD001]\n");
        for (String d : List.of("svc/a", "svc/b", "own")) {
            Files.writeString(Files.createDirectories(dir.resolve(d)).resolve("Dockerfile"), "FROM x\n");
        }
        Files.writeString(dir.resolve("own/.hadolint.yaml"), "ignored: [DL3008]\n");
        Map<Path, LintConfig> memo = new HashMap<>();
        assertThat(ConfigLoader.discover(dir.resolve("svc/a/Dockerfile"), memo).ignored()).containsExactly("LD001");
        assertThat(memo).containsKeys(dir.resolve("svc/a"), dir.resolve("svc"), dir);
        assertThat(ConfigLoader.discover(dir.resolve("svc/b/Dockerfile"), memo).ignored()).containsExactly("LD001");
        // a directory with its own configuration still gets it, and the answers match a discovery without memory
        assertThat(ConfigLoader.discover(dir.resolve("own/Dockerfile"), memo).ignored()).containsExactly("DL3008");
        for (String d : List.of("svc/a", "svc/b", "own")) {
            assertThat(ConfigLoader.discover(dir.resolve(d + "/Dockerfile"), memo))
                    .isEqualTo(ConfigLoader.discover(dir.resolve(d + "/Dockerfile")));
        }
    }
}
