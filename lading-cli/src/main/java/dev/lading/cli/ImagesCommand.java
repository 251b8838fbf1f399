package dev.lading.cli;

import dev.lading.oci.Descriptor;
import dev.lading.oci.layout.OciLayout;
import dev.lading.oci.layout.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "images",
        description = {"List the images in the local store (or an OCI layout)."},
        mixinStandardHelpOptions = true)
final class ImagesCommand implements Callable<Integer> {

    @Option(names = "--layout", paramLabel = "DIR", description = "List this OCI layout instead of the store.")
    Path layoutDir;

    @Option(names = {"-q", "--quiet"}, description = "Print only names.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        OciLayout layout = layoutDir != null ? OciLayout.open(layoutDir)
                : Store.open(Store.defaultHome(System.getenv())).layout();
        if (!quiet) {
            System.out.printf("%-60s %-20s %s%n", "NAME", "DIGEST", "TYPE");
        }
        for (Descriptor d : layout.entries()) {
            String name = d.annotation(Descriptor.ANNOTATION_REF_NAME);
            if (quiet) {
                System.out.println(name == null ? d.digest() : name);
            } else {
                System.out.printf("%-60s %-20s %s%n", name == null ? "<none>" : name, d.digest().shortHex(),
                        d.mediaType() != null && d.mediaType().contains("index") ? "index" : "image");
            }
        }
        return 0;
    }
}
