package dev.lading.cli;

import dev.lading.oci.ImageReference;
import dev.lading.oci.content.ContentReader;
import dev.lading.oci.content.ContentWriter;
import dev.lading.oci.content.CopyOptions;
import dev.lading.oci.content.CopyProgress;
import dev.lading.oci.content.ImageCopier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "tag",
        description = {"Give an image more names, keeping its digest.",
                "",
                "In a registry the manifest is put under each new tag; blobs are never uploaded again",
                "(a new repository on the same registry gets them by cross-repository mount). In the local",
                "store or an OCI layout, the new name points at the same manifest."},
        footer = {"", "Examples:",
                "  lading tag 127.0.0.1:5000/app:1.2.3 127.0.0.1:5000/app:1.2 127.0.0.1:5000/app:1",
                "  lading tag store:app:dev store:app:1.0.0"},
        mixinStandardHelpOptions = true)
final class TagCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "REF", description = "The image to tag.")
    String source;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "NEWREF", description = "New names (same transport rules as copy).")
    List<String> targets;

    @Mixin
    RegistryFlags registry;

    @Override
    public Integer call() throws Exception {
        ImageReference src = Transports.parse(source);
        Transports transports = new Transports(System.getenv(), registry);
        for (String t : targets) {
            ImageReference dst = Transports.parse(t);
            if (src instanceof ImageReference.Registry && dst instanceof ImageReference.Registry r && !r.explicit()) {
                // a bare name next to a registry source means the registry, never the store
                dst = new ImageReference.Registry(r.ref(), true);
            }
            try (ContentReader reader = transports.reader(src); ContentWriter writer = transports.writer(dst)) {
                ImageCopier.Result r = ImageCopier.copy(reader, writer, new CopyOptions(true, null, 4, CopyProgress.NONE));
                System.err.println("Tagged " + dst.display() + " -> " + r.root().digest()
                        + (r.blobsCopied() > 0 ? " (" + r.blobsCopied() + " blobs copied)" : ""));
            }
        }
        return 0;
    }
}
