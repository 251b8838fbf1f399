package dev.lading.scan.secrets;

import dev.lading.oci.ImageConfig;
import dev.lading.oci.Json;
import dev.lading.oci.layer.LayerEntry;
import dev.lading.oci.testing.TestImages;
import dev.lading.scan.secrets.SecretRule.Source;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.lading.scan.secrets.Fakes.alnum;
import static dev.lading.scan.secrets.Fakes.scanFile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretScannerTest {
    @TempDir
    Path tmp;

    private final String github = "ghp_" + alnum(36, 100);
    private final String npm = "npm_" + alnum(36, 101);
    private final String akid = "AKIA" + Fakes.random(Fakes.UPPER_B32, 16, 102);
    private final String urlPassword = alnum(18, 103);
    private final String dbPassword = "Pw" + alnum(10, 104);

    private SecretReport scan(TestImages.Image image, SecretConfig config) throws Exception {
        try (ImageFixture.Opened o = ImageFixture.open(tmp, image)) {
            return SecretScanner.scan(o.reader(), o.image(), config);
        }
    }

    @Test
    void filesThatALaterLayerDeletesOrReplacesAreReportedWithTheLayerThatHoldsThem() throws Exception {
        TestImages.Layer l0 = ImageFixture.layer(Map.of("app/.env", "API_TOKEN=" + dbPassword + "\n", "app/deploy.sh", "GH=" + github + "\n",
                "secrets/ci/key.txt", "NPM=" + npm + "\n"));
        TestImages.Layer l1 = ImageFixture.layer(List.of(LayerEntry.whiteout("app/.env"), LayerEntry.file("app/deploy.sh", 0644, "echo clean\n"),
                LayerEntry.whiteout("secrets")));
        TestImages.Layer l2 = ImageFixture.layer(Map.of("app/late.sh", "GH=" + github + "\n"));
        SecretReport r = scan(ImageFixture.image(l0, l1, l2), SecretConfig.DEFAULT);

        assertThat(r.findings()).extracting(SecretFinding::location, SecretFinding::ruleId, SecretFinding::layerIndex, SecretFinding::hidden)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("/app/.env", "dotenv-secret", 0, true),
                        org.assertj.core.groups.Tuple.tuple("/app/deploy.sh", "github-token", 0, true),
                        org.assertj.core.groups.Tuple.tuple("/secrets/ci/key.txt", "npm-token", 0, true),
                        org.assertj.core.groups.Tuple.tuple("/app/late.sh", "github-token", 2, false));
        assertThat(r.findings().get(0).layer()).isEqualTo(l0.descriptor().digest());
        assertThat(r.findings().get(3).layer()).isEqualTo(l2.descriptor().digest());
    }

    @Test
    void anOpaqueDirectoryHidesWhatLowerLayersPutInItButNotWhatItsOwnLayerAdds() throws Exception {
        TestImages.Layer l0 = ImageFixture.layer(List.of(LayerEntry.directory("conf", 0755), LayerEntry.file("conf/old.sh", 0644, "GH=" + github + "\n")));
        TestImages.Layer l1 = ImageFixture.layer(List.of(LayerEntry.directory("conf", 0755), LayerEntry.opaque("conf"),
                LayerEntry.file("conf/new.sh", 0644, "NPM=" + npm + "\n")));
        SecretReport r = scan(ImageFixture.image(l0, l1), SecretConfig.DEFAULT);
        assertThat(r.findings()).extracting(SecretFinding::location, SecretFinding::layerIndex, SecretFinding::hidden)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("/conf/old.sh", 0, true),
                        org.assertj.core.groups.Tuple.tuple("/conf/new.sh", 1, false));
    }

    @Test
    void envLabelsAndHistoryAreScanned() throws Exception {
        ImageConfig.Config run = ImageConfig.Config.EMPTY
                .withEnv(List.of("PATH=/usr/bin:/bin", "AWS_ACCESS_KEY_ID=" + akid, "DB_PASSWORD=" + dbPassword, "DB_PASSWORD_FILE=/run/secrets/db"))
                .withLabels(Map.of("org.opencontainers.image.source", "https://ci:" + urlPassword + "@git.corp/app.git",
                        "org.opencontainers.image.version", "1.0"));
        List<String> history = List.of("ADD rootfs.tar /", "RUN |1 NPM_TOKEN=" + npm + " /bin/sh -c npm ci", "ENV GREETING=hello");
        TestImages.Layer l0 = ImageFixture.layer(Map.of("etc/hostname", "box\n"));
        TestImages.Layer l1 = ImageFixture.layer(Map.of("app/index.js", "console.log(1)\n"));
        SecretReport r = scan(ImageFixture.image(run, history, null, List.of(l0, l1)), SecretConfig.DEFAULT);

        assertThat(r.findings()).extracting(SecretFinding::source, SecretFinding::location, SecretFinding::ruleId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Source.ENV, "AWS_ACCESS_KEY_ID", "aws-access-key-id"),
                        org.assertj.core.groups.Tuple.tuple(Source.ENV, "DB_PASSWORD", "config-secret"),
                        org.assertj.core.groups.Tuple.tuple(Source.LABEL, "org.opencontainers.image.source", "basic-auth-url"),
                        org.assertj.core.groups.Tuple.tuple(Source.HISTORY, "history[1]", "npm-token"));
        assertThat(r.findings()).allSatisfy(f -> {
            assertThat(f.layer()).isNull();
            assertThat(f.layerIndex()).isEqualTo(-1);
            assertThat(f.line()).isEqualTo(1);
        });
    }

    @Test
    void aBuildArgSecretInHistoryIsFoundByItsName() throws Exception {
        ImageConfig config = Fakes.config(ImageConfig.Config.EMPTY,
                List.of(new ImageConfig.History(null, "RUN |2 GIT_PASSWORD=" + dbPassword + " MODE=prod /bin/sh -c make", null, null, null)));
        SecretScanner scanner = new SecretScanner(SecretConfig.DEFAULT);
        assertThat(scanner.report(config).findings()).singleElement().extracting(SecretFinding::ruleId).isEqualTo("config-secret");
    }

    @Test
    void noSecretEverAppearsInAFindingItsStringOrItsJson() throws Exception {
        String key = "MIIEow" + Fakes.random(Fakes.BASE64, 58, 105);
        TestImages.Layer l0 = ImageFixture.layer(Map.of(
                "app/.env", "DB_PASSWORD=" + dbPassword + "\n",
                "app/deploy.sh", "GH=" + github + "\nNPM=" + npm + "\ngit clone https://ci:" + urlPassword + "@git.corp/x\n",
                "app/key.pem", "-----BEGIN PRIVATE KEY-----\n" + key + "\n-----END PRIVATE KEY-----\n"));
        ImageConfig.Config run = ImageConfig.Config.EMPTY.withEnv(List.of("AWS_ACCESS_KEY_ID=" + akid));
        SecretReport r = scan(ImageFixture.image(run, l0), SecretConfig.DEFAULT);
        assertThat(r.findings()).hasSize(6);

        String json = Json.mapper().writeValueAsString(r);
        for (String secret : List.of(dbPassword, github, npm, urlPassword, key, akid)) {
            String tail = secret.substring(4);
            assertThat(r.toString()).doesNotContain(tail);
            assertThat(json).doesNotContain(tail);
            for (SecretFinding f : r.findings()) {
                assertThat(f.toString()).doesNotContain(tail);
                assertThat(f.redacted()).endsWith("****").hasSizeLessThanOrEqualTo(8);
            }
        }
        assertThat(json).contains("\"ruleId\":\"github-token\"", "\"redacted\":\"ghp_****\"");
    }

    @Test
    void binaryFilesAndFilesOverTheCapAreNotScannedAndTheCapIsNoted() throws Exception {
        byte[] binary = ("\0\0ELF" + github).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        TestImages.Layer l0 = ImageFixture.layer(List.of(LayerEntry.file("usr/bin/tool", 0755, binary),
                LayerEntry.file("app/lib.jar", 0644, "GH=" + github + "\n"),
                LayerEntry.file("app/big.txt", 0644, "GH=" + github + "\n" + "x".repeat(200)),
                LayerEntry.file("app/small.txt", 0644, "GH=" + github + "\n")));
        SecretReport r = scan(ImageFixture.image(l0), SecretConfig.DEFAULT.withMaxFileBytes(100));
        assertThat(r.findings()).extracting(SecretFinding::location).containsExactly("/app/small.txt");
        assertThat(r.notes()).singleElement().asString().contains("/app/big.txt", "over the secret scan's limit of 100", "not scanned");
    }

    @Test
    void allowListsDropFindingsAndCountThem() throws Exception {
        String text = "GH=" + github + "\nNPM=" + npm + "\n";
        assertThat(scanFile("/app/a.sh", text).findings()).hasSize(2);

        SecretReport byRule = scanFile(new SecretScanner(SecretConfig.DEFAULT.withAllowRules(Set.of("npm-token"))), "/app/a.sh", text);
        assertThat(byRule.findings()).extracting(SecretFinding::ruleId).containsExactly("github-token");
        assertThat(byRule.allowed()).isEqualTo(1);

        SecretReport byValue = scanFile(new SecretScanner(SecretConfig.DEFAULT.withAllowValues(List.of("^ghp_"))), "/app/a.sh", text);
        assertThat(byValue.findings()).extracting(SecretFinding::ruleId).containsExactly("npm-token");
        assertThat(byValue.allowed()).isEqualTo(1);

        SecretScanner byPath = new SecretScanner(SecretConfig.DEFAULT.withAllowPaths(List.of("/app/**/*.sh")));
        SecretReport pathAllowed = scanFile(byPath, "/app/a.sh", text);
        assertThat(pathAllowed.findings()).isEmpty();
        // both secrets of the allowed file are dropped and counted, as the other allow-lists count theirs
        assertThat(pathAllowed.allowed()).isEqualTo(2);
        assertThat(scanFile(new SecretScanner(SecretConfig.DEFAULT.withAllowPaths(List.of("/app/**/*.sh"))), "/app/sub/dir/a.sh", text)
                .findings()).isEmpty();
        assertThat(scanFile(new SecretScanner(SecretConfig.DEFAULT.withAllowPaths(List.of("/app/*.sh"))), "/app/sub/a.sh", text)
                .findings()).hasSize(2);

        SecretReport disabled = scanFile(new SecretScanner(SecretConfig.DEFAULT.withDisabledRules(Set.of("github-token"))), "/app/a.sh", text);
        assertThat(disabled.findings()).extracting(SecretFinding::ruleId).containsExactly("npm-token");
        assertThat(disabled.allowed()).isZero();
    }

    @Test
    void allowedCountsEveryDroppedFindingOnceAcrossFilesAndLayers() throws Exception {
        TestImages.Layer l0 = ImageFixture.layer(Map.of("usr/share/doc/a.txt", "GH=" + github + "\n",
                "usr/share/doc/sub/b.txt", "GH=" + github + "\nNPM=" + npm + "\n", "app/run.sh", "NPM=" + npm + "\n"));
        TestImages.Layer l1 = ImageFixture.layer(Map.of("usr/share/doc/a.txt", "GH=" + github + "\n"));
        SecretConfig config = SecretConfig.DEFAULT.withAllowPaths(List.of("/usr/share/doc/**")).withAllowRules(Set.of("npm-token"));
        SecretReport r = scan(ImageFixture.image(l0, l1), config);
        assertThat(r.findings()).isEmpty();
        // a.txt in both layers (2), b.txt's two, run.sh's npm token by rule (1)
        assertThat(r.allowed()).isEqualTo(5);
    }

    @Test
    void anUnknownRuleInTheConfigIsAnError() {
        assertThatThrownBy(() -> new SecretScanner(SecretConfig.DEFAULT.withDisabledRules(Set.of("no-such-rule"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no-such-rule").hasMessageContaining("github-token");
    }

    @Test
    void aPrivateKeyInAnEnvValueWithEscapedNewlinesIsFound() {
        String value = "-----BEGIN RSA PRIVATE KEY-----\\n" + "MIIEow" + Fakes.random(Fakes.BASE64, 58, 106) + "\\n-----END RSA PRIVATE KEY-----";
        ImageConfig config = Fakes.config(ImageConfig.Config.EMPTY.withEnv(List.of("TLS_KEY=" + value)), List.of());
        assertThat(new SecretScanner(SecretConfig.DEFAULT).report(config).findings()).extracting(SecretFinding::ruleId)
                .containsExactly("private-key");
    }
}
