package dev.lading.oci.archive;

import dev.lading.oci.Descriptor;
import dev.lading.oci.OciException;
import dev.lading.oci.archive.DockerArchive.Selection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static dev.lading.oci.archive.ArchiveFixtures.gzip;
import static dev.lading.oci.archive.ArchiveFixtures.layer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Damaged archives, by the hundred: every outcome must be a clean read or a clear refusal (OciException or an
 * IOException such as DigestMismatchException), never another runtime exception, a hang, or an out-of-memory.
 */
class CorruptArchiveTest {

    @TempDir
    Path dir;

    private static List<byte[]> sources() {
        byte[] base = layer(Map.of("etc/os-release", "ID=test\n", "bin/app", "#!/bin/sh\necho hi\n"));
        byte[] top = layer("app/config.yaml", "port: 8080\n");
        byte[] gz = gzip(top);
        return List.of(
                ArchiveFixtures.legacyArchive(ArchiveFixtures.image(List.of("app:1"), List.of(base, gz), List.of(base, top)),
                        ArchiveFixtures.plainImage(List.of("app:2"), base)).bytes(),
                ArchiveFixtures.docker25Archive(ArchiveFixtures.plainImage(List.of("app:1"), base, top), true).bytes(),
                ArchiveFixtures.containerdArchive(ArchiveFixtures.image(List.of("app:1"), List.of(gz), List.of(top)), "app:1").bytes());
    }

    @Test
    void damagedDockerArchivesAreReadOrRefusedCleanly() throws IOException {
        Random random = new Random(20240101);
        List<String> unexpected = new ArrayList<>();
        int source = 0;
        for (byte[] original : sources()) {
            for (int round = 0; round < 300; round++) {
                byte[] damaged = damage(original, random);
                Path file = dir.resolve("damaged-" + source + "-" + round + ".tar");
                Files.write(file, damaged);
                try (DockerArchiveReader r = DockerArchive.open(file, Selection.parse("@0"))) {
                    r.fetchManifest(r.resolve());
                    for (Descriptor d : r.manifest().layers()) {
                        try (InputStream in = r.openBlob(d)) {
                            in.transferTo(java.io.OutputStream.nullOutputStream());
                        }
                    }
                } catch (OciException | IOException expected) {
                    // a clear refusal
                } catch (RuntimeException | Error e) {
                    unexpected.add("source " + source + " round " + round + ": " + e);
                }
                Files.delete(file);
            }
            source++;
        }
        assertThat(unexpected).isEmpty();
    }

    @Test
    void damagedOciArchivesAreExtractedOrRefusedCleanly() throws IOException {
        Path layout = OciArchiveTest.writeLayout(dir.resolve("layout"), "v1");
        Path packed = dir.resolve("packed.tar");
        OciArchive.pack(layout, packed);
        byte[] original = Files.readAllBytes(packed);
        Random random = new Random(7);
        List<String> unexpected = new ArrayList<>();
        for (int round = 0; round < 300; round++) {
            Path file = dir.resolve("damaged-" + round + ".tar");
            Files.write(file, damage(original, random));
            Path target = dir.resolve("out-" + round);
            try {
                OciArchive.extract(file, target);
            } catch (OciException | IOException expected) {
                assertThat(target).doesNotExist();
            } catch (RuntimeException | Error e) {
                unexpected.add("round " + round + ": " + e);
            }
        }
        assertThat(unexpected).isEmpty();
    }

    private static void fixChecksum(byte[] tar, int header) {
        long sum = 0;
        for (int i = 0; i < 512; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : tar[header + i] & 0xff;
        }
        byte[] chk = String.format("%06o\0 ", sum).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(chk, 0, tar, header + 148, 8);
    }

    /** Flips bytes, overwrites a header field, or truncates. */
    private static byte[] damage(byte[] original, Random random) {
        byte[] b = original.clone();
        switch (random.nextInt(4)) {
            case 0 -> {
                int flips = 1 + random.nextInt(4);
                for (int i = 0; i < flips; i++) {
                    b[random.nextInt(b.length)] ^= (byte) (1 + random.nextInt(255));
                }
            }
            case 1 -> {
                // a header's size field: digits, junk, or base-256
                int header = 512 * random.nextInt(b.length / 512);
                for (int i = 124; i < 136; i++) {
                    b[header + i] = (byte) random.nextInt(256);
                }
                if (random.nextBoolean()) {
                    fixChecksum(b, header); // a hostile header, not a damaged one
                }
            }
            case 2 -> {
                int header = 512 * random.nextInt(b.length / 512);
                int len = 1 + random.nextInt(40);
                int at = header + random.nextInt(512 - len);
                for (int i = 0; i < len; i++) {
                    b[at + i] = (byte) random.nextInt(256);
                }
                if (random.nextBoolean()) {
                    fixChecksum(b, header);
                }
            }
            default -> {
                return java.util.Arrays.copyOf(b, random.nextInt(b.length));
            }
        }
        return b;
    }
}
