package dev.lading.cli;

import dev.lading.oci.ImageReference;
import dev.lading.oci.Platform;
import dev.lading.oci.content.ContentReader;
import dev.lading.oci.content.ContentWriter;
import dev.lading.oci.content.CopyOptions;
import dev.lading.oci.content.DeferredContentWriter;
import dev.lading.oci.content.ImageCopier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "copy",
        description = {"Copy an image between registries, OCI layouts, archives and the local store, keeping its digest.",
                "",
                "Blobs the destination already has are not sent again; within one registry they are mounted",
                "across repositories instead of uploaded. Every blob is verified against its digest before it",
                "is stored. A multi-platform index is narrowed to one platform (this host's, or --platform)",
                "unless --all is given."},
        footer = {"", "Examples:",
                "  lading copy oci:build/layout:app docker://127.0.0.1:5000/team/app:1.0",
                "  lading copy --all docker://127.0.0.1:5000/base:12 oci:mirror:base-12",
                "  lading copy docker://127.0.0.1:5000/app:1.0 docker-archive:app.tar:app:1.0",
                "  lading copy docker://127.0.0.1:5000/app:1.0 store:app:1.0"},
        mixinStandardHelpOptions = true)
final class CopyCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SRC", description = "Source image reference.")
    String source;

    @Parameters(index = "1", paramLabel = "DST", description = "Destination image reference.")
    String destination;

    @Option(names = {"-a", "--all"}, description = "Copy every platform of an index (the index digest is preserved).")
    boolean all;

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]", description = "The platform to copy from an index (default: this host's).")
    String platform;

    @Option(names = {"-j", "--jobs"}, defaultValue = "6", paramLabel = "N", description = "Blobs transferred at once (default: ${DEFAULT-VALUE}).")
    int jobs;

    @Option(names = "--digestfile", paramLabel = "FILE", description = "Write the digest of the copied manifest to FILE.")
    Path digestFile;

    @Mixin
    OutputOptions output;

    @Mixin
    RegistryFlags registry;

    @Override
    public Integer call() throws Exception {
        ImageReference src = Transports.parse(source);
        ImageReference dst = Transports.parse(destination);
        if (all && platform != null) {
            throw CliException.usage("--all and --platform exclude each other");
        }
        if (jobs < 1 || jobs > 64) {
            throw CliException.usage("--jobs must be between 1 and 64");
        }
        Platform p = platform == null ? null : InspectCommand.parsePlatform(platform);
        Transports transports = new Transports(System.getenv(), registry);
        long start = System.nanoTime();
        ImageCopier.Result result;
        try (ProgressDisplay progress = new ProgressDisplay(System.err, output.mode());
             DeferredContentWriter early = openInParallel(src, dst) ? DeferredContentWriter.start(() -> transports.writer(dst)) : null;
             ContentReader reader = transports.reader(src);
             ContentWriter late = early == null ? transports.writer(dst) : null) {
            ContentWriter writer = early != null ? early : late;
            result = ImageCopier.copy(reader, writer, new CopyOptions(all, p, jobs, progress));
        }
        if (digestFile != null) {
            Files.writeString(digestFile, result.root().digest().toString());
        }
        if (!output.quiet()) {
            System.err.printf("Copied %s to %s: %d blobs sent (%s), %d already there, %d mounted, in %.1fs%n",
                    result.root().digest(), dst.display(), result.blobsCopied(), Terminal.bytes(result.bytesCopied()),
                    result.blobsSkipped(), result.blobsMounted(), (System.nanoTime() - start) / 1e9);
        }
        return 0;
    }

    /**
     * Whether the destination is opened on another thread while the source is opened and its manifest read (a
     * registry client's TLS and HTTP set-up, a layout's index: a good part of a short copy). Only between a registry
     * and something else: two registries would build the same registries.conf state at once, and a registry
     * destination has no local side effects, while a registry source is never found missing before its manifest is
     * asked for, so a layout destination was always created first anyway. Not when a bare source name may be read
     * from the store that is also the destination.
     */
    private static boolean openInParallel(ImageReference src, ImageReference dst) {
        boolean srcRegistry = src instanceof ImageReference.Registry;
        if (srcRegistry == dst instanceof ImageReference.Registry) {
            return false;
        }
        return !(dst instanceof ImageReference.Store && src instanceof ImageReference.Registry r && !r.explicit());
    }
}
