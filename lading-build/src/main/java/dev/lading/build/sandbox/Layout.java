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

    /**
     * A host /bin/sh script run inside the new namespaces: does the mount steps given as arguments (up to the word
     * "exec"), then execs the rest. Any failure stops it before the RUN. Arguments, never string building, carry
     * the paths, so no quoting can go wrong.
     */
    static final String MOUNT_SCRIPT = """
            set -eu
            cd /
            while [ "$1" != exec ]; do
              op=$1; shift
              case $op in
                overlay) mount -t overlay -o "$1" overlay "$2"; shift 2 ;;
                proc) mount -t proc -o nosuid,nodev,noexec proc "$1"; shift ;;
                dev)
                  mount -t tmpfs -o nosuid,mode=0755,size=65536k tmpfs "$1"
                  for n in null zero full random urandom tty; do : > "$1/$n"; mount --bind "/dev/$n" "$1/$n"; done
                  mkdir "$1/pts" "$1/shm"
                  mount -t devpts -o newinstance,ptmxmode=0666,mode=0620 devpts "$1/pts"
                  mount -t tmpfs -o nosuid,nodev,mode=1777 shm "$1/shm"
                  ln -s pts/ptmx "$1/ptmx"; ln -s /proc/self/fd "$1/fd"
                  ln -s /proc/self/fd/0 "$1/stdin"; ln -s /proc/self/fd/1 "$1/stdout"; ln -s /proc/self/fd/2 "$1/stderr"
                  shift ;;
                bind) mount --rbind "$1" "$2"; if [ "$3" = ro ]; then mount -o remount,bind,ro "$2"; fi; shift 3 ;;
                tmpfs) mount -t tmpfs -o "$2" tmpfs "$1"; shift 2 ;;
                hostname) if [ -n "$2" ]; then "$2" "$1"; else printf %s "$1" > /proc/sys/kernel/hostname; fi; shift 2 ;;
                loopback) "$1" link set lo up; shift ;;
                started) printf started > "$1"; shift ;;
                statusfd) exec 3>"$1"; shift ;;
                rootfd) exec 4<"$1"; shift ;;
                *) echo "lading sandbox setup: unknown step $op" >&2; exit 125 ;;
              esac
            done
            shift
            exec "$@"
            """;

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
