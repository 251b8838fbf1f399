package dev.lading.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lading.oci.ImageConfig;
import dev.lading.oci.Platform;
import dev.lading.oci.layout.OciLayout;
import dev.lading.oci.testing.TestImages;
import org.cyclonedx.Version;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code lading sbom} on an OCI layout. Runs the command through picocli directly: Main registers it
 * separately (once it does, {@code Cli.run("sbom", ...)} works the same).
 */
class SbomCommandTest {
    @TempDir
    Path tmp;
    String ref;

    @BeforeEach
    void image() throws Exception {
        TestImages.Layer base = TestImages.layer(Map.of(
                "etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n",
                "var/lib/dpkg/status", "Package: libssl3\nStatus: install ok installed\nArchitecture: amd64\nSource: openssl\nVersion: 3.0.15-1~deb12u1\n",
                "app/node_modules/left-pad/package.json", "{\"name\": \"left-pad\", \"version\": \"1.3.0\", \"license\": \"WTFPL\"}"));
        TestImages.Layer top = TestImages.layer(Map.of("app/node_modules/broken/package.json", "{not json"));
        OciLayout layout = OciLayout.createOrOpen(tmp.resolve("layout"));
        TestImages.store(layout, TestImages.image(Platform.of("linux", "amd64", null), List.of(base, top), ImageConfig.Config.EMPTY), "app");
        ref = "oci:" + tmp.resolve("layout") + ":app";
    }

    record Run(int code, String out, String err) {
    }

    static synchronized Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8); PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(o);
            System.setErr(e);
            int code = new CommandLine(new SbomCommand()).execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void theTableIsTheDefaultAndWarningsGoToStderr() {
        Run r = run(ref);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines().toList()).hasSize(3);
        assertThat(r.out()).contains("libssl3", "3.0.15-1~deb12u1", "deb", "left-pad", "npm");
        assertThat(r.err()).contains("warning: /app/node_modules/broken/package.json: not valid JSON");
        assertThat(run("-q", ref).err()).isEmpty();
    }

    @Test
    void cycloneDxJsonToAFileIsValidAndReadableByOthers() throws Exception {
        Path file = tmp.resolve("out/app.cdx.json");
        Run r = run("--format", "cyclonedx-json", "-o", file.toString(), ref);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEmpty();
        byte[] json = Files.readAllBytes(file);
        assertThat(new JsonParser().validate(json, Version.VERSION_16)).isEmpty();
        assertThat(new String(json, StandardCharsets.UTF_8)).contains("pkg:deb/debian/libssl3@3.0.15-1~deb12u1?arch=amd64&distro=debian-12",
                "pkg:npm/left-pad@1.3.0");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void spdxJsonAndCycloneDxXmlAndTheSameImageGivesTheSameBytes() throws Exception {
        Run spdx = run("--format", "spdx-json", ref);
        assertThat(spdx.code()).as(spdx.err()).isZero();
        JsonNode doc = new ObjectMapper().readTree(spdx.out());
        assertThat(doc.get("spdxVersion").asText()).isEqualTo("SPDX-2.3");
        assertThat(doc.get("packages")).hasSize(3);
        assertThat(run("--format", "spdx-json", ref).out()).isEqualTo(spdx.out());
        Run xml = run("--format", "cyclonedx-xml", ref);
        assertThat(xml.out()).startsWith("<?xml").contains("<purl>pkg:npm/left-pad@1.3.0</purl>");
    }

    @Test
    void timestampFlag() {
        Run r = run("--format", "cyclonedx-json", "--timestamp", "1700000000", ref);
        assertThat(r.out()).contains("\"timestamp\" : \"2023-11-14T22:13:20Z\"");
        SbomCommand c = new SbomCommand();
        c.timestamp = "tomorrow";
        assertThatThrownBy(() -> c.options(Map.of())).isInstanceOf(CliException.class).hasMessageContaining("--timestamp");
        c.timestamp = null;
        assertThat(c.options(Map.of("SOURCE_DATE_EPOCH", "0")).timestamp()).isNotNull();
        assertThatThrownBy(() -> c.options(Map.of("SOURCE_DATE_EPOCH", "x"))).isInstanceOf(CliException.class)
                .satisfies(e -> assertThat(((CliException) e).exitCode()).isEqualTo(CliException.USAGE));
    }

    @Test
    void anUnknownFormatIsAUsageError() {
        SbomCommand c = new SbomCommand();
        c.ref = ref;
        c.format = "syft-json";
        assertThatThrownBy(c::call).isInstanceOf(CliException.class).hasMessageContaining("cyclonedx-json")
                .satisfies(e -> assertThat(((CliException) e).exitCode()).isEqualTo(CliException.USAGE));
    }
}
