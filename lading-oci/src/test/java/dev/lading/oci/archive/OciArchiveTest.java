package dev.lading.oci.archive;

import dev.lading.oci.Descriptor;
import dev.lading.oci.Digest;
import dev.lading.oci.Index;
import dev.lading.oci.Manifest;
import dev.lading.oci.MediaType;
import dev.lading.oci.OciException;
import dev.lading.oci.archive.ArchiveFixtures.TarBuilder;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static dev.lading.oci.archive.ArchiveFixtures.gzip;
import static dev.lading.oci.archive.ArchiveFixtures.layer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OciArchiveTest {

    @TempDir
    Path dir;

    /** A small OCI layout: one image, one gzip layer, tagged {@code tag}. Returns the layout directory. */
    static Path writeLayout(Path layout, String tag) throws IOException {
        byte[] tar = layer(Map.of("hello.txt", "hello\n"));
        byte[] gz = gzip(tar);
        byte[] config = ArchiveFixtures.config(List.of(tar));
        Descriptor configDescriptor = Descriptor.of(MediaType.OCI_CONFIG, config);
        Descriptor layerDescriptor = Descriptor.of(MediaType.OCI_LAYER_GZIP, gz);
        byte[] manifest = Manifest.oci(configDescriptor, List.of(layerDescriptor), null).toJson();
        Descriptor manifestDescriptor = Descriptor.of(MediaType.OCI_MANIFEST, manifest)
                .withAnnotations(Map.of(Descriptor.ANNOTATION_REF_NAME, tag));
        Path blobs = Files.createDirectories(layout.resolve("blobs/sha256"));
        for (byte[] blob : List.of(config, gz, manifest)) {
            Files.write(blobs.resolve(Digest.sha256(blob).hex()), blob);
        }
        Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        Files.write(layout.resolve("index.json"), Index.oci(List.of(manifestDescriptor)).toJson());
        return layout;
    }

    private static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.toList()) {
                String name = root.relativize(p).toString();
                out.put(name, Files.isDirectory(p) ? "<dir>" : Digest.sha256(Files.readAllBytes(p)).toString());
            }
        }
        return out;
    }

    @Test
    void packThenExtractGivesTheSameLayout() throws IOException {
        Path layout = writeLayout(dir.resolve("layout"), "v1");
        Path tar = dir.resolve("image.tar");
        OciArchive.pack(layout, tar);
        Path extracted = dir.resolve("extracted");
        OciArchive.extract(tar, extracted);
        assertThat(tree(extracted)).isEqualTo(tree(layout));
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(extracted)))
                .isEqualTo("rwxr-xr-x");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(tar)))
                .isEqualTo("rw-r--r--");
    }

    @Test
    void packIsDeterministicAndLeaksNothingFromTheHost() throws IOException {
        Path layout = writeLayout(dir.resolve("layout"), "v1");
        OciArchive.pack(layout, dir.resolve("a.tar"));
        // touching files must not change the archive
        try (Stream<Path> walk = Files.walk(layout)) {
            for (Path p : walk.toList()) {
                Files.setLastModifiedTime(p, java.nio.file.attribute.FileTime.fromMillis(1_700_000_000_000L));
            }
        }
        OciArchive.pack(layout, dir.resolve("b.tar"));
        assertThat(Files.readAllBytes(dir.resolve("a.tar"))).isEqualTo(Files.readAllBytes(dir.resolve("b.tar")));

        List<String> names = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(dir.resolve("a.tar")))) {
            TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                names.add(e.getName());
                assertThat(e.getModTime().getTime()).isZero();
                assertThat(e.getLongUserId()).isZero();
                assertThat(e.getUserName()).isEmpty();
                assertThat(e.getGroupName()).isEmpty();
            }
        }
        assertThat(names).isSorted();
        assertThat(names.subList(0, 2)).containsExactly("blobs/", "blobs/sha256/");
        assertThat(names.subList(names.size() - 2, names.size())).containsExactly("index.json", "oci-layout");
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("."));
        }
    }

    @Test
    void packRefusesSymlinksStrayFilesAndCorruptBlobs() throws IOException {
        Path layout = writeLayout(dir.resolve("layout"), "v1");
        Files.createSymbolicLink(layout.resolve("blobs/sha256/" + "a".repeat(64)), Path.of("/etc/passwd"));
        assertThatThrownBy(() -> OciArchive.pack(layout, dir.resolve("x.tar")))
                .isInstanceOf(OciException.class).hasMessageContaining("is a symbolic link");
        Files.delete(layout.resolve("blobs/sha256/" + "a".repeat(64)));

        Files.writeString(layout.resolve("notes.txt"), "hi");
        assertThatThrownBy(() -> OciArchive.pack(layout, dir.resolve("x.tar")))
                .isInstanceOf(OciException.class).hasMessageContaining("notes.txt is not part of an OCI layout");
        Files.delete(layout.resolve("notes.txt"));

        Files.writeString(layout.resolve("blobs/sha256/" + "b".repeat(64)), "not b's content");
        assertThatThrownBy(() -> OciArchive.pack(layout, dir.resolve("x.tar")))
                .isInstanceOf(OciException.class).hasMessageContaining("does not match its name");
        assertThat(dir.resolve("x.tar")).doesNotExist();
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("."));
        }
    }

    @Test
    void packRefusesADirectoryThatIsNotALayout() throws IOException {
        Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> OciArchive.pack(dir.resolve("empty"), dir.resolve("x.tar")))
                .isInstanceOf(OciException.class).hasMessageContaining("oci-layout and index.json are required");
    }

    // ------------------------------------------------------------------ hostile archives

    private TarBuilder validArchive() throws IOException {
        Path layout = writeLayout(dir.resolve("src-" + System.nanoTime()), "v1");
        TarBuilder t = new TarBuilder();
        t.directory("blobs/").directory("blobs/sha256/");
        try (Stream<Path> s = Files.list(layout.resolve("blobs/sha256"))) {
            for (Path p : s.sorted().toList()) {
                t.file("blobs/sha256/" + p.getFileName(), Files.readAllBytes(p));
            }
        }
        t.file("index.json", Files.readAllBytes(layout.resolve("index.json")));
        t.file("oci-layout", Files.readAllBytes(layout.resolve("oci-layout")));
        return t;
    }

    private void assertExtractRefused(TarBuilder archive, String message) throws IOException {
        Path tar = archive.writeTo(dir.resolve("hostile.tar"));
        Path target = dir.resolve("target");
        assertThatThrownBy(() -> OciArchive.extract(tar, target))
                .isInstanceOf(OciException.class).hasMessageContaining(message);
        assertThat(target).doesNotExist();
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("."));
        }
        assertThat(dir.getParent().resolve("evil")).doesNotExist();
    }

    @Test
    void extractAcceptsDotSlashNamesAndGzip() throws IOException {
        TarBuilder t = new TarBuilder().directory("./");
        Path layout = writeLayout(dir.resolve("layout"), "v1");
        t.directory("./blobs/").directory("./blobs/sha256/");
        try (Stream<Path> s = Files.list(layout.resolve("blobs/sha256"))) {
            for (Path p : s.sorted().toList()) {
                t.file("./blobs/sha256/" + p.getFileName(), Files.readAllBytes(p));
            }
        }
        t.file("./oci-layout", Files.readAllBytes(layout.resolve("oci-layout")));
        t.file("./index.json", Files.readAllBytes(layout.resolve("index.json")));
        Path tgz = dir.resolve("image.tar.gz");
        Files.write(tgz, gzip(t.bytes()));
        Path target = Files.createDirectories(dir.resolve("target")); // an existing empty directory is fine
        OciArchive.extract(tgz, target);
        assertThat(tree(target)).isEqualTo(tree(layout));
    }

    @Test
    void extractRefusesTraversal() throws IOException {
        assertExtractRefused(validArchive().file("../evil", new byte[1]), "contains '..'");
        assertExtractRefused(validArchive().file("blobs/../../evil", new byte[1]), "contains '..'");
    }

    @Test
    void extractRefusesAbsolutePaths() throws IOException {
        assertExtractRefused(validArchive().file("/tmp/evil", new byte[1]), "absolute path");
    }

    @Test
    void extractRefusesLinksAndSpecialFiles() throws IOException {
        assertExtractRefused(validArchive().symlink("blobs/sha256/" + "c".repeat(64), "/etc/passwd"), "symbolic link");
        assertExtractRefused(validArchive().hardlink("blobs/sha256/" + "c".repeat(64), "index.json"), "hard link");
        assertExtractRefused(validArchive().special("blobs/sha256/" + "c".repeat(64), TarArchiveEntry.LF_CHR), "device node");
        assertExtractRefused(validArchive().special("blobs/sha256/" + "c".repeat(64), TarArchiveEntry.LF_FIFO), "named pipe");
    }

    @Test
    void extractRefusesNamesOutsideTheLayoutShape() throws IOException {
        assertExtractRefused(validArchive().file("etc/passwd", new byte[1]), "unexpected entry 'etc/passwd'");
        assertExtractRefused(validArchive().file("blobs/sha256/abc/def", new byte[1]), "unexpected entry");
        assertExtractRefused(validArchive().file("blobs/sha256/not-hex", new byte[1]), "unexpected entry");
        assertExtractRefused(validArchive().file("blobs/file", new byte[1]), "must be a directory");
        assertExtractRefused(validArchive().directory("index.json/"), "must be a regular file");
    }

    @Test
    void extractRefusesCorruptBlobsDuplicatesAndMissingFiles() throws IOException {
        assertExtractRefused(validArchive().file("blobs/sha256/" + "d".repeat(64), "x".getBytes(StandardCharsets.UTF_8)),
                "does not match its name");
        assertExtractRefused(validArchive().file("index.json", "{}".getBytes(StandardCharsets.UTF_8)), "'index.json' twice");
        assertExtractRefused(new TarBuilder().directory("blobs/").file("index.json",
                Index.oci(List.of()).toJson()), "no oci-layout");
        assertExtractRefused(new TarBuilder().file("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8))
                .file("index.json", "not json".getBytes(StandardCharsets.UTF_8)), "index.json");
    }

    @Test
    void extractRefusesTruncatedArchives() throws IOException {
        byte[] full = validArchive().bytes();
        Path tar = dir.resolve("truncated.tar");
        Files.write(tar, java.util.Arrays.copyOf(full, 3 * 512 + 100));
        assertThatThrownBy(() -> OciArchive.extract(tar, dir.resolve("target")))
                .isInstanceOf(OciException.class).hasMessageContaining("truncated");
        assertThat(dir.resolve("target")).doesNotExist();
    }

    @Test
    void extractRefusesANonEmptyTarget() throws IOException {
        Path tar = validArchive().writeTo(dir.resolve("ok.tar"));
        Path target = Files.createDirectories(dir.resolve("target"));
        Files.writeString(target.resolve("keep.txt"), "mine");
        assertThatThrownBy(() -> OciArchive.extract(tar, target))
                .isInstanceOf(OciException.class).hasMessageContaining("is not empty");
        assertThat(target.resolve("keep.txt")).hasContent("mine");
    }
}
