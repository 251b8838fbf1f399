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
}
