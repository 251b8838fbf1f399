package dev.lading.build.snapshot;

import dev.lading.build.IdMapping;
import dev.lading.build.Sandbox;
import dev.lading.oci.layer.LayerEntry;
import dev.lading.oci.layer.Ownership;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The rootless half of {@code RootlessSnapshotTest}, run as an unprivileged user in its own JVM: builds the
 * base tree as that user (as a rootless extraction leaves it), runs the change script as root of a user
 * namespace mapping 0 to the user (directly for copy-diff, through an overlay mounted in that namespace for
 * overlay) and prints the entries and ownership record, one per line, for the parent to compare.
 */
public final class RootlessRun {

    static final String SCRIPT = "chmod 600 etc/shadow && echo more >> usr/bin/tool && rm var/lib/x && echo n > newfile"
            + " && rm -rf data && mkdir -p data/a && echo n > data/a/new && echo w >> ro/file && mkdir ro/sub"
            + " && echo s >> secret";

    static final Map<String, Ownership> RECORDED = Map.of(
            "etc/shadow", new Ownership(0, 42, 0640),
            "usr/bin/tool", new Ownership(0, 0, 04755),
            "var/lib/x", new Ownership(5, 5, 0600),
            "secret", new Ownership(0, 0, 0));

    private RootlessRun() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        long me = new com.sun.security.auth.module.UnixSystem().getUid();
        for (Snapshotter snapshotter : List.of(new CopyDiffSnapshotter(), new OverlaySnapshotter())) {
            Path dir = Files.createDirectories(work.resolve(snapshotter.name()));
            Path rootfs = dir.resolve("rootfs");
            SnapshotTesting.makeBase(rootfs);
            SnapshotTesting.file(rootfs, "ro/file", "r", 0444);
            FileOps.setMode(rootfs.resolve("ro"), 0555);
            SnapshotTesting.file(rootfs, "secret", "s", 0000);
            try (Snapshotter.Session s = snapshotter.begin(rootfs, RECORDED, IdMapping.single(0, me))) {
                runInUserNamespace(s.root(), dir);
                Snapshotter.Result r = s.commit();
                System.out.println("== " + snapshotter.name());
                for (LayerEntry e : r.entries()) {
                    System.out.println("entry " + SnapshotTesting.describe(e));
                }
                r.owners().entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .forEach(o -> System.out.println("owner " + o.getKey() + " " + o.getValue()));
                for (String line : SnapshotTesting.describeTree(rootfs)) {
                    System.out.println("tree " + line);
                }
            }
        }
    }

    private static void runInUserNamespace(Sandbox.Root root, Path dir) throws IOException, InterruptedException {
        switch (root) {
            case Sandbox.Root.Directory(Path rootfs) -> SnapshotTesting.exec(List.of("unshare", "--user", "--map-root-user",
                    "--", "/bin/busybox", "sh", "-c", "set -e; cd \"$1\"; " + SCRIPT, "sh", rootfs.toString()));
            case Sandbox.Root.Overlay(Path lower, Path upper, Path workdir) -> {
                Path mnt = Files.createDirectories(dir.resolve("mnt"));
                SnapshotTesting.exec(List.of("unshare", "--user", "--map-root-user", "--mount", "--", "/bin/busybox", "sh", "-c",
                        "set -e; mount -t overlay overlay -o " + OverlaySnapshotter.MOUNT_OPTIONS
                                + ",lowerdir=\"$1\",upperdir=\"$2\",workdir=\"$3\" \"$4\"; cd \"$4\"; " + SCRIPT,
                        "sh", lower.toString(), upper.toString(), workdir.toString(), mnt.toString()));
            }
        }
    }
}
