package dev.lading.cli;

import dev.lading.oci.Descriptor;
import dev.lading.oci.Digest;
import dev.lading.oci.ImageConfig;
import dev.lading.oci.MediaType;
import dev.lading.oci.Platform;
import dev.lading.oci.content.ResolvedImage;
import dev.lading.oci.layer.LayerEntry;
import dev.lading.oci.layer.LayerResult;
import dev.lading.oci.layer.LayerWriter;
import dev.lading.oci.layout.OciLayout;
import dev.lading.oci.testing.TestImages;
import dev.lading.oci.testing.Tools;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class ImportUnpackTest {

    @TempDir
    Path tmp;

    private Path rootfs() throws Exception {
        Path root = tmp.resolve("rootfs");
        Files.createDirectories(root.resolve("etc"));
        Files.createDirectories(root.resolve("app"));
        Files.writeString(root.resolve("etc/hostname"), "box\n");
        Files.writeString(root.resolve("app/run.sh"), "#!/bin/sh\necho run\n");
        Files.createSymbolicLink(root.resolve("app/current"), Path.of("run.sh"));
        return root;
    }

    @Test
    void importIsReproducibleAndAppliesChanges() throws Exception {
        Path root = rootfs();
        Map<String, String> env = Map.of("SOURCE_DATE_EPOCH", "1700000000");
        Cli.Result a = Cli.runProcess(env, "import", "-q", root.toString(), "-t", "oci:" + tmp.resolve("a") + ":x",
                "--change", "USER 65532:65532", "--change", "ENV A=1 B=\"two words\"", "--change", "CMD run.sh --fast",
                "--change", "EXPOSE 8080", "--change", "LABEL org.opencontainers.image.version=2.0", "--platform", "linux/arm64");
        assertThat(a.exitCode()).as(a.err()).isZero();
        // a different mtime on disk must not change the layer
        Files.setLastModifiedTime(root.resolve("etc/hostname"), java.nio.file.attribute.FileTime.fromMillis(12345));
        Cli.Result b = Cli.runProcess(env, "import", "-q", root.toString(), "-t", "oci:" + tmp.resolve("b") + ":x",
                "--change", "USER 65532:65532", "--change", "ENV A=1 B=\"two words\"", "--change", "CMD run.sh --fast",
                "--change", "EXPOSE 8080", "--change", "LABEL org.opencontainers.image.version=2.0", "--platform", "linux/arm64");
        assertThat(b.out().trim()).isEqualTo(a.out().trim()).startsWith("sha256:");

        ResolvedImage img = ResolvedImage.load(OciLayout.open(tmp.resolve("a")).reader("x"), Platform.parse("linux/arm64"));
        ImageConfig c = img.config();
        assertThat(c.created()).isEqualTo("2023-11-14T22:13:20Z");
        assertThat(c.architecture()).isEqualTo("arm64");
        assertThat(c.config().user()).isEqualTo("65532:65532");
        assertThat(c.config().env()).containsExactly("A=1", "B=two words");
        assertThat(c.config().cmd()).containsExactly("/bin/sh", "-c", "run.sh --fast");
        assertThat(c.config().exposedPorts()).containsKey("8080/tcp");
        assertThat(c.config().labels()).containsEntry("org.opencontainers.image.version", "2.0");
    }

    @Test
    void importedImagesAreReadByUmociAndUnpackedBack() throws Exception {
        Tools.require("umoci", "umoci");
        Path root = rootfs();
        Path layout = tmp.resolve("layout");
        assertThat(Cli.run("import", "-q", root.toString(), "-t", "oci:" + layout + ":v1").exitCode()).isZero();
        Tools.ok(null, "umoci", "unpack", "--rootless", "--image", layout + ":v1", tmp.resolve("bundle").toString());
        assertThat(Files.readString(tmp.resolve("bundle/rootfs/etc/hostname"))).isEqualTo("box\n");

        Path out = tmp.resolve("out");
        Cli.Result unpack = Cli.run("unpack", "oci:" + layout + ":v1", out.toString());
        assertThat(unpack.exitCode()).as(unpack.err()).isZero();
        assertThat(Files.readString(out.resolve("app/run.sh"))).contains("echo run");
        assertThat(Files.readSymbolicLink(out.resolve("app/current"))).isEqualTo(Path.of("run.sh"));
    }

    @Test
    void importTakesTarballsAndRejectsOtherFiles() throws Exception {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(tar)) {
            byte[] data = "hi\n".getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry e = new TarArchiveEntry("hello.txt");
            e.setSize(data.length);
            t.putArchiveEntry(e);
            t.write(data);
            t.closeArchiveEntry();
        }
        Path plain = tmp.resolve("root.tar");
        Files.write(plain, tar.toByteArray());
        Path gz = tmp.resolve("root.tar.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
            o.write(tar.toByteArray());
        }
        for (Path p : List.of(plain, gz)) {
            Path layout = tmp.resolve("l-" + p.getFileName());
            Cli.Result r = Cli.run("import", "-q", p.toString(), "-t", "oci:" + layout + ":v1");
            assertThat(r.exitCode()).as(r.err()).isZero();
            ResolvedImage img = ResolvedImage.load(OciLayout.open(layout).reader("v1"), null);
            assertThat(img.config().diffIds()).containsExactly(Digest.sha256(tar.toByteArray()));
            assertThat(img.manifest().layers().get(0).mediaType()).isEqualTo(MediaType.OCI_LAYER_GZIP);
        }
        Path junk = tmp.resolve("junk.bin");
        Files.writeString(junk, "not a tar");
        Cli.Result bad = Cli.run("import", junk.toString(), "-t", "oci:" + tmp.resolve("x") + ":v1");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("neither a directory nor a tar archive");
        Cli.Result badChange = Cli.run("import", rootfs().toString(), "-t", "oci:" + tmp.resolve("y") + ":v1", "--change", "RUN rm -rf /");
        assertThat(badChange.exitCode()).isEqualTo(2);
        assertThat(badChange.err()).contains("RUN is not a config change");
    }

    @Test
    void unpackAppliesWhiteoutsAndRefusesHostileLayers() throws Exception {
        Path layoutDir = tmp.resolve("layered");
        OciLayout layout = OciLayout.createOrOpen(layoutDir);
        TestImages.Layer base = layer(List.of(LayerEntry.directory("etc", 0755), LayerEntry.file("etc/a", 0644, "a"),
                LayerEntry.file("etc/b", 0644, "b")));
        TestImages.Layer top = layer(List.of(LayerEntry.directory("etc", 0755), LayerEntry.whiteout("etc/a")));
        TestImages.store(layout, TestImages.image(Platform.host(), List.of(base, top), null), "ok");

        Path out = tmp.resolve("out");
        Cli.Result r = Cli.run("unpack", "-q", "oci:" + layoutDir + ":ok", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(out.resolve("etc/a")).doesNotExist();
        assertThat(Files.readString(out.resolve("etc/b"))).isEqualTo("b");

        Cli.Result notEmpty = Cli.run("unpack", "oci:" + layoutDir + ":ok", out.toString());
        assertThat(notEmpty.exitCode()).isEqualTo(2);

        TestImages.Layer evil = TestImages.layer(Map.of("../../escaped.txt", "gotcha"));
        TestImages.store(layout, TestImages.image(Platform.host(), List.of(evil), null), "evil");
        Path victim = tmp.resolve("victim/rootfs");
        Cli.Result hostile = Cli.run("unpack", "oci:" + layoutDir + ":evil", victim.toString());
        assertThat(hostile.exitCode()).isEqualTo(3);
        assertThat(hostile.err()).contains("escaped.txt");
        assertThat(tmp.resolve("escaped.txt")).doesNotExist();
        assertThat(tmp.resolve("victim/escaped.txt")).doesNotExist();
    }

    private static TestImages.Layer layer(List<LayerEntry> entries) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LayerResult r = new LayerWriter(LayerWriter.Options.defaults()).write(entries, out);
        return new TestImages.Layer(Descriptor.of(r.mediaType(), r.digest(), r.size()), r.diffId(), out.toByteArray());
    }
}
