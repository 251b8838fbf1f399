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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

class GoBinaryCatalogerTest {
    private static final String MODINFO = "path\texample.com/app\nmod\texample.com/app\t(devel)\t\n"
            + "dep\texample.com/greet\tv0.0.0\n=>\t../greet\t\t\n"
            + "dep\tgithub.com/spf13/cobra\tv1.8.0\th1:abc=\n"
            + "dep\tgolang.org/x/text\tv0.3.0\n=>\tgolang.org/x/text\tv0.14.0\th1:def=\n"
            + "build\t-compiler=gc\nbuild\tGOOS=linux\n";

    @TempDir
    Path tmp;

    @Test
    void modInfoGivesTheMainModuleEachDependencyWithItsReplacementAndTheStandardLibrary() throws Exception {
        byte[] elf = ElfFixtures.elf(true, true, ElfFixtures.goBody(4096, 1024, 8, true, "go1.21.5", MODINFO), Map.of());
        Sbom sbom = ScanImages.scan(tmp, ScanImages.layer(List.of(LayerEntry.file("usr/local/bin/app", 0755, elf))));

        assertThat(sbom.packages()).extracting(Package::name, Package::version, Package::purl, Package::path).containsExactlyInAnyOrder(
                tuple("example.com/app", "(devel)", "pkg:golang/example.com/app", "/usr/local/bin/app"),
                tuple("example.com/greet", "(devel)", "pkg:golang/example.com/greet", "/usr/local/bin/app"),
                tuple("github.com/spf13/cobra", "v1.8.0", "pkg:golang/github.com/spf13/cobra@v1.8.0", "/usr/local/bin/app"),
                tuple("golang.org/x/text", "v0.14.0", "pkg:golang/golang.org/x/text@v0.14.0", "/usr/local/bin/app"),
                tuple("stdlib", "1.21.5", "pkg:golang/stdlib@1.21.5", "/usr/local/bin/app"));
        assertThat(sbom.packages()).allMatch(p -> p.ecosystem() == Ecosystem.GOLANG && p.layer().equals(sbom.subject().layers().get(0)));
        assertThat(sbom.warnings()).isEmpty();
    }

    @Test
    void buildInfoIsFoundInEveryByteOrderAndWordSizeAndAcrossReadChunks() throws Exception {
        for (boolean is64 : new boolean[]{true, false}) {
            for (boolean little : new boolean[]{true, false}) {
                // 65536 - 64 - 16: the header straddles the first 64 KiB read of the file
                for (int at : new int[]{0, 65536 - 64 - 16, 65536 - 64 - 32, 200_000}) {
                    byte[] elf = ElfFixtures.elf(is64, little, ElfFixtures.goBody(at + 512, at, is64 ? 8 : 4, little, "go1.22.0", MODINFO), Map.of());
                    ElfBinaryReader.ElfBinary b = ElfBinaryReader.read(new ByteArrayInputStream(elf));
                    assertThat(b.go()).as("64-bit %s, little %s, at %d", is64, little, at)
                            .isEqualTo(new ElfBinaryReader.GoBuildInfo("go1.22.0", MODINFO));
                }
            }
        }
    }

    /** A 300 MB binary, generated as it is read: its build info 250 MB in is found while streaming, nothing is held. */
    @Test
    void aLargeBinaryIsSearchedAsItStreams() throws Exception {
        byte[] header = Arrays.copyOf(ElfFixtures.elf(true, true, new byte[0], Map.of()), 64);
        java.nio.ByteBuffer.wrap(header).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(0x28, 0).putShort(0x3c, (short) 0); // no sections
        byte[] blob = ElfFixtures.goBody(0, 0, 8, true, "go1.22.1", MODINFO);
        long size = 300L << 20;
        long blobAt = 250L << 20;
        java.io.InputStream generated = new java.io.InputStream() {
            private long pos;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (pos >= size) {
                    return -1;
                }
                int n = (int) Math.min(len, size - pos);
                for (int i = 0; i < n; i++) {
                    long at = pos + i;
                    b[off + i] = at < 64 ? header[(int) at] : at >= blobAt && at < blobAt + blob.length ? blob[(int) (at - blobAt)] : 0;
                }
                pos += n;
                return n;
            }
        };
        assertThat(ElfBinaryReader.read(generated).go()).isEqualTo(new ElfBinaryReader.GoBuildInfo("go1.22.1", MODINFO));
    }

    @Test
    void aMagicThatIsOnlyAConstantIsPassedOverForTheRealHeader() throws Exception {
        byte[] body = ElfFixtures.goBody(8192, 4096, 8, true, "go1.20.1", MODINFO);
        // what a program importing debug/buildinfo has in rodata: the magic, then unrelated bytes
        System.arraycopy(ElfBinaryReader.GO_MAGIC, 0, body, 256, ElfBinaryReader.GO_MAGIC.length);
        body[256 + 14] = 0x31;
        byte[] elf = ElfFixtures.elf(true, true, body, Map.of());
        assertThat(ElfBinaryReader.read(new ByteArrayInputStream(elf)).go().goVersion()).isEqualTo("go1.20.1");
    }

    @Test
    void thePointerLayoutOfGoBefore118IsReportedNotRead() throws Exception {
        byte[] body = new byte[4096];
        System.arraycopy(ElfBinaryReader.GO_MAGIC, 0, body, 512, ElfBinaryReader.GO_MAGIC.length);
        body[512 + 14] = 8;
        body[512 + 15] = 0; // little-endian, pointers
        byte[] elf = ElfFixtures.elf(true, true, body, Map.of());
        Sbom sbom = ScanImages.scan(tmp, ScanImages.layer(List.of(LayerEntry.file("bin/old", 0755, elf))));
        assertThat(sbom.packages()).isEmpty();
        assertThat(sbom.warnings()).singleElement().asString().contains("/bin/old").contains("pre-Go-1.18");
    }

    @Test
    void filesThatAreNotElfOrHaveNoBuildInfoGiveNothing() throws Exception {
        Sbom sbom = ScanImages.scan(tmp, ScanImages.layer(List.of(
                LayerEntry.file("bin/script", 0755, "#!/bin/sh\necho \u00ff Go buildinf:\n"),
                LayerEntry.file("bin/c-program", 0755, ElfFixtures.elf(true, true, new byte[10_000], Map.of())),
                LayerEntry.file("bin/true", 0755, Files.readAllBytes(Path.of("/usr/bin/true"))))));
        assertThat(sbom.packages()).isEmpty();
        assertThat(sbom.warnings()).isEmpty();
    }

    @Test
    void modInfoLinesOutOfPlaceAreWarnedAbout() {
        List<String> w = new ArrayList<>();
        GoBinaryCataloger.ModInfo info = GoBinaryCataloger.parse("=>\tx\tv1\ndep\t\t\nmod\tm\tv1.0.0\t\nweird line\n", w::add);
        assertThat(info.main()).isEqualTo(new GoBinaryCataloger.Module("m", "v1.0.0", null));
        assertThat(info.deps()).isEmpty();
        assertThat(w).hasSize(2);
    }

    @Test
    void stdlibVersionsAreTheToolchainsWithoutItsPrefix() {
        assertThat(GoBinaryCataloger.stdlibVersion("go1.19.8")).isEqualTo("1.19.8");
        assertThat(GoBinaryCataloger.stdlibVersion("go1.21.0 X:boringcrypto")).isEqualTo("1.21.0");
        assertThat(GoBinaryCataloger.stdlibVersion("go1.22rc1")).isEqualTo("1.22rc1");
        assertThat(GoBinaryCataloger.stdlibVersion("devel go1.23-abcdef")).isNull();
    }

    /** Any corruption of a valid file: a result or a clean warning, never an exception or a runaway read. */
    @Property(tries = 300)
    void mutatedBinariesNeverBreakTheReader(@ForAll long seed, @ForAll @IntRange(min = 1, max = 40) int flips) throws Exception {
        Random r = new Random(seed);
        byte[] elf = ElfFixtures.elf(r.nextBoolean(), r.nextBoolean(), ElfFixtures.goBody(2048, 1024, 8, true, "go1.21.5", MODINFO),
                Map.of(".dep-v0", new byte[]{0x78, (byte) 0x9c, 3, 0, 0, 0, 0, 1}));
        for (int i = 0; i < flips; i++) {
            int at = r.nextInt(10) < 5 ? r.nextInt(64) : 1024 + r.nextInt(Math.min(200, elf.length - 1024));
            elf[at] = (byte) r.nextInt(256);
        }
        if (r.nextBoolean()) {
            elf = Arrays.copyOf(elf, r.nextInt(elf.length));
        }
        ElfBinaryReader.ElfBinary b = ElfBinaryReader.read(new ByteArrayInputStream(elf));
        if (b != null && b.go() != null) {
            List<String> w = new ArrayList<>();
            GoBinaryCataloger.parse(b.go().modInfo(), w::add);
        }
    }

    /**
     * A real program built by the Debian Go toolchain, with a vendored dependency and a module replaced by a
     * local directory, read by lading and by {@code go version -m} (the oracle): as built for the host, as PIE,
     * stripped, and cross-compiled for 386 (32-bit) and s390x (big-endian).
     */
    @Test
    @Tag("integration")
    void aRealGoBinaryReadsAsGoVersionMPrintsIt() throws Exception {
        Tools.require("go", "golang-go");
        Path app = tmp.resolve("src/app");
        Files.createDirectories(app.resolve("vendor/example.com/lib"));
        Files.createDirectories(app.resolve("vendor/example.com/greet"));
        Files.writeString(app.resolve("go.mod"), "module example.com/app\n\ngo 1.19\n\nrequire (\n\texample.com/greet v0.0.0\n\texample.com/lib v1.4.0\n)\n\n"
                + "replace example.com/greet v0.0.0 => ../greet\n");
        Files.writeString(app.resolve("main.go"), "package main\n\nimport (\n\t\"example.com/greet\"\n\t\"example.com/lib\"\n)\n\n"
                + "func main() { println(greet.Hello(), lib.Answer) }\n");
        Files.writeString(app.resolve("vendor/modules.txt"), "# example.com/greet v0.0.0 => ../greet\n## explicit\nexample.com/greet\n"
                + "# example.com/lib v1.4.0\n## explicit\nexample.com/lib\n");
        Files.writeString(app.resolve("vendor/example.com/lib/lib.go"), "package lib\n\nconst Answer = 42\n");
        Files.writeString(app.resolve("vendor/example.com/greet/greet.go"), "package greet\n\nfunc Hello() string { return \"hi\" }\n");
        Path greet = tmp.resolve("src/greet");
        Files.createDirectories(greet);
        Files.writeString(greet.resolve("go.mod"), "module example.com/greet\n\ngo 1.19\n");
        Files.writeString(greet.resolve("greet.go"), "package greet\n\nfunc Hello() string { return \"hi\" }\n");
        String env = "HOME=" + tmp + " GOPATH=" + tmp.resolve("gopath") + " GOCACHE=" + tmp.resolve("gocache")
                + " GOFLAGS=-mod=vendor GOPROXY=off GOTOOLCHAIN=local CGO_ENABLED=0";
        // the host build, a position-independent one, a stripped one; then 32-bit little-endian and 64-bit big-endian
        // and the go command itself, which imports debug/buildinfo: the magic is also a constant in its rodata
        List<String> variants = List.of("", "-buildmode=pie", "-ldflags=-s -w", "GOARCH=386", "GOARCH=s390x", "the go command");
        Path bin = null;
        ElfBinaryReader.GoBuildInfo read = null;
        for (String variant : variants) {
            Path out = tmp.resolve("app" + variants.indexOf(variant));
            if (variant.equals("the go command")) {
                out = Path.of(Tools.ok(app, "sh", "-c", "env " + env + " go env GOROOT").strip(), "bin", "go");
            } else {
                String flags = variant.startsWith("GOARCH=") || variant.isEmpty() ? "" : "'" + variant + "'";
                String arch = variant.startsWith("GOARCH=") ? variant : "";
                Tools.ok(app, "sh", "-c", "env " + env + " " + arch + " go build " + flags + " -o " + out + " .");
            }
            String oracle = Tools.ok(app, "sh", "-c", "env " + env + " go version -m " + out);
            ElfBinaryReader.GoBuildInfo info;
            try (var in = Files.newInputStream(out)) {
                info = ElfBinaryReader.read(in).go();
            }
            List<String> lines = oracle.lines().toList();
            assertThat(info.goVersion()).as(variant).isEqualTo(lines.get(0).substring(lines.get(0).indexOf(": ") + 2).strip());
            List<String> oracleModules = lines.stream().skip(1).map(l -> l.substring(1))
                    .filter(l -> l.startsWith("mod\t") || l.startsWith("dep\t") || l.startsWith("=>\t") || l.startsWith("path\t")).toList();
            List<String> readModules = info.modInfo().lines()
                    .filter(l -> l.startsWith("mod\t") || l.startsWith("dep\t") || l.startsWith("=>\t") || l.startsWith("path\t")).toList();
            assertThat(readModules).as(variant).containsExactlyElementsOf(oracleModules).isNotEmpty();
            assertThat(info.modInfo()).as(variant).contains("\nbuild\t");
            if (variant.isEmpty()) {
                bin = out;
                read = info;
            }
        }

        Sbom sbom = ScanImages.scan(tmp, ScanImages.layer(List.of(LayerEntry.file("app", 0755, Files.readAllBytes(bin)))));
        String stdlib = GoBinaryCataloger.stdlibVersion(read.goVersion());
        assertThat(sbom.packages()).extracting(Package::name, Package::version, Package::purl).containsExactlyInAnyOrder(
                tuple("example.com/app", "(devel)", "pkg:golang/example.com/app"),
                tuple("example.com/greet", "(devel)", "pkg:golang/example.com/greet"),
                tuple("example.com/lib", "v1.4.0", "pkg:golang/example.com/lib@v1.4.0"),
                tuple("stdlib", stdlib, "pkg:golang/stdlib@" + stdlib));
        assertThat(sbom.warnings()).isEmpty();
    }
}
