package dev.lading.build.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How this host mounts cgroups, as far as an OCI runtime cares. crun refuses to start any container on a
 * "hybrid" host (cgroup v1 controllers under a tmpfs /sys/fs/cgroup, plus a cgroup2 mount at
 * /sys/fs/cgroup/unified) when that cgroup2 mount has controllers: "cgroups in hybrid mode not supported, drop
 * all controllers from cgroupv2", even with {@code --cgroup-manager=disabled}. It decides that with statfs(2) on
 * those two paths and by reading {@code /sys/fs/cgroup/unified/cgroup.controllers} (libcrun cgroup.c), so the
 * same facts are read here from /proc/self/mountinfo and that file.
 */
final class CgroupMounts {

    static final String UNIFIED = "/sys/fs/cgroup/unified";

    private CgroupMounts() {
    }

    /** Whether crun would refuse this host as hybrid with cgroup2 controllers. */
    static boolean crunRefusesHybrid() {
        try {
            return refusesHybrid(Files.readAllLines(Path.of("/proc/self/mountinfo")),
                    Files.isRegularFile(Path.of(UNIFIED, "cgroup.controllers"))
                            ? Files.readAllLines(Path.of(UNIFIED, "cgroup.controllers")) : List.of());
        } catch (IOException e) {
            return false;
        }
    }

    /** The decision on given mountinfo lines and the unified mount's controller lines. */
    static boolean refusesHybrid(List<String> mountinfo, List<String> unifiedControllers) {
        boolean controllers = unifiedControllers.stream().anyMatch(l -> !l.isBlank());
        return controllers && fsType(mountinfo, "/sys/fs/cgroup").filter("tmpfs"::equals).isPresent()
                && fsType(mountinfo, UNIFIED).filter("cgroup2"::equals).isPresent();
    }

    /**
     * The file system type of the mount visible at {@code mountPoint}: the last mountinfo line for it, because a
     * later mount on the same point covers the earlier ones (Files.getFileStore picks the wrong one then).
     */
    static Optional<String> fsType(List<String> mountinfo, String mountPoint) {
        Optional<String> type = Optional.empty();
        for (String line : mountinfo) {
            // "ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTIONS [OPTIONAL...] - FSTYPE SOURCE SUPER"
            String[] f = line.split(" ");
            int dash = List.of(f).indexOf("-");
            if (f.length > 4 && dash > 4 && dash + 1 < f.length && f[4].equals(mountPoint)) {
                type = Optional.of(f[dash + 1]);
            }
        }
        return type;
    }
}
