package dev.lading.cli;

import dev.lading.oci.layout.OciLayout;
import dev.lading.oci.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** copy through docker-archive and oci-archive from the command line: the image comes back unchanged. */
class ArchiveCommandsTest {

    @TempDir
    Path tmp;

    @Test
    void roundTripThroughBothArchiveFormatsKeepsTheImage() throws Exception {
        TestImages.Image image = TestImages.simple();
        Path src = tmp.resolve("src");
        TestImages.store(OciLayout.createOrOpen(src), image, "v1");
        String digest = image.manifestDescriptor().digest().toString();

        Path docker = tmp.resolve("out/app.tar");
        Cli.Result toDocker = Cli.run("copy", "-q", "oci:" + src + ":v1", "docker-archive:" + docker + ":team/app:1.0");
        assertThat(toDocker.exitCode()).as(toDocker.err()).isZero();
        Cli.Result inspectDocker = Cli.run("inspect", "docker-archive:" + docker);
        assertThat(inspectDocker.out()).contains("User:          65532").contains("Layers (2,");

        Path oci = tmp.resolve("out/app-oci.tar");
        Cli.Result toOci = Cli.run("copy", "-q", "docker-archive:" + docker + ":team/app:1.0", "oci-archive:" + oci + ":app");
        assertThat(toOci.exitCode()).as(toOci.err()).isZero();

        Path back = tmp.resolve("back");
        Cli.Result toLayout = Cli.run("copy", "-q", "oci-archive:" + oci + ":app", "oci:" + back + ":again");
        assertThat(toLayout.exitCode()).as(toLayout.err()).isZero();
        assertThat(Cli.run("inspect", "--config", "oci:" + back + ":again").out())
                .isEqualTo(new String(image.config(), java.nio.charset.StandardCharsets.UTF_8));
        assertThat(OciLayout.open(back).resolveReference("again").digest().toString()).isEqualTo(digest);

        // no temp directories are left beside the archives
        try (Stream<Path> s = Files.list(tmp.resolve("out"))) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("app.tar", "app-oci.tar");
        }
    }

    @Test
    void aMissingOrWrongArchiveIsAClearError() throws Exception {
        Cli.Result missing = Cli.run("inspect", "docker-archive:" + tmp.resolve("none.tar"));
        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(missing.err()).contains("none.tar");
        Path junk = tmp.resolve("junk.tar");
        Files.writeString(junk, "this is not a tar file at all, not even close".repeat(20));
        Cli.Result bad = Cli.run("inspect", "oci-archive:" + junk);
        assertThat(bad.exitCode()).isEqualTo(3);
        assertThat(bad.err()).contains("junk.tar").doesNotContain("Exception:");
    }
}
