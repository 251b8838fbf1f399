package dev.lading.oci.layer;

import dev.lading.oci.MediaType.Compression;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** GNU tar reads what the writer writes, and the extractor applies what GNU tar writes. Skipped without /usr/bin/tar. */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class GnuTarInteropTest {
    private static final Path TAR = Path.of("/usr/bin/tar");

    @TempDir
    Path temp;

    @BeforeAll
    static void needsTar() {
        assumeTrue(Files.isExecutable(TAR), "GNU tar is not installed");
    }

    private static String run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("%s said: %s", String.join(" ", command), out).isZero();
        return out;
    }

    @Test
    void gnuTarListsAndExtractsAWrittenLayerWithNumericIds() throws Exception {
        String longName = "deep/" + "n".repeat(120) + "/file.txt";
        List<LayerEntry> entries = new ArrayList<>(List.of(
                LayerEntry.directory("deep", 0755),
                LayerEntry.directory("deep/" + "n".repeat(120), 0755),
                LayerEntry.file(longName, 0640, "long").withOwner(1000, 1001),
                LayerEntry.file("big-ids", 0644, "ids").withOwner(3_000_000L, 4_000_000L),
                LayerEntry.symlink("link", "n".repeat(150)),
                LayerEntry.file("ünïcode", 0644, "u")));
        Path layer = temp.resolve("layer.tar.gz");
        try (OutputStream out = Files.newOutputStream(layer)) {
            new LayerWriter(LayerWriter.Options.of(Compression.GZIP).withSourceDateEpoch(1_700_000_000L)).write(entries, out);
        }
        String listing = run(temp, TAR.toString(), "-tvzf", layer.toString());
        assertThat(listing).contains(longName).contains("1000/1001").contains("3000000/4000000")
                .contains("link -> " + "n".repeat(150)).contains("2023-11-14");
        assertThat(listing).doesNotContain("PaxHeaders"); // GNU tar understood the PAX headers, not shown them as files

        Path out = Files.createDirectory(temp.resolve("x"));
        run(out, TAR.toString(), "-xzf", layer.toString(), "--numeric-owner");
        assertThat(Files.readString(out.resolve(longName))).isEqualTo("long");
        assertThat(Files.readString(out.resolve("ünïcode"))).isEqualTo("u");
    }

    @Test
    void theExtractorAppliesAGnuTarPaxArchive() throws Exception {
        Path src = Files.createDirectory(temp.resolve("src"));
        Files.createDirectories(src.resolve("a/" + "b".repeat(130)));
        Files.writeString(src.resolve("a/" + "b".repeat(130) + "/f"), "from gnu tar");
        Files.createSymbolicLink(src.resolve("a/l"), Path.of("b".repeat(130) + "/f"));
        Files.createLink(src.resolve("a/hard"), src.resolve("a/" + "b".repeat(130) + "/f"));
        Path layer = temp.resolve("gnu.tar");
        run(src, TAR.toString(), "--format=pax", "--sort=name", "-cf", layer.toString(), "a");

        Path target = Files.createDirectory(temp.resolve("target"));
        ExtractionReport r;
        try (var in = Files.newInputStream(layer)) {
            r = new LayerExtractor(ExtractOptions.defaults().withOwnership(ExtractOptions.OwnershipMode.RECORD)).apply(in, target);
        }
        assertThat(Files.readString(target.resolve("a/" + "b".repeat(130) + "/f"))).isEqualTo("from gnu tar");
        assertThat(Files.readString(target.resolve("a/l"))).isEqualTo("from gnu tar");
        assertThat(Files.getAttribute(target.resolve("a/hard"), "unix:ino"))
                .isEqualTo(Files.getAttribute(target.resolve("a/" + "b".repeat(130) + "/f"), "unix:ino"));
        assertThat(r.hardlinks()).isEqualTo(1);
        assertThat(r.warnings()).isEmpty();
    }
}
