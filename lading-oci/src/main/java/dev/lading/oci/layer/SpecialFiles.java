package dev.lading.oci.layer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Creates fifos and device nodes through coreutils' mkfifo and mknod, because the JVM has no mknod(2).
 * Arguments go to the program as an argv (no shell), and the path is always absolute, so a name from a
 * tar can neither inject a command nor be read as an option.
 */
final class SpecialFiles {
    private static final List<Path> BIN_DIRS = List.of(Path.of("/usr/bin"), Path.of("/bin"), Path.of("/usr/sbin"), Path.of("/sbin"));

    private SpecialFiles() {
    }

    /** Creates a fifo; returns null on success, else why it failed. */
    static String mkfifo(Path path) {
        requireAbsolute(path);
        return run("mkfifo", "-m", "0600", path.toString());
    }

    /** Creates a device node (type 'c' or 'b'); returns null on success, else why it failed. */
    static String mknod(Path path, char type, int major, int minor) {
        requireAbsolute(path);
        return run("mknod", "-m", "0600", path.toString(), String.valueOf(type), Integer.toString(major), Integer.toString(minor));
    }

    private static void requireAbsolute(Path path) {
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException("special files are created by absolute path only: " + path);
        }
    }

    private static String run(String program, String... args) {
        Path binary = BIN_DIRS.stream().map(d -> d.resolve(program)).filter(Files::isExecutable).findFirst().orElse(null);
        if (binary == null) {
            return program + " is not installed";
        }
        List<String> command = new ArrayList<>(List.of(binary.toString()));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            byte[] out = p.getInputStream().readNBytes(4096);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return program + " did not finish";
            }
            return p.exitValue() == 0 ? null : new String(out, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return program + " could not run: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return program + " was interrupted";
        }
    }
}
