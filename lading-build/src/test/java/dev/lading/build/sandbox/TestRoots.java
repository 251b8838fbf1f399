package dev.lading.build.sandbox;

import dev.lading.build.Sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Tiny root filesystems made of the host's static busybox, and helpers to look at them. */
final class TestRoots {
    static final List<String> APPLETS = List.of("sh", "ls", "id", "touch", "cat", "echo", "env", "pwd", "hostname",
            "ip", "chown", "mkdir", "sleep", "true", "false", "seq", "stat", "rm", "mknod", "chmod", "cut", "tail");

    private TestRoots() {
    }

    static void requireBusybox() {
        assumeTrue(Files.isExecutable(Path.of("/bin/busybox")),
                "needs a static /bin/busybox to build test roots: apt-get install busybox-static");
    }

    /** bin/ with busybox and its applets, an empty etc/, a tmp/ with a file, and "work dir" (world-writable). */
    static Path busyboxRoot(Path dir) throws IOException {
        requireBusybox();
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.copy(Path.of("/bin/busybox"), bin.resolve("busybox"));
        for (String a : APPLETS) {
            Files.createSymbolicLink(bin.resolve(a), Path.of("busybox"));
        }
        Files.createDirectories(dir.resolve("etc"));
        Files.writeString(Files.createDirectories(dir.resolve("tmp")).resolve("keep"), "from the image\n");
        Path work = Files.createDirectories(dir.resolve("work dir"));
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxrwxrwx"));
        return dir;
    }

    /** Every path below {@code dir} with its type, mode, owner, size and mtime: equal listings mean no trace. */
    static Map<String, String> listing(Path dir) throws IOException {
        Map<String, String> all = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                all.put("/" + dir.relativize(p), (a.isDirectory() ? "d" : a.isSymbolicLink() ? "l" : a.isRegularFile() ? "f" : "o")
                        + " " + PosixFilePermissions.toString(a.permissions()) + " " + Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS)
                        + ":" + Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS) + " " + a.size() + " " + a.lastModifiedTime());
            }
        }
        return all;
    }

    static Sandbox.RunSpec spec(Path root, String... argv) {
        return spec(new Sandbox.Root.Directory(root), List.of(argv));
    }

    static Sandbox.RunSpec spec(Sandbox.Root root, List<String> argv) {
        return new Sandbox.RunSpec(root, argv, List.of("PATH=/bin"), 0, 0, List.of(0L), "/", Sandbox.Network.DEFAULT,
                List.of(), "test-host", line -> { });
    }

    /** Collects output lines (the sandbox calls it from the running thread). */
    static final class Lines {
        final List<String> lines = new ArrayList<>();
        final List<Long> nanos = new ArrayList<>();

        synchronized void accept(String line) {
            lines.add(line);
            nanos.add(System.nanoTime());
        }
    }
}
