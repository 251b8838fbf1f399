package dev.lading.oci.archive;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeterministicTarTest {

    private static final String SHA512_NAME = "blobs/sha512/" + "e".repeat(128);
    private static final String LONG_UNSPLITTABLE = "x".repeat(180);
    private static final String LONG_SPLITTABLE = "d".repeat(120) + "/" + "f".repeat(90);

    private static byte[] sample() throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        DeterministicTar tar = new DeterministicTar(bos);
        tar.directory("blobs");
        tar.file(SHA512_NAME, "a".getBytes(StandardCharsets.UTF_8));
        tar.file(LONG_UNSPLITTABLE, "b".getBytes(StandardCharsets.UTF_8));
        tar.file(LONG_SPLITTABLE, "c".getBytes(StandardCharsets.UTF_8));
        tar.file("short", new ByteArrayInputStream(new byte[1000]), 1000);
        tar.finish();
        return bos.toByteArray();
    }

    @Test
    void longNamesSurviveAndEveryHeaderIsAnonymous() throws IOException {
        byte[] bytes = sample();
        List<String> names = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(bytes))) {
            TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                names.add(e.getName());
            }
        }
        assertThat(names).containsExactly("blobs/", SHA512_NAME, LONG_UNSPLITTABLE, LONG_SPLITTABLE, "short");

        // every raw header, PAX ones included: no owner name, uid/gid 0, mtime 0
        int headers = 0;
        for (int pos = 0; pos + 512 <= bytes.length; ) {
            byte[] h = Arrays.copyOfRange(bytes, pos, pos + 512);
            if (isZeros(h)) {
                break;
            }
            headers++;
            assertThat(Arrays.copyOfRange(h, 265, 329)).as("uname/gname").containsOnly(0);
            assertThat(new String(h, 108, 7, StandardCharsets.US_ASCII)).isEqualTo("0000000");
            assertThat(new String(h, 116, 7, StandardCharsets.US_ASCII)).isEqualTo("0000000");
            assertThat(new String(h, 136, 11, StandardCharsets.US_ASCII)).isEqualTo("00000000000");
            long size = Long.parseLong(new String(h, 124, 11, StandardCharsets.US_ASCII), 8);
            pos += 512 + (int) ((size + 511) / 512 * 512);
        }
        assertThat(headers).isEqualTo(8); // the three names over 100 bytes each need a PAX header
        assertThat(sample()).isEqualTo(bytes);
    }

    @Test
    void readByTheIndexToo() throws IOException {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("det", ".tar");
        try {
            java.nio.file.Files.write(file, sample());
            try (TarIndex index = TarIndex.open(file, "test")) {
                assertThat(index.entry(SHA512_NAME)).isPresent();
                assertThat(index.entry(LONG_UNSPLITTABLE).orElseThrow().size()).isEqualTo(1);
                assertThat(index.entry(LONG_SPLITTABLE)).isPresent();
                assertThat(index.entry("short").orElseThrow().size()).isEqualTo(1000);
            }
        } finally {
            java.nio.file.Files.delete(file);
        }
    }

    @Test
    void sizesPastTheOctalLimitUseAPaxSizeRecord() throws IOException {
        long eightGiB = 8L * 1024 * 1024 * 1024 + 3;
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        DeterministicTar tar = new DeterministicTar(bos);
        // the content is not there, so the copy fails after the header: enough to check the header
        assertThatThrownBy(() -> tar.file("big", new ByteArrayInputStream(new byte[0]), eightGiB))
                .isInstanceOf(IOException.class).hasMessageContaining("ended after 0 of " + eightGiB);
        assertThat(new String(bos.toByteArray(), StandardCharsets.ISO_8859_1)).contains("size=" + eightGiB + "\n");
    }

    @Test
    void aStreamLongerThanDeclaredIsRefused() {
        DeterministicTar tar = new DeterministicTar(new ByteArrayOutputStream());
        assertThatThrownBy(() -> tar.file("f", new ByteArrayInputStream(new byte[10]), 5))
                .isInstanceOf(IOException.class).hasMessageContaining("longer than its declared 5 bytes");
    }

    private static boolean isZeros(byte[] h) {
        for (byte b : h) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
