package dev.lading.scan.secrets;

import dev.lading.oci.Descriptor;
import dev.lading.oci.MediaType;
import dev.lading.scan.LayerVisitor;
import dev.lading.scan.secrets.SecretRule.Check;
import dev.lading.scan.secrets.SecretRule.Severity;
import dev.lading.scan.secrets.SecretRule.Source;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.regex.Pattern;

import static dev.lading.scan.secrets.Fakes.alnum;
import static dev.lading.scan.secrets.Fakes.scanFile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * The rules' keywords are found without lower-casing the text: in either case for ASCII letters (as the
 * rules' {@code (?i)} patterns match), and the pattern still has the last word on case. Findings, their lines
 * and their redacted values are what they were when whole files were lower-cased.
 */
class KeywordMatchingTest {
    private final String value = "Qx7" + alnum(21, 300);

    @Test
    void keywordsInAnyCaseFindTheSecretWithItsLineAndRedactedValue() throws Exception {
        for (String name : List.of("API_TOKEN", "api_token", "Api_Token", "aPi_tOkEn", "DB_PASSWORD", "Db_PassWord", "CLIENT_SECRET",
                "clientSecret")) {
            SecretReport r = scanFile("/app/settings.ini", "[main]\n\n" + name + " = " + value + "\n");
            assertThat(r.findings()).as(name)
                    .extracting(SecretFinding::ruleId, SecretFinding::line, SecretFinding::redacted)
                    .containsExactly(tuple("generic-secret", 3, value.substring(0, 4) + "****"));
            assertThat(r.findings().get(0).toString()).doesNotContain(value);
        }
    }

    @Test
    void mixedCaseNamesOfCaseInsensitiveRulesAreFound() throws Exception {
        String aws = alnum(40, 301);
        SecretReport r = scanFile("/root/.aws/credentials", "Aws_Secret_Access_Key = " + aws + "\n");
        assertThat(r.findings()).extracting(SecretFinding::ruleId, SecretFinding::redacted)
                .containsExactly(tuple("aws-secret-access-key", aws.substring(0, 4) + "****"));

        String azure = alnum(86, 302) + "==";
        r = scanFile("/app/conn.txt", "DefaultEndpointsProtocol=https;accountKEY=" + azure + ";\n");
        assertThat(r.findings()).extracting(SecretFinding::ruleId).containsExactly("azure-storage-key");

        r = scanFile("/app/.env", "export Github_Token=" + value + "\n");
        assertThat(r.findings()).extracting(SecretFinding::ruleId, SecretFinding::redacted)
                .containsExactly(tuple("dotenv-secret", value.substring(0, 4) + "****"));
    }

    @Test
    void aCaseSensitivePatternStillDecidesWhenOnlyTheKeywordMatches() throws Exception {
        // the keywords (akia, ghp_, private key) are there in another case, but these formats are case-sensitive
        assertThat(scanFile("/app/a.txt", "id=akia" + Fakes.random(Fakes.UPPER_B32, 16, 303) + "\n").findings()).isEmpty();
        assertThat(scanFile("/app/a.txt", "GHP_" + alnum(36, 304) + "\n").findings()).isEmpty();
        assertThat(scanFile("/app/a.key", "-----begin rsa private key-----\nMIIEow" + alnum(58, 305) + "\n").findings()).isEmpty();
    }

    @Test
    void aSecretFarAlongALineOfLettersWhoseLowerCaseIsLongerIsFound() throws Exception {
        // U+0130 lower-cases to two characters: a lower-cased copy's indexes were off from the text's
        String token = "ghp_" + alnum(36, 306);
        String line = "\u0130".repeat(40) + " " + "x".repeat(300) + " Token: " + token;
        SecretReport r = scanFile("/app/deploy.sh", "#!/bin/sh\n" + line + "\n");
        assertThat(r.findings()).extracting(SecretFinding::ruleId, SecretFinding::line, SecretFinding::redacted)
                .containsExactly(tuple("github-token", 2, "ghp_****"));
    }

    @Test
    void aKelvinSignIsNotTheLetterK() {
        Keywords k = new Keywords(SecretRules.builtIn());
        Keywords.Positions p = k.new Positions();
        SecretRule generic = SecretRules.builtIn().get(SecretRules.builtIn().size() - 1);
        p.find("TO\u212AEN=abc");
        assertThat(p.first(k.of(generic))).isEqualTo(-1);
        p.find("xx ToKeN=abc");
        assertThat(p.first(k.of(generic))).isEqualTo(3);
        byte[] kelvin = "TO\u212AEN=abc".getBytes(StandardCharsets.UTF_8);
        assertThat(Keywords.any(k.of(generic), k.presentIn(kelvin, kelvin.length))).isFalse();
    }

    @Test
    void keywordsAreFoundAcrossInvalidUtf8AndTheSecretStillReported() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {(byte) 0xff, (byte) 0xfe, ' ', 'x', '\n', (byte) 0xc3, '('});
        b.writeBytes(("PASSWORD=" + value + "\n").getBytes(StandardCharsets.US_ASCII));
        SecretReport r = scanBytes("/app/notes.txt", b.toByteArray());
        assertThat(r.findings()).extracting(SecretFinding::ruleId, SecretFinding::line, SecretFinding::redacted)
                .containsExactly(tuple("generic-secret", 2, value.substring(0, 4) + "****"));
    }

    @Test
    void aRuleWithAKeywordOutsideAsciiMatchesItInEitherCase() throws Exception {
        SecretRule german = new SecretRule("schluessel", "Schlüssel", Severity.HIGH, List.of("Schlüssel"),
                Pattern.compile("(?iu)schlüssel\\s*=\\s*(?<secret>\\S+)"), Check.NONE, EnumSet.of(Source.FILE), null, null);
        SecretScanner scanner = new SecretScanner(SecretConfig.DEFAULT, List.of(german));
        SecretReport r = scanFile(scanner, "/app/de.conf", "# Zugang\nSCHLÜSSEL = " + value + "\n");
        assertThat(r.findings()).extracting(SecretFinding::ruleId, SecretFinding::line).containsExactly(tuple("schluessel", 2));
    }

    @Test
    void aFileWithoutAnyKeywordHasNoFindingsAndOneWithAKeywordLaterIsStillRead() throws Exception {
        String filler = "alpha beta gamma delta\n".repeat(5000);
        assertThat(scanFile("/var/log/app.log", filler).findings()).isEmpty();
        SecretReport r = scanFile("/var/log/app.log", filler + "Secret=" + value + "\n");
        assertThat(r.findings()).extracting(SecretFinding::line).containsExactly(5001);
    }

    private static SecretReport scanBytes(String path, byte[] bytes) throws Exception {
        SecretScanner scanner = new SecretScanner(SecretConfig.DEFAULT);
        LayerVisitor.Layer layer = new LayerVisitor.Layer(0, 1, Descriptor.of(MediaType.OCI_LAYER_GZIP, new byte[] {1}));
        LayerVisitor.Entry entry = new LayerVisitor.Entry(path, LayerVisitor.Kind.FILE, bytes.length, 0644, null);
        scanner.entry(layer, entry, () -> new java.io.ByteArrayInputStream(bytes));
        return scanner.report(Fakes.EMPTY_CONFIG);
    }
}
