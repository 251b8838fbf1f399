package dev.lading.oci.layer;

import dev.lading.oci.MediaType.Compression;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Corrupted layers (random byte flips, seeded so failures reproduce) must either apply or fail with a
 * {@link LayerException}: never another exception type, never a write outside the target. For a longer run:
 * {@code -DargLine=-Dfuzz.n=5000} (5000 mutations passed when this was written).
 */
class LayerExtractorFuzzTest {

    @TempDir
    Path temp;

    @Test
    void corruptedLayersFailCleanlyAndStayInsideTheTarget() throws IOException {
        Path outside = Files.createDirectory(temp.resolve("outside"));
        Files.writeString(outside.resolve("secret"), "original");
        List<LayerEntry> entries = new ArrayList<>(List.of(
                LayerEntry.directory("etc", 0755),
                LayerEntry.file("etc/" + "long-".repeat(30), 0644, "long name"),
                LayerEntry.symlink("etc/up", "../../.."),
                LayerEntry.symlink("etc/abs", outside.toString()),
                LayerEntry.file("etc/data", 0600, "data ".repeat(300)).withOwner(1000, 1000),
                LayerEntry.hardlink("etc/data2", "etc/data"),
                LayerEntry.file("bin/x", 04755, "x").withXattrs(Map.of("security.capability", new byte[] {1, 2, 3})),
                LayerEntry.whiteout("var/gone"),
                LayerEntry.opaque("opt")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new LayerWriter(LayerWriter.Options.of(Compression.NONE)).write(entries, out);
        byte[] tar = out.toByteArray();
        Map<String, String> before = snapshot(outside);

        Random random = new Random(20260101);
        int applied = 0;
        for (int i = 0; i < Integer.getInteger("fuzz.n", 400); i++) {
            byte[] mutated = tar.clone();
            int flips = 1 + random.nextInt(8);
            for (int f = 0; f < flips; f++) {
                int pos = random.nextInt(Math.min(mutated.length, 6 * 512)); // mostly headers and PAX records
                mutated[pos] = (byte) random.nextInt(256);
            }
            if (random.nextInt(5) == 0) {
                mutated = java.util.Arrays.copyOf(mutated, random.nextInt(mutated.length));
            }
            Path target = Files.createDirectory(temp.resolve("t" + i));
            try {
                new LayerExtractor(ExtractOptions.defaults().withOwnership(ExtractOptions.OwnershipMode.RECORD)
                        .withMaxTotalBytes(1 << 20)).apply(new ByteArrayInputStream(mutated), target);
                applied++;
            } catch (LayerException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            } catch (RuntimeException | IOException e) {
                throw new AssertionError("mutation " + i + " escaped as " + e, e);
            }
            assertThat(snapshot(outside)).as("mutation %d", i).isEqualTo(before);
            try (Stream<Path> top = Files.list(temp)) {
                assertThat(top.map(p -> p.getFileName().toString()))
                        .as("mutation %d wrote beside the targets", i)
                        .allMatch(n -> n.equals("outside") || n.matches("t\\d+"));
            }
        }
        assertThat(applied).as("some mutations are harmless and must still apply").isPositive();
    }

    private static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> snap = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                snap.put(dir.relativize(p).toString(), Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                        ? Files.readString(p) + Files.getAttribute(p, "unix:nlink") : "other");
            }
        }
        return snap;
    }
}
