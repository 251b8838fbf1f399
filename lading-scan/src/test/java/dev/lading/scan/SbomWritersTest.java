package dev.lading.scan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.lading.oci.Digest;
import org.cyclonedx.exception.ParseException;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.parsers.JsonParser;
import org.cyclonedx.parsers.XmlParser;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SbomWritersTest {
    static final Digest LAYER = Digest.sha256("layer".getBytes(StandardCharsets.UTF_8));
    static final Digest IMAGE = Digest.sha256("image".getBytes(StandardCharsets.UTF_8));
    static final SbomWriter.Options NO_TIME = new SbomWriter.Options(null, "0.1.0");

    static Sbom sample() {
        Optional<Distro> debian = Optional.of(new Distro("debian", "12", "bookworm", null, List.of()));
        List<Package> packages = new ArrayList<>(List.of(
                new Package(Ecosystem.DEB, "libssl3", "3.0.15-1~deb12u1", Purls.deb(debian, "libssl3", "3.0.15-1~deb12u1", "amd64"),
                        List.of("Apache-2.0", "Artistic or GPL-1+"), "amd64", new Package.Source("openssl", "3.0.15-1~deb12u1"), LAYER, "/var/lib/dpkg/status"),
                new Package(Ecosystem.DEB, "zlib1g", "1:1.2.13.dfsg-1", Purls.deb(debian, "zlib1g", "1:1.2.13.dfsg-1", "amd64"),
                        List.of("Zlib"), "amd64", new Package.Source("zlib", "1:1.2.13.dfsg-1"), LAYER, "/var/lib/dpkg/status"),
                new Package(Ecosystem.NPM, "@babel/core", "7.26.0", Purls.npm("@babel/core", "7.26.0"), List.of("MIT"), null, null, LAYER,
                        "/app/node_modules/@babel/core/package.json"),
                // the same package twice, in two places: bom-refs must still be unique
                new Package(Ecosystem.NPM, "debug", "2.6.9", Purls.npm("debug", "2.6.9"), List.of(), null, null, LAYER,
                        "/app/node_modules/debug/package.json"),
                new Package(Ecosystem.NPM, "debug", "2.6.9", Purls.npm("debug", "2.6.9"), List.of(), null, null, LAYER,
                        "/app/node_modules/x/node_modules/debug/package.json"),
                new Package(Ecosystem.MAVEN, "commons-lang3", "3.19.0", Purls.maven("org.apache.commons", "commons-lang3", "3.19.0"), List.of(),
                        null, null, LAYER, "/app/lib/commons-lang3-3.19.0.jar", "0123456789abcdef0123456789abcdef01234567"),
                new Package(Ecosystem.PYPI, "certifi", "2024.8.30", Purls.pypi("certifi", "2024.8.30"),
                        List.of("Mozilla Public License 2.0 (MPL 2.0)"), null, null, LAYER, "/usr/lib/python3/dist-packages/certifi-2024.8.30.dist-info/METADATA")));
        Collections.shuffle(packages, new java.util.Random(3));
        return new Sbom(new Sbom.Subject("registry.example/app:1.0", IMAGE, "linux/amd64", List.of(LAYER), "2024-05-01T10:00:00.123456Z"),
                debian, packages, List.of());
    }

    static byte[] write(SbomWriter.Format format, SbomWriter.Options options, Sbom sbom) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        format.writer(options).write(sbom, out);
        return out.toByteArray();
    }

    @Test
    void cycloneDxJsonIsValid16AndCarriesEveryPackage() throws Exception {
        byte[] json = write(SbomWriter.Format.CYCLONEDX_JSON, NO_TIME, sample());
        List<ParseException> errors = new JsonParser().validate(json, CycloneDxWriter.VERSION);
        assertThat(errors).isEmpty();
        Bom bom = new JsonParser().parse(json);
        assertThat(bom.getSpecVersion()).isEqualTo("1.6");
        assertThat(bom.getMetadata().getComponent().getType()).isEqualTo(Component.Type.CONTAINER);
        assertThat(bom.getMetadata().getComponent().getVersion()).isEqualTo(IMAGE.toString());
        // (not bom.getMetadata().getTimestamp(): the parser's Metadata stamps itself with the clock)
        assertThat(new ObjectMapper().readTree(json).at("/metadata").has("timestamp")).isFalse();
        assertThat(bom.getComponents()).extracting(Component::getPurl).containsExactly(
                "pkg:deb/debian/libssl3@3.0.15-1~deb12u1?arch=amd64&distro=debian-12",
                "pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1?arch=amd64&distro=debian-12",
                "pkg:pypi/certifi@2024.8.30",
                "pkg:npm/%40babel/core@7.26.0",
                "pkg:npm/debug@2.6.9",
                "pkg:npm/debug@2.6.9",
                "pkg:maven/org.apache.commons/commons-lang3@3.19.0");
        assertThat(bom.getComponents().getLast().getHashes()).singleElement()
                .satisfies(h -> assertThat(h.getValue()).isEqualTo("0123456789abcdef0123456789abcdef01234567"));
        assertThat(bom.getComponents()).extracting(Component::getBomRef).doesNotHaveDuplicates();
        Component ssl = bom.getComponents().getFirst();
        assertThat(ssl.getLicenses().getLicenses()).extracting(l -> l.getName()).containsExactly("Apache-2.0", "Artistic or GPL-1+");
        assertThat(ssl.getProperties()).anyMatch(p -> p.getName().equals("lading:location:layer") && p.getValue().equals(LAYER.toString()))
                .anyMatch(p -> p.getName().equals("lading:package:source:name") && p.getValue().equals("openssl"));
    }

    @Test
    void cycloneDxXmlIsValid16() throws Exception {
        byte[] xml = write(SbomWriter.Format.CYCLONEDX_XML, NO_TIME, sample());
        assertThat(new XmlParser().validate(xml, CycloneDxWriter.VERSION)).isEmpty();
        assertThat(new XmlParser().parse(xml).getComponents()).hasSize(7);
    }

    @Test
    void controlCharactersFromHostileMetadataStillMakeValidXml() throws Exception {
        Sbom hostile = new Sbom(sample().subject(), Optional.empty(), List.of(new Package(Ecosystem.NPM, "evil\u0001name", "1\u0000", Purls.npm("evil", "1"),
                List.of("MIT\u001b"), null, null, LAYER, "/x\uD800")), List.of());
        byte[] xml = write(SbomWriter.Format.CYCLONEDX_XML, NO_TIME, hostile);
        assertThat(new XmlParser().validate(xml, CycloneDxWriter.VERSION)).isEmpty();
        assertThat(new XmlParser().parse(xml).getComponents().getFirst().getName()).isEqualTo("evil\uFFFDname");
        assertThat(CycloneDxWriter.clean("ok \uD83D\uDE00 tab\t")).isEqualTo("ok \uD83D\uDE00 tab\t");
    }

    @Test
    void theCycloneDxValidatorCanFail() throws Exception {
        ObjectNode doc = (ObjectNode) new ObjectMapper().readTree(write(SbomWriter.Format.CYCLONEDX_JSON, NO_TIME, sample()));
        ((ObjectNode) doc.get("components").get(0)).put("type", "not-a-type");
        assertThat(new JsonParser().validate(doc, CycloneDxWriter.VERSION)).isNotEmpty();
    }

    @Test
    void outputIsDeterministicWithoutATimestampAndCarriesOneWhenGiven() throws Exception {
        for (SbomWriter.Format f : SbomWriter.Format.values()) {
            byte[] first = write(f, NO_TIME, sample());
            Thread.sleep(1100); // a clock read anywhere would now differ
            assertThat(write(f, NO_TIME, sample())).as(f.id()).isEqualTo(first);
        }
        String plain = new String(write(SbomWriter.Format.CYCLONEDX_JSON, NO_TIME, sample()), StandardCharsets.UTF_8);
        assertThat(plain).doesNotContain("\"timestamp\"");
        SbomWriter.Options epoch = SbomWriter.Options.fromEnvironment(Map.of("SOURCE_DATE_EPOCH", "1700000000"), "0.1.0");
        Bom bom = new JsonParser().parse(write(SbomWriter.Format.CYCLONEDX_JSON, epoch, sample()));
        assertThat(bom.getMetadata().getTimestamp().toInstant()).isEqualTo(Instant.ofEpochSecond(1_700_000_000));
        assertThatThrownBy(() -> SbomWriter.Options.fromEnvironment(Map.of("SOURCE_DATE_EPOCH", "yesterday"), null))
                .hasMessageContaining("SOURCE_DATE_EPOCH");
    }

    @Test
    void spdxJsonIsValidAgainstTheSpdx23Schema() throws Exception {
        byte[] doc = write(SbomWriter.Format.SPDX_JSON, NO_TIME, sample());
        JsonNode json = new ObjectMapper().readTree(doc);
        assertThat(spdxSchema().validate(json)).isEmpty();
        assertThat(json.get("spdxVersion").asText()).isEqualTo("SPDX-2.3");
        // no timestamp given: the image's creation time, to the second
        assertThat(json.at("/creationInfo/created").asText()).isEqualTo("2024-05-01T10:00:00Z");
        assertThat(json.get("packages")).hasSize(8);
        assertThat(json.get("packages").get(7).at("/checksums/0/checksumValue").asText()).isEqualTo("0123456789abcdef0123456789abcdef01234567");
        JsonNode ssl = json.get("packages").get(1);
        assertThat(ssl.at("/externalRefs/0/referenceLocator").asText()).isEqualTo("pkg:deb/debian/libssl3@3.0.15-1~deb12u1?arch=amd64&distro=debian-12");
        // "Artistic or GPL-1+" is a well-formed expression, so it stays (in parentheses); the PyPI free text does not
        assertThat(ssl.get("licenseDeclared").asText()).isEqualTo("Apache-2.0 AND (Artistic or GPL-1+)");
        JsonNode certifi = json.get("packages").get(3);
        assertThat(certifi.get("name").asText()).isEqualTo("certifi");
        assertThat(certifi.get("licenseDeclared").asText()).startsWith("LicenseRef-Mozilla-Public-License-2.0-MPL-2.0-");
        assertThat(json.at("/hasExtractedLicensingInfos/0/extractedText").asText()).isEqualTo("Mozilla Public License 2.0 (MPL 2.0)");
        Set<String> ids = new java.util.HashSet<>();
        json.get("packages").forEach(p -> assertThat(ids.add(p.get("SPDXID").asText())).isTrue());
        assertThat(json.get("relationships")).hasSize(8);
    }

    @Test
    void theSpdxSchemaRefusesWhatTheSpecRefuses() throws Exception {
        ObjectNode json = (ObjectNode) new ObjectMapper().readTree(write(SbomWriter.Format.SPDX_JSON, NO_TIME, sample()));
        json.remove("creationInfo");
        ((ObjectNode) json.get("packages").get(0)).put("primaryPackagePurpose", "BOAT");
        Set<ValidationMessage> errors = spdxSchema().validate(json);
        assertThat(errors).hasSize(2);
    }

    @Test
    void spdxLicenseExpressionGrammar() {
        assertThat(SpdxJsonWriter.wellFormed("MIT")).isTrue();
        assertThat(SpdxJsonWriter.wellFormed("GPL-2.0-or-later WITH Classpath-exception-2.0")).isTrue();
        assertThat(SpdxJsonWriter.wellFormed("(MIT OR Apache-2.0) AND BSD-3-Clause")).isTrue();
        assertThat(SpdxJsonWriter.wellFormed("GPL-2+")).isTrue();
        assertThat(SpdxJsonWriter.wellFormed("Apache License 2.0")).isFalse();
        assertThat(SpdxJsonWriter.wellFormed("MIT AND")).isFalse();
        assertThat(SpdxJsonWriter.wellFormed("(MIT")).isFalse();
        assertThat(SpdxJsonWriter.wellFormed("MIT)(")).isFalse();
        assertThat(SpdxJsonWriter.wellFormed("")).isFalse();
    }

    @Test
    void theTableListsNameVersionTypeAndNoControlCharacters() throws Exception {
        String table = new String(write(SbomWriter.Format.TABLE, NO_TIME, sample()), StandardCharsets.UTF_8);
        List<String> lines = table.lines().toList();
        assertThat(lines.getFirst()).startsWith("NAME").contains("VERSION", "TYPE");
        assertThat(lines).hasSize(8);
        assertThat(lines.get(1)).matches("libssl3\\s+3\\.0\\.15-1~deb12u1\\s+deb");
        Sbom hostile = new Sbom(sample().subject(), Optional.empty(), List.of(new Package(Ecosystem.NPM, "evil\u001b[2J", "1", "pkg:npm/evil@1",
                List.of(), null, null, LAYER, "/x")), List.of());
        assertThat(new String(write(SbomWriter.Format.TABLE, NO_TIME, hostile), StandardCharsets.UTF_8)).doesNotContain("\u001b").contains("evil\\x1b[2J");
    }

    @Test
    void unknownFormatsAreRefusedWithTheList() {
        assertThatThrownBy(() -> SbomWriter.Format.parse("syft-json")).hasMessageContaining("cyclonedx-json, cyclonedx-xml, spdx-json or table");
        assertThat(SbomWriter.Format.parse("SPDX-JSON")).isEqualTo(SbomWriter.Format.SPDX_JSON);
    }

    private static JsonSchema spdxSchema() throws IOException {
        try (InputStream in = SbomWritersTest.class.getResourceAsStream("/spdx/spdx-schema-2.3.json")) {
            assertThat(in).isNotNull();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        }
    }
}
