package dev.lading.build.sandbox;

import dev.lading.build.Sandbox;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Runs one command in a sandbox from a separate JVM, so a test running as root can start it as an unprivileged
 * user (setpriv): {@code SANDBOX ROOT UID GID NETWORK ARGV...} (or just {@code probe}); prints the output, then "exit=N" or "error=...".
 */
public final class RootlessMain {
    private RootlessMain() {
    }

    public static void main(String[] args) {
        HostIds host = HostIds.current();
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Sandboxes found = Sandboxes.probe(host, tmp);
        if (args[0].equals("probe")) {
            found.probes().forEach(System.out::println);
            return;
        }
        try {
            Sandbox s = found.choose(java.util.Optional.of(args[0]));
            System.out.println("mapping=" + s.idMapping());
            // ROOT is a directory, or "overlay=LOWER,UPPER,WORK"
            Sandbox.Root root = new Sandbox.Root.Directory(Path.of(args[1]));
            if (args[1].startsWith("overlay=")) {
                String[] dirs = args[1].substring("overlay=".length()).split(",");
                root = new Sandbox.Root.Overlay(Path.of(dirs[0]), Path.of(dirs[1]), Path.of(dirs[2]));
            }
            Sandbox.RunResult r = s.run(new Sandbox.RunSpec(root,
                    List.of(Arrays.copyOfRange(args, 5, args.length)), List.of("PATH=/bin"), Long.parseLong(args[2]),
                    Long.parseLong(args[3]), List.of(), "/", Sandbox.Network.valueOf(args[4]), List.of(), "rootless",
                    System.out::println));
            System.out.println("exit=" + r.exitCode());
        } catch (Exception e) {
            System.out.println("error=" + e.getMessage());
        }
    }
}
