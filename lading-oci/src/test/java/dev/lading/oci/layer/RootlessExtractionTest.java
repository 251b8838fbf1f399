package dev.lading.oci.layer;

import com.sun.security.auth.module.UnixSystem;
import dev.lading.oci.MediaType.Compression;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The rootless path for real: when the tests run as root (CI containers), the extractor is run in a child JVM
 * that setpriv has switched to nobody, so the kernel's permission checks apply. Skipped when not root (the
 * other tests then run rootless themselves) or when setpriv is missing.
 */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
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
                    LayerEntry.file("ro/sealed/f", 0400, "1"),
                    LayerEntry.device("dev/null", EntryType.CHAR_DEVICE, 0666, 1, 3),
                    LayerEntry.fifo("run/pipe", 0620),
                    LayerEntry.directory("vault", 0),
                    LayerEntry.file("vault/nothing", 0, "unreadable"),
                    LayerEntry.directory("trash", 0755),
                    LayerEntry.directory("trash/closed", 0),
                    LayerEntry.file("trash/closed/f", 0, "x")), out);
        }
        try (OutputStream out = Files.newOutputStream(layer2)) {
            new LayerWriter(LayerWriter.Options.of(Compression.ZSTD)).write(List.of(
                    LayerEntry.whiteout("etc/shadow"),
                    LayerEntry.file("etc/passwd", 0644, "root:x:0:0").withOwner(0, 0),
                    LayerEntry.file("ro/g", 0644, "2").withOwner(NOBODY, NOBODY),
                    LayerEntry.file("ro/sealed/h", 0644, "3").withOwner(NOBODY, NOBODY),
                    LayerEntry.file("vault/more", 0600, "4").withOwner(NOBODY, NOBODY),
                    LayerEntry.whiteout("trash")), out);
        }
        Path target = Files.createDirectory(work.resolve("rootfs"));
        Files.setAttribute(target, "unix:uid", NOBODY);
        Files.setAttribute(target, "unix:gid", NOBODY);
        Path classes = copyClasspath();

        List<String> command = new ArrayList<>(List.of(SETPRIV.toString(), "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups",
                ProcessHandle.current().info().command().orElseThrow(), "-cp", classes + File.separator + "*" + File.pathSeparator + classes.resolve("classes"),
                "--enable-native-access=ALL-UNNAMED", RootlessProbe.class.getName(), layer1.toString(), layer2.toString(), target.toString()));
        Path log = work.resolve("probe.log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = p.waitFor(60, TimeUnit.SECONDS);
        if (!finished) {
            p.destroyForcibly().waitFor();
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(finished).as("the probe hung: %s", out).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        out += listing(target); // as root, which can look into the 0000 directories

        assertThat(out).contains("layer0.warnings=[skipped character device 1,3 'dev/null': device nodes need root]")
                .contains("layer1.warnings=[]");
        assertThat(out).contains("file run/pipe uid=65534 mode=620").doesNotContain("file dev/null");
        // ids the process could not give are recorded; the whited-out file's record is gone; nobody's own files need none;
        // directories layer 2 only wrote into keep layer 1's record
        assertThat(out).contains("ownership={etc=0:0 0755, etc/passwd=0:0 0644, ro=0:0 0555, ro/sealed=0:0 0500, ro/sealed/f=0:0 0400, "
                + "run/pipe=0:0 0620, vault=0:0 0000, vault/nothing=0:0 0000}");
        // mode 0000 directories were written into and deleted by a later layer, and got their mode back
        assertThat(out).contains("file vault uid=65534 mode=0", "file vault/nothing uid=65534 mode=0", "file vault/more uid=65534 mode=600")
                .doesNotContain("trash");
        assertThat(out).contains("file ro uid=65534 mode=555", "file ro/sealed uid=65534 mode=500",
                "file ro/g uid=65534 mode=644", "file ro/sealed/h uid=65534 mode=644", "file ro/sealed/f uid=65534 mode=400",
                "file etc/passwd uid=65534 mode=644");
        assertThat(out).doesNotContain("etc/shadow");
    }

    private static String listing(Path target) throws IOException {
        StringBuilder b = new StringBuilder();
        try (Stream<Path> walk = Files.walk(target)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid", LinkOption.NOFOLLOW_LINKS);
                b.append(String.format("file %s uid=%s mode=%o%n", target.relativize(p), a.get("uid"), (Integer) a.get("mode") & 07777));
            }
        }
        return b.toString();
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
