package dev.lading.build;

import dev.lading.oci.Digest;
import dev.lading.oci.layer.LayerEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ContentHashesTest {

    @TempDir
    Path tmp;

    private static List<LayerEntry> entry(Path file) throws Exception {
        return List.of(new LayerEntry("f", dev.lading.oci.layer.EntryType.FILE, 0644, 0, 0, null, Files.size(file),
                new FileContent(file), null, 0, 0));
    }

    @Test
    void aRememberedDigestIsUsedUntilTheFileChangesEvenWithTheSameSizeAndMtime() throws Exception {
        Path file = tmp.resolve("f");
        Files.writeString(file, "aaaa");
        FileTime mtime = Files.getLastModifiedTime(file);
        Path memory = tmp.resolve("hashes.json");

        ContentHashes first = ContentHashes.open(memory, 0);
        String original = Builder.entriesDigest(entry(file), first);
        first.save();
        assertThat(original).isEqualTo(Builder.entriesDigest(entry(file)));
        assertThat(Files.readString(memory)).contains(Digest.sha256("aaaa".getBytes()).hex());

        // The memory is really used: a remembered digest that was tampered with shows up in the result.
        Files.writeString(memory, Files.readString(memory).replace(Digest.sha256("aaaa".getBytes()).hex(),
                Digest.sha256("zzzz".getBytes()).hex()));
        assertThat(Builder.entriesDigest(entry(file), ContentHashes.open(memory, 0))).isNotEqualTo(original);

        // Same size, mtime put back: ctime moved, so the file is read again and the new content counts.
        ContentHashes again = ContentHashes.open(memory, 0);
        Files.writeString(file, "bbbb");
        Files.setLastModifiedTime(file, mtime);
        assertThat(Builder.entriesDigest(entry(file), again)).isEqualTo(Builder.entriesDigest(entry(file)))
                .isNotEqualTo(original);
    }

    @Test
    void aFileChangedJustNowIsNotRemembered() throws Exception {
        Path file = tmp.resolve("f");
        Files.writeString(file, "fresh");
        Path memory = tmp.resolve("hashes.json");
        ContentHashes h = ContentHashes.open(memory);
        Builder.entriesDigest(entry(file), h);
        h.save();
        assertThat(Files.exists(memory)).isFalse();
    }

    @Test
    void aDamagedMemoryOnlyCostsHashing() throws Exception {
        Path file = tmp.resolve("f");
        Files.writeString(file, "x");
        Path memory = tmp.resolve("hashes.json");
        Files.writeString(memory, "{not json");
        assertThat(Builder.entriesDigest(entry(file), ContentHashes.open(memory, 0))).isEqualTo(Builder.entriesDigest(entry(file)));
    }
}
