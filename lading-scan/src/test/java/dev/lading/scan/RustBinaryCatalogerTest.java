package dev.lading.scan;

import dev.lading.oci.layer.LayerEntry;
import dev.lading.oci.testing.Tools;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

class RustBinaryCatalogerTest {
    /** What cargo auditable writes for a binary crate with two dependencies (a build dependency among them). */
    static final String AUDIT_JSON = "{\"packages\":[{\"name\":\"hello\",\"version\":\"0.1.0\",\"source\":\"local\",\"dependencies\":[1,2],\"root\":true},"
            + "{\"name\":\"cc\",\"version\":\"1.0.83\",\"source\":\"crates.io\",\"kind\":\"build\"},"
            + "{\"name\":\"serde\",\"version\":\"1.0.215\",\"source\":\"crates.io\"}]}";

    @TempDir
    Path tmp;

    static byte[] zlib(byte[] data) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(out, new Deflater(9))) {
            z.write(data);
        }
        return out.toByteArray();
    }

    private Sbom scan(String path, byte[] file) throws Exception {
        return ScanImages.scan(tmp, ScanImages.layer(List.of(LayerEntry.file(path, 0755, file))));
    }

    @Test
    void theDependencyListIsReadFromElfFilesOfEveryWordSizeAndByteOrder() throws Exception {
        for (boolean is64 : new boolean[]{true, false}) {
            for (boolean little : new boolean[]{true, false}) {
                byte[] elf = ElfFixtures.elf(is64, little, new byte[5000], Map.of(".text", new byte[300],
                        RustBinaryCataloger.SECTION, zlib(AUDIT_JSON.getBytes(StandardCharsets.UTF_8))));
                ElfBinaryReader.ElfBinary b = ElfBinaryReader.read(new ByteArrayInputStream(elf));
                assertThat(RustBinaryCataloger.inflate(b.cargoAudit())).as("64-bit %s, little %s", is64, little).isEqualTo(AUDIT_JSON);
            }
        }
        Sbom sbom = scan("usr/bin/hello", ElfFixtures.elf(true, true, new byte[100], Map.of(RustBinaryCataloger.SECTION,
                zlib(AUDIT_JSON.getBytes(StandardCharsets.UTF_8)))));
        assertThat(sbom.packages()).extracting(Package::ecosystem, Package::name, Package::version, Package::purl, Package::path).containsExactlyInAnyOrder(
                tuple(Ecosystem.CARGO, "hello", "0.1.0", "pkg:cargo/hello@0.1.0", "/usr/bin/hello"),
                tuple(Ecosystem.CARGO, "cc", "1.0.83", "pkg:cargo/cc@1.0.83", "/usr/bin/hello"),
                tuple(Ecosystem.CARGO, "serde", "1.0.215", "pkg:cargo/serde@1.0.215", "/usr/bin/hello"));
        assertThat(sbom.packages()).allMatch(p -> p.layer().equals(sbom.subject().layers().get(0)));
        assertThat(sbom.warnings()).isEmpty();
    }

    @Test
    void aBinaryReadAfterALargerOneSeesOnlyItsOwnSections() throws Exception {
        // the reader reuses its arrays from file to file: what the first left behind must not show through
        byte[] big = ElfFixtures.elf(true, true, new byte[200_000], Map.of(RustBinaryCataloger.SECTION,
                zlib(AUDIT_JSON.getBytes(StandardCharsets.UTF_8))));
        byte[] small = ElfFixtures.elf(true, true, new byte[100], Map.of(".text", new byte[300]));
        assertThat(ElfBinaryReader.read(new ByteArrayInputStream(big)).cargoAudit()).isNotNull();
        ElfBinaryReader.ElfBinary second = ElfBinaryReader.read(new ByteArrayInputStream(small));
        assertThat(second.cargoAudit()).isNull();
        assertThat(second.sectionProblems()).isEmpty();
        assertThat(RustBinaryCataloger.inflate(ElfBinaryReader.read(new ByteArrayInputStream(big)).cargoAudit())).isEqualTo(AUDIT_JSON);
    }

    @Test
    void damagedSectionsGiveAWarningNamingTheFile() throws Exception {
        Map<String, byte[]> cases = Map.of(
                "not zlib", "{\"packages\":[]}".getBytes(StandardCharsets.UTF_8),
                "truncated", Arrays.copyOf(zlib(AUDIT_JSON.getBytes(StandardCharsets.UTF_8)), 20),
                "bomb", zlib(new byte[RustBinaryCataloger.MAX_JSON + 10]),
                "not JSON", zlib("{\"packages\":[".getBytes(StandardCharsets.UTF_8)),
                "no packages", zlib("{\"crates\":[]}".getBytes(StandardCharsets.UTF_8)));
        for (Map.Entry<String, byte[]> c : cases.entrySet()) {
            Sbom sbom = scan("bin/x", ElfFixtures.elf(true, true, new byte[64], Map.of(RustBinaryCataloger.SECTION, c.getValue())));
            assertThat(sbom.packages()).as(c.getKey()).isEmpty();
            assertThat(sbom.warnings()).as(c.getKey()).singleElement().asString().contains("/bin/x").contains(".dep-v0");
        }
    }

    @Test
    void sectionHeadersThatLieAreSkippedWithAWarning() throws Exception {
        byte[] good = ElfFixtures.elf(true, true, new byte[64], Map.of(RustBinaryCataloger.SECTION, zlib(AUDIT_JSON.getBytes(StandardCharsets.UTF_8))));
        ByteBuffer h = ByteBuffer.wrap(good.clone()).order(ByteOrder.LITTLE_ENDIAN);
        h.putLong(0x28, 1L << 40); // e_shoff far past the end
        Sbom past = scan("bin/a", h.array());
        assertThat(past.packages()).isEmpty();
        assertThat(past.warnings()).singleElement().asString().contains("/bin/a").contains("section header");

        ByteBuffer s = ByteBuffer.wrap(good.clone()).order(ByteOrder.LITTLE_ENDIAN);
        long shoff = s.getLong(0x28);
        s.putLong((int) shoff + 64 + 0x18, Long.MAX_VALUE - 3); // section 1 (.dep-v0) data offset: nonsense
        Sbom lying = scan("bin/b", s.array());
        assertThat(lying.packages()).isEmpty();
        assertThat(lying.warnings()).singleElement().asString().contains("/bin/b").contains(".dep-v0");
    }

    /** Random damage to a valid file: packages or clean warnings, never an exception or a failed cataloger. */
    @Property(tries = 300)
    void mutatedBinariesGiveOnlyCleanWarnings(@ForAll long seed, @ForAll @IntRange(min = 1, max = 30) int flips) throws Exception {
        Random r = new Random(seed);
        byte[] elf = ElfFixtures.elf(r.nextBoolean(), r.nextBoolean(), new byte[256],
                Map.of(RustBinaryCataloger.SECTION, zlib(AUDIT_JSON.getBytes(StandardCharsets.UTF_8))));
        for (int i = 0; i < flips; i++) {
            int at = r.nextBoolean() ? r.nextInt(64) : 64 + 256 + r.nextInt(elf.length - 320);
            elf[at] = (byte) r.nextInt(256);
        }
        ElfBinaryReader.ElfBinary b = ElfBinaryReader.read(new ByteArrayInputStream(elf));
        List<String> warnings = new ArrayList<>();
        if (b != null && b.cargoAudit() != null) {
            try {
                RustBinaryCataloger.inflate(b.cargoAudit());
            } catch (java.io.IOException expected) {
                warnings.add(expected.getMessage());
            }
        }
        assertThat(warnings).allMatch(w -> !w.isBlank());
    }

    private static Optional<Path> rustc() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .map(d -> Path.of(d, "rustc"))
                .filter(Files::isExecutable)
                .findFirst()
                .or(() -> Optional.of(Path.of(System.getProperty("user.home"), ".cargo/bin/rustc")).filter(Files::isExecutable));
    }

    /**
     * A real binary from rustc with the section cargo auditable would add put in by objcopy (cargo auditable
     * itself is not installable offline); the same binary without it gives nothing.
     */
    @Test
    @Tag("integration")
    void aRealRustBinaryWithTheAuditSection() throws Exception {
        Path rustc = rustc().orElse(null);
        assertThat(rustc).as("rustc is not installed: apt-get install rustc").isNotNull();
        Tools.require("objcopy", "binutils");
        Files.writeString(tmp.resolve("main.rs"), "fn main() { println!(\"hello\"); }\n");
        Tools.ok(tmp, rustc.toString(), "-C", "opt-level=1", "-o", "hello", "main.rs");
        Files.write(tmp.resolve("audit.z"), zlib(AUDIT_JSON.getBytes(StandardCharsets.UTF_8)));
        Tools.ok(tmp, "objcopy", "--add-section", ".dep-v0=audit.z", "hello", "hello-auditable");
        Tools.ok(tmp, "objcopy", "--dump-section", ".dep-v0=dumped.z", "hello-auditable");
        assertThat(tmp.resolve("dumped.z")).hasSameBinaryContentAs(tmp.resolve("audit.z"));

        byte[] plain = Files.readAllBytes(tmp.resolve("hello"));
        byte[] auditable = Files.readAllBytes(tmp.resolve("hello-auditable"));
        Sbom sbom = ScanImages.scan(tmp, ScanImages.layer(List.of(LayerEntry.file("usr/local/bin/hello", 0755, auditable),
                LayerEntry.file("usr/local/bin/plain", 0755, plain))));
        assertThat(sbom.packages()).extracting(Package::name, Package::version, Package::path).containsExactlyInAnyOrder(
                tuple("hello", "0.1.0", "/usr/local/bin/hello"),
                tuple("cc", "1.0.83", "/usr/local/bin/hello"),
                tuple("serde", "1.0.215", "/usr/local/bin/hello"));
        assertThat(sbom.warnings()).isEmpty();
    }
}
