package dev.lading.oci.layer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

class ReproducibleGzipOutputStreamTest {

    @TempDir
    Path tmp;

    /** Half compressible text, half random bytes, so blocks differ in how well they compress. */
    private static byte[] data(int size, long seed) {
        byte[] d = new byte[size];
        Random r = new Random(seed);
        for (int i = 0; i < size; i++) {
            d[i] = (i / 4096) % 2 == 0 ? (byte) ('a' + (i % 26)) : (byte) r.nextInt();
        }
        return d;
    }

    private static byte[] gzip(byte[] data, int threads, int chunk) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ReproducibleGzipOutputStream gz = new ReproducibleGzipOutputStream(out, Deflater.DEFAULT_COMPRESSION, threads)) {
            for (int off = 0; off < data.length; off += chunk) {
                gz.write(data, off, Math.min(chunk, data.length - off));
            }
        }
        return out.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 4095, ReproducibleGzipOutputStream.BLOCK - 1, ReproducibleGzipOutputStream.BLOCK,
            ReproducibleGzipOutputStream.BLOCK + 1, 3 * ReproducibleGzipOutputStream.BLOCK + 12345})
    void anyThreadCountGivesTheSameBytesAndTheyDecompressBack(int size) throws Exception {
        byte[] in = data(size, size);
        byte[] one = gzip(in, 1, 8192);
        assertThat(gzip(in, 2, 100_000)).isEqualTo(one);
        // how the writes are cut does not matter either (byte by byte only where that stays fast)
        assertThat(gzip(in, 4, size > 100_000 ? 65536 : 1)).isEqualTo(one);
        try (GZIPInputStream back = new GZIPInputStream(new ByteArrayInputStream(one))) {
            assertThat(back.readAllBytes()).isEqualTo(in);
        }
        assertThat(one).startsWith(0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff);
    }

    @Test
    void gzipItselfReadsIt() throws Exception {
        byte[] in = data(2 * ReproducibleGzipOutputStream.BLOCK + 777, 7);
        Path file = tmp.resolve("x.gz");
        Files.write(file, gzip(in, 2, 65536));
        Process p = new ProcessBuilder("gzip", "-dc", file.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).isZero();
        assertThat(out).isEqualTo(in);
    }

    /** Two random blocks, then two blocks of text: the random ones are stored, the text still compresses. */
    private static byte[] randomThenText() {
        int block = ReproducibleGzipOutputStream.BLOCK;
        byte[] d = new byte[4 * block];
        new Random(3).nextBytes(d);
        for (int i = 2 * block; i < d.length; i++) {
            d[i] = (byte) ("the quick brown fox jumps over the lazy dog ".charAt(i % 44));
        }
        return d;
    }

    @Test
    void incompressibleBlocksAreStoredAndCompressibleOnesStillShrink() throws Exception {
        byte[] in = randomThenText();
        byte[] random = java.util.Arrays.copyOf(in, 2 * ReproducibleGzipOutputStream.BLOCK);
        byte[] randomOut = gzip(random, 2, 65536);
        // stored deflate blocks: 5 bytes per 64 KiB plus the gzip header and trailer, never more
        assertThat(randomOut.length).isLessThanOrEqualTo(random.length + random.length / 65535 * 5 + 64);
        byte[] mixedOut = gzip(in, 2, 65536);
        assertThat(mixedOut.length - randomOut.length).as("bytes for the text half").isLessThan(ReproducibleGzipOutputStream.BLOCK / 50);
        assertThat(gzip(in, 1, 8192)).isEqualTo(mixedOut);
        Path file = tmp.resolve("mixed.gz");
        Files.write(file, mixedOut);
        Process p = new ProcessBuilder("gzip", "-dc", file.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).isZero();
        assertThat(out).isEqualTo(in);
        // text first, then random, then text again: stored blocks between deflated ones, the last one final
        int block = ReproducibleGzipOutputStream.BLOCK;
        byte[] sandwich = new byte[3 * block + 4321];
        System.arraycopy(in, 2 * block, sandwich, 0, block);
        System.arraycopy(in, 0, sandwich, block, 2 * block);
        System.arraycopy(in, 2 * block, sandwich, 3 * block, 4321);
        try (GZIPInputStream back = new GZIPInputStream(new ByteArrayInputStream(gzip(sandwich, 2, 65536)))) {
            assertThat(back.readAllBytes()).isEqualTo(sandwich);
        }
        byte[] allRandom = new byte[2 * block + 200_000];
        new Random(9).nextBytes(allRandom);
        try (GZIPInputStream back = new GZIPInputStream(new ByteArrayInputStream(gzip(allRandom, 1, 65536)))) {
            assertThat(back.readAllBytes()).as("ending in a stored final block").isEqualTo(allRandom);
        }
    }

    @Test
    void theProbeJudgesBySamplesOfTheWholeBlock() {
        byte[] block = randomThenText();
        assertThat(ReproducibleGzipOutputStream.incompressible(java.util.Arrays.copyOf(block, ReproducibleGzipOutputStream.BLOCK))).isTrue();
        // random except one compressible stretch of 1/8 of the block near the end: not stored
        byte[] mostlyRandom = java.util.Arrays.copyOf(block, ReproducibleGzipOutputStream.BLOCK);
        java.util.Arrays.fill(mostlyRandom, mostlyRandom.length - 128 * 1024, mostlyRandom.length, (byte) 'x');
        assertThat(ReproducibleGzipOutputStream.incompressible(mostlyRandom)).isFalse();
        // ... but 16 KiB of it is not worth deflating the whole MiB: stored (at most those 16 KiB are not saved)
        java.util.Arrays.fill(mostlyRandom, 0, mostlyRandom.length - 16 * 1024, (byte) 0);
        System.arraycopy(block, 0, mostlyRandom, 0, mostlyRandom.length - 16 * 1024);
        assertThat(ReproducibleGzipOutputStream.incompressible(mostlyRandom)).isTrue();
        assertThat(ReproducibleGzipOutputStream.incompressible(new byte[100])).isFalse();
        // a tar of random files: a 512-byte header (mostly zeros) every 33 KiB does not make it worth deflating
        byte[] tarLike = java.util.Arrays.copyOf(block, ReproducibleGzipOutputStream.BLOCK);
        for (int off = 0; off + 512 < tarLike.length; off += 33 * 1024) {
            java.util.Arrays.fill(tarLike, off + 100, off + 512, (byte) 0);
        }
        assertThat(ReproducibleGzipOutputStream.incompressible(tarLike)).isTrue();
    }
}
