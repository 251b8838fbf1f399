package dev.lading.scan;

import dev.lading.oci.layer.EntryType;
import dev.lading.oci.layer.LayerEntry;
import dev.lading.oci.testing.TestImages;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageFilesTest {
    @TempDir
    Path tmp;
    final List<String> warnings = new ArrayList<>();

    private ImageFiles files(FileSelector selector, TestImages.Layer... layers) throws Exception {
        return ScanImages.files(tmp, selector, ImageFiles.Limits.DEFAULT, warnings, layers);
    }

    @Test
    void aFileDeletedByAWhiteoutInALaterLayerIsGone() throws Exception {
        TestImages.Layer base = ScanImages.layer(Map.of("etc/keep", "k", "etc/secret", "s", "opt/app/a", "a", "opt/app/b", "b"));
        TestImages.Layer delete = ScanImages.layer(List.of(LayerEntry.whiteout("etc/secret"), LayerEntry.whiteout("opt/app")));
        ImageFiles f = files(FileSelector.none(), base, delete);
        assertThat(f.get("/etc/keep")).isPresent();
        assertThat(f.get("/etc/secret")).isEmpty();
        assertThat(f.get("/opt/app/a")).isEmpty();
        assertThat(f.get("/opt/app")).isEmpty();
        assertThat(f.all().map(ImageFile::path)).doesNotContain("/etc/.wh.secret");
    }

    @Test
    void anOpaqueDirectoryHidesWhatLowerLayersPutInItButNotWhatItsOwnLayerDoes() throws Exception {
        TestImages.Layer base = ScanImages.layer(Map.of("srv/old1", "1", "srv/sub/old2", "2", "srvx", "not under srv/"));
        TestImages.Layer opaque = ScanImages.layer(List.of(LayerEntry.directory("srv", 0755), LayerEntry.opaque("srv"),
                LayerEntry.file("srv/new", 0644, "n")));
        ImageFiles f = files(FileSelector.none(), base, opaque);
        assertThat(f.under("/srv").map(ImageFile::path)).containsExactly("/srv/new");
        assertThat(f.get("/srvx")).isPresent();
    }

    @Test
    void eachFileRecordsTheLayerThatLastWroteItAndItsContentIsTheLatest() throws Exception {
        TestImages.Layer one = ScanImages.layer(Map.of("etc/os-release", "ID=debian\n", "etc/hostname", "a\n"));
        TestImages.Layer two = ScanImages.layer(Map.of("etc/os-release", "ID=alpine\n"));
        ImageFiles f = files(p -> p.equals("/etc/os-release") ? 1024 : 0, one, two);
        assertThat(f.layers()).containsExactly(one.descriptor().digest(), two.descriptor().digest());
        assertThat(f.get("/etc/os-release").orElseThrow().layer()).isEqualTo(two.descriptor().digest());
        assertThat(f.get("/etc/os-release").orElseThrow().text()).isEqualTo("ID=alpine\n");
        assertThat(f.get("/etc/hostname").orElseThrow().layer()).isEqualTo(one.descriptor().digest());
    }

    @Test
    void onlyTheContentsOfSelectedFilesAreKept() throws Exception {
        ImageFiles f = files(p -> p.endsWith(".txt") ? 100 : 0, ScanImages.layer(Map.of("a.txt", "A", "b.bin", "B")));
        assertThat(f.get("/a.txt").orElseThrow().hasContent()).isTrue();
        ImageFile bin = f.get("/b.bin").orElseThrow();
        assertThat(bin.hasContent()).isFalse();
        assertThat(bin.size()).isEqualTo(1);
        assertThatThrownBy(bin::text).isInstanceOf(IllegalStateException.class).hasMessageContaining("/b.bin");
    }

    @Test
    void aSelectedFileOverItsLimitIsNotReadAndSaysSo() throws Exception {
        ImageFiles f = files(p -> 10, ScanImages.layer(Map.of("big", "x".repeat(11), "small", "y")));
        assertThat(f.get("/big").orElseThrow().hasContent()).isFalse();
        assertThat(f.get("/small").orElseThrow().text()).isEqualTo("y");
        assertThat(warnings).singleElement().asString().contains("/big", "11 bytes", "limit of 10");
    }

    @Test
    void theTotalBudgetStopsKeepingFilesWithOneWarning() throws Exception {
        Map<String, String> many = new LinkedHashMap<>();
        for (int i = 0; i < 10; i++) {
            many.put("f" + i, "0123456789");
        }
        ImageFiles f = ScanImages.files(tmp, p -> 100, new ImageFiles.Limits(100, 35), warnings, ScanImages.layer(many));
        assertThat(f.all().filter(ImageFile::hasContent)).hasSize(3);
        assertThat(warnings).singleElement().asString().contains("35 bytes");
    }

    @Test
    void aHardLinkHasTheContentsOfItsTargetAndItsOwnLayer() throws Exception {
        TestImages.Layer one = ScanImages.layer(Map.of("usr/lib/os-release", "old"));
        TestImages.Layer two = ScanImages.layer(List.of(LayerEntry.directory("etc", 0755),
                LayerEntry.file("etc/os-release", 0644, "ID=debian\n"), LayerEntry.directory("usr", 0755),
                LayerEntry.directory("usr/lib", 0755), LayerEntry.hardlink("usr/lib/os-release", "etc/os-release")));
        ImageFiles f = files(p -> p.endsWith("os-release") ? 100 : 0, one, two);
        ImageFile link = f.get("/usr/lib/os-release").orElseThrow();
        assertThat(link.type()).isEqualTo(EntryType.FILE);
        assertThat(link.text()).isEqualTo("ID=debian\n");
        assertThat(link.layer()).isEqualTo(two.descriptor().digest());
    }

    @Test
    void aHardLinkToAMissingTargetIsSkippedWithAWarning() throws Exception {
        TestImages.Layer l = ScanImages.rawLayer(out -> {
            TarArchiveEntry link = new TarArchiveEntry("b", TarConstants.LF_LINK);
            link.setLinkName("nowhere");
            out.putArchiveEntry(link);
            out.closeArchiveEntry();
        });
        ImageFiles f = files(FileSelector.none(), l);
        assertThat(f.get("/b")).isEmpty();
        assertThat(warnings).singleElement().asString().contains("/b", "'nowhere'", "not in the image");
    }

    @Test
    void aFileReplacingADirectoryHidesTheDirectorysContents() throws Exception {
        TestImages.Layer one = ScanImages.layer(Map.of("opt/x/inner", "i"));
        TestImages.Layer two = ScanImages.layer(Map.of("opt/x", "now a file"));
        ImageFiles f = files(FileSelector.none(), one, two);
        assertThat(f.get("/opt/x").orElseThrow().type()).isEqualTo(EntryType.FILE);
        assertThat(f.get("/opt/x/inner")).isEmpty();
    }

    @Test
    void hostileNamesAreSkippedWithAWarningAndTheRestIsRead() throws Exception {
        // TestImages writes names as given, including ones lading's own writer refuses
        Map<String, String> hostile = new LinkedHashMap<>();
        hostile.put("../../etc/passwd", "root::0:0::/:/bin/sh\n");
        hostile.put("./ok//fine", "yes");
        hostile.put("a/./b/../c", "sneaky");
        ImageFiles f = files(FileSelector.none(), TestImages.layer(hostile));
        assertThat(f.all().map(ImageFile::path)).containsExactly("/ok/fine");
        assertThat(warnings).hasSize(2).allMatch(w -> w.contains("leaves the root"));
    }

    @Test
    void aSymlinkIsRecordedWithItsTargetAndNotFollowed() throws Exception {
        TestImages.Layer l = ScanImages.layer(List.of(LayerEntry.directory("etc", 0755), LayerEntry.symlink("etc/os-release", "../usr/lib/os-release")));
        ImageFile f = files(p -> 100, l).get("/etc/os-release").orElseThrow();
        assertThat(f.type()).isEqualTo(EntryType.SYMLINK);
        assertThat(f.linkTarget()).isEqualTo("../usr/lib/os-release");
        assertThat(f.hasContent()).isFalse();
    }

    @Test
    void aTruncatedLayerIsAnErrorNamingTheLayer() throws Exception {
        TestImages.Layer good = TestImages.randomLayer("blob", 200_000, 1);
        byte[] cut = java.util.Arrays.copyOf(good.compressed(), good.compressed().length / 2);
        TestImages.Layer broken = new TestImages.Layer(dev.lading.oci.Descriptor.of(good.descriptor().mediaType(), cut), good.diffId(), cut);
        assertThatThrownBy(() -> files(FileSelector.none(), broken))
                .hasMessageContaining("layer 1/1 (" + broken.descriptor().digest() + ")");
    }

    @Test
    void aLayerBlobChangedOnDiskIsAnErrorThoughItIsReadAheadOnAnotherThread() throws Exception {
        TestImages.Layer good = TestImages.randomLayer("blob", 3_000_000, 2);
        dev.lading.oci.layout.OciLayout layout = dev.lading.oci.layout.OciLayout.createOrOpen(tmp.resolve("tampered"));
        TestImages.store(layout, ScanImages.image(good), "t");
        // bytes added after the gzip member: the tar reads fine, only the digest check can notice
        java.nio.file.Files.write(layout.blobPath(good.descriptor().digest()), new byte[] {1, 2, 3},
                java.nio.file.StandardOpenOption.APPEND);
        try (dev.lading.oci.content.ContentReader reader = layout.reader("t")) {
            var ls = dev.lading.oci.content.ResolvedImage.load(reader, null).manifest().layers();
            assertThatThrownBy(() -> ImageFiles.read(reader, ls, FileSelector.none(), ImageFiles.Limits.DEFAULT, warnings::add))
                    .hasMessageContaining("layer 1/1 (" + good.descriptor().digest() + ")")
                    .hasMessageContaining("larger than its descriptor");
        }
    }

    @Test
    void normalizeRefusesEscapesAndTidiesTheRest() {
        assertThat(ImageFiles.normalize("./usr//lib/")).isEqualTo("/usr/lib");
        assertThat(ImageFiles.normalize("/abs/path")).isEqualTo("/abs/path");
        assertThat(ImageFiles.normalize("..")).isNull();
        assertThat(ImageFiles.normalize("./")).isNull();
        assertThat(ImageFiles.normalize("a/../../b")).isNull();
        assertThat(ImageFiles.normalize("usr/bin/env")).isEqualTo("/usr/bin/env");
        assertThat(ImageFiles.normalize("./etc/")).isEqualTo("/etc");
        assertThat(ImageFiles.normalize("a/./b//c/")).isEqualTo("/a/b/c");
        assertThat(ImageFiles.normalize(".../..x/x..")).isEqualTo("/.../..x/x..");
        assertThat(ImageFiles.normalize("a/..")).isNull();
        assertThat(ImageFiles.normalize("a/b\0c")).isNull();
        assertThat(ImageFiles.normalize("/")).isNull();
        assertThat(ImageFiles.normalize(".")).isNull();
    }
}
