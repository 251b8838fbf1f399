package dev.lading.cli;

import dev.lading.oci.layout.OciLayout;
import dev.lading.oci.layout.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "gc",
        description = {"Remove blobs that no image in the local store (or the given OCI layout) references, and the files",
                "builds keep extracted in $LADING_HOME/cache/files to move into their next working roots.",
                "Waits for running writers; a build or copy in progress is never broken by gc."},
        footer = {"", "Examples:", "  lading gc", "  lading gc --dry-run", "  lading gc --layout build/layout"},
        mixinStandardHelpOptions = true)
final class GcCommand implements Callable<Integer> {

    @Option(names = {"-n", "--dry-run"}, description = "Only report what would be removed.")
    boolean dryRun;

    @Option(names = "--layout", paramLabel = "DIR", description = "Collect this OCI layout instead of the store.")
    Path layoutDir;

    @Override
    public Integer call() throws Exception {
        Store store = layoutDir != null ? null : Store.open(Store.defaultHome(System.getenv()));
        OciLayout layout = layoutDir != null ? OciLayout.open(layoutDir) : store.layout();
        OciLayout.GcResult r = layout.gc(dryRun);
        System.out.printf("%s %d blobs (%s), kept %d%n", dryRun ? "Would remove" : "Removed", r.blobsRemoved(),
                Terminal.bytes(r.bytesRemoved()), r.blobsKept());
        if (store != null) {
            Path files = store.home().resolve("cache").resolve(dev.lading.build.BuildCache.FILE_POOL_DIR);
            long[] counted = poolSize(files);
            if (counted[0] > 0) {
                if (!dryRun) {
                    removePool(files);
                }
                System.out.printf("%s %d extracted files kept for builds (%s)%n", dryRun ? "Would remove" : "Removed",
                        counted[0], Terminal.bytes(counted[1]));
            }
        }
        return 0;
    }

    /** Files and bytes in the file pool. */
    private static long[] poolSize(Path dir) throws java.io.IOException {
        long[] n = new long[2];
        if (!java.nio.file.Files.isDirectory(dir)) {
            return n;
        }
        try (var walk = java.nio.file.Files.walk(dir)) {
            walk.filter(java.nio.file.Files::isRegularFile).forEach(f -> {
                n[0]++;
                try {
                    n[1] += java.nio.file.Files.size(f);
                } catch (java.io.IOException e) {
                    // removed meanwhile
                }
            });
        }
        return n;
    }

    /**
     * Renames the pool out of the way, then deletes it. A build beside gc is not disturbed: a file it was about to
     * take is missing and it writes its own, and what it gives back starts a new pool.
     */
    private static void removePool(Path dir) throws java.io.IOException {
        Path trash = dir.resolveSibling(dir.getFileName() + ".gc-" + ProcessHandle.current().pid());
        java.nio.file.Files.move(dir, trash, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        try (var walk = java.nio.file.Files.walk(trash)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.deleteIfExists(p);
            }
        }
    }
}
