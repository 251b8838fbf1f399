package dev.lading.oci.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the real peer tools (skopeo, umoci, tar) that interop tests check lading against. */
public final class Tools {
    private Tools() {
    }

    public record Result(int exitCode, String output) {
    }

    /** Fails with an install hint when the tool is missing: CI installs it, so a missing tool is a setup bug. */
    public static void require(String tool, String debianPackage) {
        boolean found = List.of("/usr/bin/", "/usr/local/bin/", "/usr/sbin/").stream().anyMatch(d -> Files.isExecutable(Path.of(d + tool)));
        assertThat(found).as(tool + " is not installed: apt-get install " + debianPackage).isTrue();
    }

    public static Result run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir == null ? null : dir.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + String.join(" ", command));
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /** Runs and asserts success, returning the output. */
    public static String ok(Path dir, String... command) throws IOException, InterruptedException {
        Result r = run(dir, command);
        assertThat(r.exitCode()).as(String.join(" ", command) + "\n" + r.output()).isZero();
        return r.output();
    }
}
