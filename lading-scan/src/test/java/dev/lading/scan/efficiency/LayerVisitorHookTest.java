package dev.lading.scan.efficiency;

import dev.lading.oci.layer.LayerEntry;
import dev.lading.oci.testing.TestImages;
import dev.lading.scan.FileSelector;
import dev.lading.scan.ImageFile;
import dev.lading.scan.ImageFiles;
import dev.lading.scan.LayerVisitor;
import dev.lading.scan.secrets.ImageFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The one-pass hook in ImageFiles: visitors see every entry, and reading content disturbs nothing else. */
class LayerVisitorHookTest {
    @TempDir
    Path tmp;

    @Test
    void visitorsSeeRawEntriesAndTheirContentWhileTheFinalViewStaysTheSame() throws Exception {
        String big = "0123456789".repeat(2000);
        TestImages.Layer l0 = ImageFixture.layer(LayerEntry.directory("etc", 0755), LayerEntry.file("etc/conf", 0644, big),
                LayerEntry.file("etc/gone", 0644, "bye"), LayerEntry.directory("d", 0755), LayerEntry.file("d/x", 0644, "x"));
        TestImages.Layer l1 = ImageFixture.layer(LayerEntry.whiteout("etc/gone"), LayerEntry.opaque("d"),
                LayerEntry.symlink("etc/link", "conf"));
        List<String> seen = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        LayerVisitor recorder = new LayerVisitor() {
            @Override
            public void layerStart(Layer layer) {
                seen.add("start " + layer.index() + "/" + layer.count());
            }

            @Override
            public long contentLimit(Layer layer, Entry entry) {
                return 5;
            }

            @Override
            public void entry(Layer layer, Entry entry, Content content) throws IOException {
                seen.add(entry.kind() + " " + entry.path() + " " + entry.size());
                if (content != null) {
                    try (InputStream in = content.open()) {
                        in.readNBytes(2);
                    }
                    try (InputStream in = content.open()) {
                        prefixes.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    }
                }
            }

            @Override
            public void layerEnd(Layer layer, long uncompressedBytes) {
                seen.add("end " + layer.index() + " " + (uncompressedBytes > 0));
            }
        };
        LayerVisitor second = new LayerVisitor() {
            @Override
            public void entry(Layer layer, Entry entry, Content content) {
                assertThat(content).isNull();
            }
        };
        ImageFiles files;
        try (ImageFixture.Opened o = ImageFixture.open(tmp, ImageFixture.image(l0, l1))) {
            files = ImageFiles.read(o.reader(), o.image().manifest().layers(), p -> p.equals("/etc/conf") ? 1 << 20 : 0, null,
                    ImageFiles.Limits.DEFAULT, w -> {
                    }, LayerVisitor.all(List.of(recorder, second)));
        }
        assertThat(seen).containsExactly("start 0/2", "DIRECTORY /d 0", "FILE /d/x 1", "DIRECTORY /etc 0", "FILE /etc/conf 20000",
                "FILE /etc/gone 3", "end 0 true", "start 1/2", "OPAQUE_WHITEOUT /d 0", "WHITEOUT /etc/gone 0",
                "SYMLINK /etc/link 0", "end 1 true");
        assertThat(prefixes).containsExactly("x", "01234", "bye");
        // the kept content is whole although the visitor read its first bytes first
        assertThat(files.get("/etc/conf").map(ImageFile::text)).hasValue(big);
        assertThat(files.get("/etc/gone")).isEmpty();
        assertThat(files.get("/d/x")).isEmpty();
        assertThat(FileSelector.none().keepLimit("/x")).isZero();
    }

    @Test
    void contentTakenAsOneArrayIsTheLimitedPrefixAndTheWalkStillKeepsTheWholeFile() throws Exception {
        String big = "abcdefghij".repeat(5000);
        TestImages.Layer l0 = ImageFixture.layer(LayerEntry.file("etc/conf", 0644, big), LayerEntry.file("etc/small", 0644, "tiny"));
        List<String> taken = new ArrayList<>();
        LayerVisitor arrays = new LayerVisitor() {
            @Override
            public long contentLimit(Layer layer, Entry entry) {
                return 30000;
            }

            @Override
            public void entry(Layer layer, Entry entry, Content content) throws IOException {
                if (content != null) {
                    byte[] all = content.bytes();
                    // and the same bytes again from the start, as a stream
                    try (InputStream in = content.open()) {
                        assertThat(in.readAllBytes()).isEqualTo(all);
                    }
                    taken.add(new String(all, StandardCharsets.UTF_8));
                }
            }
        };
        ImageFiles files;
        try (ImageFixture.Opened o = ImageFixture.open(tmp, ImageFixture.image(l0))) {
            files = ImageFiles.read(o.reader(), o.image().manifest().layers(), p -> 1 << 20, null, ImageFiles.Limits.DEFAULT, w -> {
            }, arrays);
        }
        assertThat(taken).containsExactly(big.substring(0, 30000), "tiny");
        assertThat(files.get("/etc/conf").map(ImageFile::text)).hasValue(big);
        assertThat(files.get("/etc/small").map(ImageFile::text)).hasValue("tiny");
    }
}
