package dev.lading.build.sandbox;

import dev.lading.build.Sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What both sandboxes put into the root besides the image: fresh /proc and /dev, the host's resolv.conf and
 * hosts (host network only), then the RUN's own mounts, and the mount points all of that needs.
 */
record Layout(List<MountPoints.Target> targets, List<String> hostEtcFiles) {

    /** Host files a Docker RUN on the default network sees in place of the image's (read-only here). */
    static final List<String> ETC_FILES = List.of("/etc/resolv.conf", "/etc/hosts");

    /** @param view the directory that shows the root as the RUN will see it (the lower dir for an overlay) */
    static Layout of(Sandbox.RunSpec spec, Path view) {
        List<MountPoints.Target> targets = new ArrayList<>();
        targets.add(new MountPoints.Target("/proc", MountPoints.Kind.DIRECTORY));
        targets.add(new MountPoints.Target("/dev", MountPoints.Kind.DIRECTORY));
        List<String> etc = new ArrayList<>();
        if (spec.network() == Sandbox.Network.DEFAULT) {
            for (String f : ETC_FILES) {
                // An image whose /etc/resolv.conf is a symlink (systemd-resolved style) keeps it: mounting
                // through the link would land outside the file the image has.
                if (Files.isRegularFile(Path.of(f)) && MountPoints.canBindFile(view, f)) {
                    etc.add(f);
                    targets.add(new MountPoints.Target(f, MountPoints.Kind.FILE));
                }
            }
        }
        for (Sandbox.Mount m : spec.mounts()) {
            boolean dir = switch (m) {
                case Sandbox.Mount.Bind b -> Files.isDirectory(b.source());
                case Sandbox.Mount.Tmpfs t -> true;
            };
            targets.add(new MountPoints.Target(m.target(), dir ? MountPoints.Kind.DIRECTORY : MountPoints.Kind.FILE));
        }
        return new Layout(targets, etc);
    }

    /** "KEY=VALUE" entries split at the first '='; anything else is a bug in the caller. */
    static List<String[]> environment(List<String> env) {
        List<String[]> pairs = new ArrayList<>();
        for (String e : env) {
            int eq = e.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("environment entry is not NAME=VALUE: " + e);
            }
            pairs.add(new String[]{e.substring(0, eq), e.substring(eq + 1)});
        }
        return pairs;
    }

    static String hostname(Sandbox.RunSpec spec) {
        return spec.hostname() == null || spec.hostname().isBlank() ? "lading" : spec.hostname();
    }

    /** An executable on this host: PATH first, then the usual Debian directories (root's PATH may lack sbin). */
    static Optional<Path> tool(String name) {
        List<String> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(":")));
        }
        dirs.addAll(List.of("/usr/local/bin", "/usr/bin", "/bin", "/usr/local/sbin", "/usr/sbin", "/sbin"));
        for (String d : dirs) {
            if (d.isEmpty()) {
                continue;
            }
            Path p = Path.of(d, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    static Path requireTool(String name, String debianPackage, String sandbox) throws IOException {
        return tool(name).orElseThrow(() -> new IOException(
                "the " + sandbox + " sandbox needs '" + name + "', which is not installed: apt-get install " + debianPackage
                        + " (or run 'lading doctor')"));
    }
}
