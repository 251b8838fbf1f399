package dev.lading.cli;

import dev.lading.oci.Descriptor;
import dev.lading.oci.ImageReference;
import dev.lading.oci.Json;
import dev.lading.oci.Platform;
import dev.lading.oci.content.ContentReader;
import dev.lading.oci.content.ResolvedImage;
import dev.lading.oci.layer.ExtractOptions;
import dev.lading.oci.layer.ExtractionReport;
import dev.lading.oci.layer.LayerExtractor;
import dev.lading.oci.layer.Ownership;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

@Command(name = "unpack",
        description = {"Write an image's root filesystem to a directory: layers applied in order, whiteouts honoured.",
                "",
                "Hostile layers cannot write outside DIR (.. paths, absolute paths, writes through symlinks,",
                "hardlinks out of the tree are refused). As root, files get the owners the image says; otherwise",
                "they belong to you and the image's owners and modes are recorded in a JSON file beside DIR",
                "(DIR.ownership.json, or --ownership-file)."},
        footer = {"", "Examples:",
                "  lading unpack oci:/tmp/layout:app /tmp/app-rootfs",
                "  lading unpack --platform linux/arm64 docker://127.0.0.1:5000/base:1 rootfs"},
        mixinStandardHelpOptions = true)
final class UnpackCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "REF", description = "The image.")
    String ref;

    @Parameters(index = "1", paramLabel = "DIR", description = "Target directory: must not exist or be empty.")
    Path target;

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]", description = "Which image of an index (default: this host's).")
    String platform;

    @Option(names = "--ownership-file", paramLabel = "FILE", description = "Where to record owners when not root (default: DIR.ownership.json).")
    Path ownershipFile;

    @Mixin
    OutputOptions output;

    @Mixin
    RegistryFlags registry;

    @Override
    public Integer call() throws Exception {
        ImageReference reference = Transports.parse(ref);
        if (Files.exists(target)) {
            if (!Files.isDirectory(target)) {
                throw CliException.usage(target + " exists and is not a directory");
            }
            try (Stream<Path> s = Files.list(target)) {
                if (s.findAny().isPresent()) {
                    throw CliException.usage(target + " is not empty: unpack into a new or empty directory");
                }
            }
        }
        Platform p = platform == null ? null : InspectCommand.parsePlatform(platform);
        Transports transports = new Transports(System.getenv(), registry);
        LayerExtractor extractor = new LayerExtractor(ExtractOptions.defaults());
        Map<String, Ownership> ownership = new TreeMap<>();
        int warnings = 0;
        try (ContentReader reader = transports.reader(reference)) {
            ResolvedImage image = ResolvedImage.load(reader, p);
            List<Descriptor> layers = image.manifest().layers();
            for (int i = 0; i < layers.size(); i++) {
                Descriptor layer = layers.get(i);
                ExtractionReport report;
                try (InputStream in = reader.openBlob(layer)) {
                    report = extractor.apply(in, target);
                }
                ownership = new TreeMap<>(report.mergeOwnership(ownership));
                for (String w : report.warnings()) {
                    System.err.println("warning: layer " + (i + 1) + " (" + layer.digest().shortHex() + "): " + w);
                    warnings++;
                }
                if (!output.quiet()) {
                    System.err.printf("Layer %d/%d %s: %d entries, %s%n", i + 1, layers.size(), layer.digest().shortHex(),
                            report.entries(), Terminal.bytes(report.bytes()));
                }
            }
        }
        if (!ownership.isEmpty()) {
            Path file = ownershipFile != null ? ownershipFile
                    : target.toAbsolutePath().resolveSibling(target.getFileName() + ".ownership.json");
            Map<String, Object> out = new LinkedHashMap<>();
            ownership.forEach((path, o) -> out.put(path, Map.of("uid", o.uid(), "gid", o.gid(), "mode", Integer.toOctalString(o.mode()))));
            Files.writeString(file, Json.writePretty(out));
            if (!output.quiet()) {
                System.err.println("Not running as root: owners and modes of " + ownership.size() + " paths recorded in " + file);
            }
        }
        if (!output.quiet()) {
            System.err.println("Unpacked " + reference.display() + " into " + target + (warnings > 0 ? " (" + warnings + " warnings)" : ""));
        }
        return 0;
    }
}
