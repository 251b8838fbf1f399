package dev.lading.oci.layer;

import com.sun.security.auth.module.UnixSystem;
import dev.lading.oci.MediaType.Compression;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The rootless path for real: when the tests run as root (CI containers), the extractor is run in a child JVM
 * that setpriv has switched to nobody, so the kernel's permission checks apply. Skipped when not root (the
 * other tests then run rootless themselves) or when setpriv is missing.
 */
class RootlessExtractionTest {
    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");
    private static final int NOBODY = 65534;

    private Path work;

    @BeforeEach
    void setUp() throws IOException {
        assumeTrue(new UnixSystem().getUid() == 0, "runs only as root (it needs to drop to another user)");
        assumeTrue(Files.isExecutable(SETPRIV), "needs setpriv");
        work = Files.createTempDirectory("lading-rootless");
        Files.setAttribute(work, "unix:mode", 0755);
    }

    @AfterEach
    void tearDown() throws IOException {
        if (work != null) {
            try (Stream<Path> all = Files.walk(work)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p); // root ignores the 0555 modes the layers left behind
                }
            }
        }
    }

    @Test
    void unprivilegedExtractionRecordsOwnershipAndHandlesReadOnlyDirectories() throws Exception {
        Path layer1 = work.resolve("l1.tar.gz");
        Path layer2 = work.resolve("l2.tar.zst");
        try (OutputStream out = Files.newOutputStream(layer1)) {
            new LayerWriter(LayerWriter.Options.of(Compression.GZIP)).write(List.of(
                    LayerEntry.directory("etc", 0755),
                    LayerEntry.file("etc/shadow", 0640, "root:*:").withOwner(0, 42),
                    LayerEntry.file("etc/app.conf", 0644, "x").withOwner(NOBODY, NOBODY),
                    LayerEntry.directory("ro", 0555),
                    LayerEntry.directory("ro/sealed", 0500),
                    LayerEntry.file("ro/sealed/f", 0400, "1")), out);
        }
        try (OutputStream out = Files.newOutputStream(layer2)) {
            new LayerWriter(LayerWriter.Options.of(Compression.ZSTD)).write(List.of(
                    LayerEntry.whiteout("etc/shadow"),
                    LayerEntry.file("etc/passwd", 0644, "root:x:0:0").withOwner(0, 0),
                    LayerEntry.file("ro/g", 0644, "2").withOwner(NOBODY, NOBODY),
                    LayerEntry.file("ro/sealed/h", 0644, "3").withOwner(NOBODY, NOBODY)), out);
        }
        Path target = Files.createDirectory(work.resolve("rootfs"));
        Files.setAttribute(target, "unix:uid", NOBODY);
        Files.setAttribute(target, "unix:gid", NOBODY);
        Path classes = copyClasspath();

        List<String> command = new ArrayList<>(List.of(SETPRIV.toString(), "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups",
                ProcessHandle.current().info().command().orElseThrow(), "-cp", classes + File.separator + "*" + File.pathSeparator + classes.resolve("classes"),
                "--enable-native-access=ALL-UNNAMED", RootlessProbe.class.getName(), layer1.toString(), layer2.toString(), target.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();

        assertThat(out).contains("layer0.warnings=[]").contains("layer1.warnings=[]");
        // ids the process could not give are recorded; the whited-out file's record is gone; nobody's own files need none;
        // directories layer 2 only wrote into keep layer 1's record
        assertThat(out).contains("ownership={etc=0:0 0755, etc/passwd=0:0 0644, ro=0:0 0555, ro/sealed=0:0 0500, ro/sealed/f=0:0 0400}");
        assertThat(out).contains("file ro uid=65534 mode=555", "file ro/sealed uid=65534 mode=500",
                "file ro/g uid=65534 mode=644", "file ro/sealed/h uid=65534 mode=644", "file ro/sealed/f uid=65534 mode=400",
                "file etc/passwd uid=65534 mode=644");
        assertThat(out).doesNotContain("etc/shadow");
    }

    /** The test classpath, copied where nobody can read it (the build's own files may sit under /root). */
    private Path copyClasspath() throws IOException {
        Path dir = Files.createDirectory(work.resolve("cp"));
        Files.setAttribute(dir, "unix:mode", 0755);
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path src = Path.of(entry);
            if (Files.isRegularFile(src) && entry.endsWith(".jar")) {
                Path copy = dir.resolve(src.getFileName());
                Files.copy(src, copy);
                Files.setAttribute(copy, "unix:mode", 0644);
            } else if (Files.isDirectory(src)) {
                copyTree(src, dir.resolve("classes"));
            }
        }
        return dir;
    }

    private static void copyTree(Path src, Path dst) throws IOException {
        try (Stream<Path> all = Files.walk(src)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path q = dst.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(q);
                    Files.setAttribute(q, "unix:mode", 0755);
                } else if (!Files.exists(q)) {
                    Files.copy(p, q);
                    Files.setAttribute(q, "unix:mode", 0644);
                }
            }
        }
    }
}
