package dev.lading.oci.layer;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Run by {@link RootlessExtractionTest} in a JVM that has dropped root: applies the layers given as
 * arguments to the last argument, with default options, and prints the reports (the test inspects the files).
 */
final class RootlessProbe {
    private RootlessProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path target = Path.of(args[args.length - 1]);
        Map<String, Ownership> ownership = new TreeMap<>();
        for (int i = 0; i < args.length - 1; i++) {
            try (InputStream in = Files.newInputStream(Path.of(args[i]))) {
                ExtractionReport r = new LayerExtractor(ExtractOptions.defaults()).apply(in, target);
                ownership = r.mergeOwnership(ownership);
                System.out.println("layer" + i + ".warnings=" + r.warnings());
            }
        }
        System.out.println("ownership=" + ownership);
    }
}
