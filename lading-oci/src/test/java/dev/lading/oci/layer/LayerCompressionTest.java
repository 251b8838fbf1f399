package dev.lading.oci.layer;

import dev.lading.oci.Descriptor;
import dev.lading.oci.Digest;
import dev.lading.oci.MediaType;
import dev.lading.oci.MediaType.Compression;
import dev.lading.oci.content.DigestMismatchException;
import dev.lading.oci.content.VerifyingInputStream;
import org.junit.jupiter.api.Test;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LayerCompressionTest {

    private static byte[] layer(Compression c) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new LayerWriter(LayerWriter.Options.of(c)).write(List.of(LayerEntry.file("f", 0644, "data ".repeat(1000))), out);
        return out.toByteArray();
    }

    @Test
    void detectsByMagicBytesAndLeavesTheStreamWhereItWas() throws IOException {
        for (Compression c : Compression.values()) {
            byte[] blob = layer(c);
            InputStream in = new BufferedInputStream(new ByteArrayInputStream(blob));
            assertThat(LayerCompression.detect(in)).isEqualTo(c);
            assertThat(in.readAllBytes()).isEqualTo(blob);
        }
        assertThat(LayerCompression.detect(new BufferedInputStream(new ByteArrayInputStream(new byte[] {0x1f})))).isEqualTo(Compression.NONE);
        assertThat(LayerCompression.detect(new BufferedInputStream(new ByteArrayInputStream(new byte[0])))).isEqualTo(Compression.NONE);
        assertThatThrownBy(() -> LayerCompression.detect(InputStream.nullInputStream())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void decompressGivesTheSameTarForEveryEncoding() throws IOException {
        byte[] plain = layer(Compression.NONE);
        for (Compression c : Compression.values()) {
            try (InputStream in = LayerCompression.decompress(new ByteArrayInputStream(layer(c)))) {
                assertThat(in.readAllBytes()).as(c.toString()).isEqualTo(plain);
            }
        }
    }

    @Test
    void diffIdIsTheHashOfTheTarAndTheBlobIsVerified() throws IOException {
        byte[] plain = layer(Compression.NONE);
        for (Compression c : Compression.values()) {
            byte[] blob = layer(c);
            assertThat(LayerCompression.diffId(new ByteArrayInputStream(blob)))
                    .isEqualTo(new LayerCompression.DiffIdResult(Digest.sha256(plain), plain.length));
            Descriptor wrong = Descriptor.of(MediaType.OCI_LAYER, Digest.sha256("x".getBytes(StandardCharsets.UTF_8)), blob.length);
            assertThatThrownBy(() -> LayerCompression.diffId(new VerifyingInputStream(new ByteArrayInputStream(blob), wrong, "layer")))
                    .as(c.toString()).isInstanceOf(DigestMismatchException.class);
        }
    }

    @Test
    void compressRejectsLevelsOutOfRange() {
        OutputStream sink = OutputStream.nullOutputStream();
        assertThatThrownBy(() -> LayerCompression.compress(sink, Compression.GZIP, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LayerCompression.compress(sink, Compression.ZSTD, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
