package dev.lading.build.snapshot;

import dev.lading.build.IdMapping;
import dev.lading.oci.layer.LayerEntry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Both snapshotters really rootless: a JVM running as nobody, the RUN as root of a user namespace that maps
 * 0 to nobody, the overlay mounted inside it. Needs root (to become nobody) and a host that allows
 * unprivileged user namespaces and overlay mounts in them.
 */
@Tag("integration")
class RootlessSnapshotTest {
    private static final String NOBODY = "65534";

    @Test
    void bothSnapshottersAgreeRootless(@TempDir Path tmp) throws Exception {
        assumeTrue(SnapshotTesting.isRoot(), "needs root to run the rootless half as nobody");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs util-linux setpriv");
        Path work = Files.createDirectories(tmp.resolve("work"));
        FileOps.setMode(tmp, 0777);
        FileOps.setMode(work, 0777);
        String classpath = Stream.of(RootlessRun.class, CopyDiffSnapshotter.class, IdMapping.class, LayerEntry.class)
                .map(c -> c.getProtectionDomain().getCodeSource().getLocation().getPath())
                .distinct().collect(Collectors.joining(File.pathSeparator));
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = List.of("/usr/bin/setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "--",
                java, "-cp", classpath, RootlessRun.class.getName(), work.toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assumeTrue(!out.contains("Operation not permitted") && !out.contains("Permission denied: '/") && !out.contains("ClassNotFoundException"),
                "this host does not let nobody run the rootless half: " + out);
        assertThat(p.exitValue()).as(out).isZero();

        List<String> copyDiff = section(out, "copy-diff");
        List<String> overlay = section(out, "overlay");
        assertThat(overlay).as("overlay vs copy-diff, rootless: entries, records and the rootfs after").containsExactlyElementsOf(copyDiff);
        assertThat(copyDiff.stream().filter(l -> !l.startsWith("tree "))).containsExactly(
                "entry data DIRECTORY 0755 0:0",
                "entry data/.wh.e FILE 0000 0:0 size=0",
                "entry data/.wh.keep.txt FILE 0000 0:0 size=0",
                "entry data/a DIRECTORY 0755 0:0",
                "entry data/a/.wh.b FILE 0000 0:0 size=0",
                "entry data/a/.wh.d.txt FILE 0000 0:0 size=0",
                "entry data/a/new FILE 0644 0:0 size=2 'n\\n'",
                "entry etc DIRECTORY 0755 0:0",
                "entry etc/shadow FILE 0600 0:42 size=19 'root:*:19000::::::\\n'",
                "entry newfile FILE 0644 0:0 size=2 'n\\n'",
                "entry ro DIRECTORY 0555 0:0",
                "entry ro/file FILE 0444 0:0 size=3 'rw\\n'",
                "entry ro/sub DIRECTORY 0755 0:0",
                "entry secret FILE 0000 0:0 size=3 'ss\\n'", // read back although its mode denies the owner
                "entry usr DIRECTORY 0755 0:0",
                "entry usr/bin DIRECTORY 0755 0:0",
                "entry usr/bin/tool FILE 4755 0:0 size=25 '#!/bin/sh\\necho tool\\nmore\\n'",
                "entry var DIRECTORY 0755 0:0",
                "entry var/lib DIRECTORY 0755 0:0",
                "entry var/lib/.wh.x FILE 0000 0:0 size=0",
                "owner etc/shadow 0:42 0600",
                "owner usr/bin/tool 0:0 4755");
    }

    private static List<String> section(String out, String name) {
        List<String> lines = new ArrayList<>();
        boolean in = false;
        for (String line : out.split("\n")) {
            if (line.startsWith("== ")) {
                in = line.equals("== " + name);
            } else if (in) {
                lines.add(line);
            }
        }
        return lines;
    }
}
