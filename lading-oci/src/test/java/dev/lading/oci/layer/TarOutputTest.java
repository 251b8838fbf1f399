package dev.lading.oci.layer;

import dev.lading.oci.Digest;
import dev.lading.oci.MediaType.Compression;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TarOutputTest {

    /** Every kind of header the encoder writes: plain USTAR, and PAX for what does not fit. */
    static List<LayerEntry> everyHeaderKind() {
        List<LayerEntry> entries = new ArrayList<>(LayerWriterTest.sample());
        entries.add(LayerEntry.file("big-ids", 0640, "ids beyond the octal fields").withOwner(3_000_000_000L, 2_097_152L));
        entries.add(LayerEntry.file("x".repeat(150), 0644, "a name longer than 100 bytes"));
        entries.add(LayerEntry.file("caf\u00e9", 0644, "a non-ASCII name"));
        entries.add(LayerEntry.symlink("far", "t/".repeat(60) + "target"));
        entries.add(LayerEntry.device("dev/null", EntryType.CHAR_DEVICE, 0666, 1, 3));
        entries.add(LayerEntry.file("cap", 0755, "with an xattr")
                .withXattrs(Map.of("security.capability", new byte[] {1, 0, 0, 2, 0, 0x20, 0, 0})));
        return entries;
    }

    @Test
    void theBytesOfALayerArePinned() throws IOException {
        // A layer's digest is its identity: an encoder change would give every rebuilt image new digests and miss
        // every cache entry made by an earlier version. This digest was taken from the encoder as released.
        byte[] tar = LayerWriterTest.write(everyHeaderKind(),
                LayerWriter.Options.of(Compression.NONE).withSourceDateEpoch(1_700_000_000L));
        assertThat(Digest.sha256(tar).toString()).isEqualTo("sha256:3f6d9e881891e44b6a2fa5f4d6983d4818ffcf0c09fe62d8526433ad8e7a6584");
    }

    @Test
    void headersCarryTheValuesAndChecksumsOtherTarReadersCheck() throws IOException {
        byte[] tar = LayerWriterTest.write(everyHeaderKind(),
                LayerWriter.Options.of(Compression.NONE).withSourceDateEpoch(1_700_000_000L));
        // commons-compress verifies every header checksum as it reads
        List<TarArchiveEntry> read = LayerWriterTest.readAll(tar);
        TarArchiveEntry ids = read.stream().filter(e -> e.getName().equals("big-ids")).findFirst().orElseThrow();
        assertThat(ids.getLongUserId()).isEqualTo(3_000_000_000L);
        assertThat(ids.getLongGroupId()).isEqualTo(2_097_152L);
        assertThat(ids.getMode() & 07777).isEqualTo(0640);
        assertThat(ids.getModTime().getTime()).isEqualTo(1_700_000_000_000L);
        TarArchiveEntry dev = read.stream().filter(e -> e.getName().equals("dev/null")).findFirst().orElseThrow();
        assertThat(dev.getDevMajor()).isEqualTo(1);
        assertThat(dev.getDevMinor()).isEqualTo(3);
    }

    @Test
    void octalFieldsAreZeroPaddedAndNulTerminatedAndRefuseWhatDoesNotFit() {
        byte[] h = new byte[12];
        TarOutput.putOctal(h, 0, 8, 0755);
        assertThat(new String(h, 0, 8, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("0000755\0");
        TarOutput.putOctal(h, 0, 12, 077777777777L);
        assertThat(new String(h, 0, 12, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("77777777777\0");
        TarOutput.putOctal(h, 0, 8, 0);
        assertThat(new String(h, 0, 8, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("0000000\0");
        assertThatThrownBy(() -> TarOutput.putOctal(h, 0, 8, 010000000L)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> TarOutput.putOctal(h, 0, 8, -1)).isInstanceOf(IllegalStateException.class);
    }
}
