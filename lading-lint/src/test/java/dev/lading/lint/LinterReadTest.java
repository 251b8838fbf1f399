package dev.lading.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Linter.read: a file's text as Files.readAllBytes and a lenient UTF-8 decoding gave it. */
class LinterReadTest {
    @TempDir
    Path dir;

    @Test
    void readsFilesLargerThanTheBufferWhole() throws Exception {
        byte[] big = ("RUN echo " + "x".repeat(100) + "\n").repeat(2000).getBytes(StandardCharsets.UTF_8); // 220 KB
        Files.write(dir.resolve("Dockerfile"), big);
        assertThat(Linter.read(dir.resolve("Dockerfile"))).isEqualTo(new String(big, StandardCharsets.UTF_8));
        Files.writeString(dir.resolve("small"), "FROM scratch\n");
        assertThat(Linter.read(dir.resolve("small"))).isEqualTo("FROM scratch\n"); // after the buffer grew
        Files.write(dir.resolve("empty"), new byte[0]);
        assertThat(Linter.read(dir.resolve("empty"))).isEmpty();
    }

    @Test
    void replacesInvalidUtf8() throws Exception {
        byte[] bytes = {'F', 'R', 'O', 'M', ' ', (byte) 0xff, 'x', '\n'};
        Files.write(dir.resolve("Dockerfile"), bytes);
        assertThat(Linter.read(dir.resolve("Dockerfile"))).isEqualTo("FROM \uFFFDx\n");
    }

    @Test
    void readsFromOtherFileSystems() throws Exception {
        Path zip = dir.resolve("context.zip");
        try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new java.util.zip.ZipEntry("Dockerfile"));
            out.write("FROM scratch\n".getBytes(StandardCharsets.UTF_8));
        }
        try (java.nio.file.FileSystem fs = java.nio.file.FileSystems.newFileSystem(zip)) {
            assertThat(Linter.read(fs.getPath("Dockerfile"))).isEqualTo("FROM scratch\n");
        }
    }

    @Test
    void aMissingFileOrADirectoryIsReportedAsFilesReportsIt() {
        assertThatThrownBy(() -> Linter.read(dir.resolve("missing"))).isInstanceOf(NoSuchFileException.class)
                .hasMessage(dir.resolve("missing").toString());
        assertThatThrownBy(() -> Linter.read(dir)).isInstanceOf(java.io.IOException.class)
                .hasMessageContaining("directory");
    }
}
