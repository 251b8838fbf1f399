package dev.lading.build;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class TempTreesTest {

    @TempDir
    Path tmp;

    private Path tree() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("rootfs/usr/bin"));
        Files.writeString(root.resolve("tool"), "x");
        Path locked = Files.createDirectories(tmp.resolve("rootfs/locked"));
        Files.writeString(locked.resolve("f"), "y");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-x------"));
        return tmp.resolve("rootfs");
    }

    @Test
    void inTheBackgroundTheTreeLeavesItsNameAtOnceAndIsThenRemoved() throws Exception {
        Path root = tree();
        TempTrees.dispose(root, true);
        assertThat(root).doesNotExist();
        Path trash = tmp.resolve("rootfs.trash");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Files.exists(trash) && Instant.now().isBefore(deadline)) {
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000); // poll: the rm runs on its own
        }
        assertThat(trash).as("removed by the detached rm, read-only directories included").doesNotExist();
    }

    @Test
    void inTheForegroundItIsGoneWhenDisposeReturns() throws Exception {
        Path root = tree();
        TempTrees.dispose(root, false);
        assertThat(root).doesNotExist();
        assertThat(tmp.resolve("rootfs.trash")).doesNotExist();
        TempTrees.dispose(root, true); // a tree already gone is fine
    }
}
