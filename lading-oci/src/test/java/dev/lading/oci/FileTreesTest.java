package dev.lading.oci;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

class FileTreesTest {

    @Test
    void deletesThroughDirectoriesThatShutTheirOwnerOut(@TempDir Path tmp) throws IOException {
        Path root = tmp.resolve("root");
        Path readOnly = Files.createDirectories(root.resolve("usr/share"));
        Files.writeString(readOnly.resolve("file"), "x");
        Path closed = Files.createDirectories(root.resolve("work/work"));
        Files.writeString(closed.resolve("inside"), "y");
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x")); // entries undeletable
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("---------"));   // cannot even be listed
        Files.setPosixFilePermissions(root.resolve("usr"), PosixFilePermissions.fromString("r-x------"));

        FileTrees.delete(root);

        assertThat(root).doesNotExist();
    }

    @Test
    void aLinkIsDeletedNeverFollowed(@TempDir Path tmp) throws IOException {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("keep"), "precious");
        Files.setPosixFilePermissions(outside, PosixFilePermissions.fromString("r-x------"));
        Path root = Files.createDirectories(tmp.resolve("root"));
        Files.createSymbolicLink(root.resolve("to-outside"), outside);
        Files.createSymbolicLink(root.resolve("to-file"), outside.resolve("keep"));

        FileTrees.delete(root);

        assertThat(root).doesNotExist();
        assertThat(outside.resolve("keep")).hasContent("precious");
        // the directory behind the link was not opened up either
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(outside, LinkOption.NOFOLLOW_LINKS))).isEqualTo("r-x------");
    }

    @Test
    void aMissingPathIsFineAndASingleFileIsDeleted(@TempDir Path tmp) throws IOException {
        FileTrees.delete(tmp.resolve("nothing"));
        Path file = Files.writeString(tmp.resolve("f"), "z");
        assertThat(FileTrees.deleteQuietly(file)).isTrue();
        assertThat(file).doesNotExist();
    }
}
