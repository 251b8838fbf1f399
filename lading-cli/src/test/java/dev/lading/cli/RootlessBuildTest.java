package dev.lading.cli;

import dev.lading.oci.Manifest;
import dev.lading.oci.layer.LayerCompression;
import dev.lading.oci.layout.OciLayout;
import dev.lading.oci.testing.Tools;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedInputStream;
import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The whole build as an unprivileged user: lading runs as {@code nobody} (through setpriv), RUN executes in a
 * user namespace as root inside, and what RUN creates as uid 0 is uid 0 in the layer.
 */
@Tag("integration")
class RootlessBuildTest {

    @TempDir
    Path tmp;

    /** @param sandbox "" for the one lading picks, else what LADING_SANDBOX names */
    @ParameterizedTest
    @ValueSource(strings = {"", "crun"})
    void nobodyBuildsADockerfileWithRun(String sandbox) throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "switching to nobody needs root to start from");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs util-linux setpriv");
        assumeTrue(Files.isExecutable(Path.of("/bin/busybox")), "needs busybox-static");
        Tools.ok(null, "chmod", "0777", tmp.toString());

        // A busybox base image in a layout nobody can read.
        Path rootfs = Files.createDirectories(tmp.resolve("rootfs/bin"));
        Files.copy(Path.of("/bin/busybox"), rootfs.resolve("busybox"));
        for (String a : List.of("sh", "echo", "id", "cat")) {
            Files.createSymbolicLink(rootfs.resolve(a), Path.of("busybox"));
        }
        Files.createDirectories(tmp.resolve("rootfs/etc"));
        Files.writeString(tmp.resolve("rootfs/etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
        Path base = tmp.resolve("base");
        Cli.Result imported = Cli.runProcess(Map.of("LADING_HOME", tmp.resolve("root-home").toString()),
                "import", "-q", "-t", "oci:" + base + ":base", tmp.resolve("rootfs").toString());
        assertThat(imported.exitCode()).as(imported.all()).isZero();

        Path context = Files.createDirectories(tmp.resolve("ctx"));
        Files.writeString(context.resolve("f.txt"), "from the context\n");
        Files.writeString(context.resolve("Dockerfile"), """
                ARG BASE
                FROM ${BASE}
                RUN echo made-by-run > /made && id -u > /uid-inside
                COPY f.txt /f.txt
                """);
        Tools.ok(null, "chmod", "-R", "a+rX", base.toString(), context.toString());

        // Dependency jars live under /root/.m2, which nobody cannot read: give it copies.
        Path cp = Files.createDirectories(tmp.resolve("cp"));
        List<String> classpath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (Files.isRegularFile(p)) {
                Path copy = cp.resolve(classpath.size() + "-" + p.getFileName());
                Files.copy(p, copy);
                classpath.add(copy.toString());
            } else {
                classpath.add(entry);
            }
        }
        Tools.ok(null, "chmod", "-R", "a+rX", cp.toString());
        Path out = tmp.resolve("out");
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--",
                java, "-cp", String.join(File.pathSeparator, classpath), Main.class.getName(),
                "build", "--no-lint", "--build-arg", "BASE=oci:" + base + ":base", "-o", "type=oci,dest=" + out, "-t", "rootless:1",
                context.toString());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("LADING_HOME", tmp.resolve("nobody-home").toString());
        pb.environment().put("HOME", tmp.toString());
        pb.environment().put("TMPDIR", tmp.toString());
        if (!sandbox.isEmpty()) {
            pb.environment().put("LADING_SANDBOX", sandbox);
        }
        Process p = pb.start();
        p.getOutputStream().close();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assumeTrue(!log.contains("no sandbox for RUN works on this host"), "this host gives nobody no sandbox: " + log);
        assumeTrue(!log.contains("sandbox (LADING_SANDBOX=" + sandbox + ") does not work here"), "nobody cannot use " + sandbox + ": " + log);
        assertThat(p.exitValue()).as(log).isZero();
        assertThat(log).containsPattern(sandbox.isEmpty() ? "running in (bubblewrap|unshare)" : "running in " + sandbox);

        OciLayout layout = OciLayout.open(out);
        Manifest m = Manifest.parse(layout.readBlob(layout.find("1").orElseThrow()));
        Map<String, String> run = entries(layout, m, 1);
        assertThat(run).containsEntry("made", "0:0 made-by-run\n").containsEntry("uid-inside", "0:0 0\n");
        assertThat(entries(layout, m, 2)).containsEntry("f.txt", "0:0 from the context\n");
    }

    /** path → "uid:gid content" of layer {@code i}'s files. */
    private static Map<String, String> entries(OciLayout layout, Manifest m, int i) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (InputStream raw = new BufferedInputStream(layout.openBlob(m.layers().get(i)));
             InputStream plain = LayerCompression.decompress(raw);
             TarArchiveInputStream tar = new TarArchiveInputStream(plain)) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                if (e.isFile()) {
                    out.put(e.getName(), e.getLongUserId() + ":" + e.getLongGroupId() + " " + new String(tar.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }
}
