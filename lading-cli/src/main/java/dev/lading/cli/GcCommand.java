package dev.lading.cli;

import dev.lading.oci.layout.OciLayout;
import dev.lading.oci.layout.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "gc",
        description = {"Remove blobs that no image in the local store (or the given OCI layout) references.",
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
        OciLayout layout = layoutDir != null ? OciLayout.open(layoutDir)
                : Store.open(Store.defaultHome(System.getenv())).layout();
        OciLayout.GcResult r = layout.gc(dryRun);
        System.out.printf("%s %d blobs (%s), kept %d%n", dryRun ? "Would remove" : "Removed", r.blobsRemoved(),
                Terminal.bytes(r.bytesRemoved()), r.blobsKept());
        return 0;
    }
}
