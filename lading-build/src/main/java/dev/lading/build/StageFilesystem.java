package dev.lading.build;

import dev.lading.oci.Descriptor;
import dev.lading.oci.layer.ExtractOptions;
import dev.lading.oci.layer.ExtractionReport;
import dev.lading.oci.layer.LayerCompression;
import dev.lading.oci.layer.LayerEntry;
import dev.lading.oci.layer.LayerExtractor;
import dev.lading.oci.layer.Owner;
import dev.lading.oci.layer.Ownership;
import dev.lading.oci.layout.OciLayout;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Read-only views of a stage's root filesystem, computed from its layers without a snapshot: which paths
 * exist (for WORKDIR), the content of small files (/etc/passwd for --chown names), and a full extraction
 * (for COPY --from).
 */
final class StageFilesystem {

    /** The files whose content {@link #paths} keeps: what name resolution needs. */
    static final Set<String> KEPT_FILES = Set.of("etc/passwd", "etc/group");

    private StageFilesystem() {
    }

    /** An extracted tree: the directory and the owner of each path in it, as the layers said. */
    record Extracted(Path root, Map<String, Owner> owners) {
        Owner owner(String relative) throws IOException {
            Owner o = owners.get(relative);
            if (o != null) {
                return o;
            }
            // Not recorded: the extractor gave the file the ids the layer had (it chowned, or they were ours).
            Path p = relative.isEmpty() ? root : root.resolve(relative);
            int uid = (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            int gid = (Integer) Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS);
            return new Owner(uid, gid);
        }
    }

    /** Applies the layers in order into {@code target}. */
    static Extracted extract(OciLayout blobs, List<Descriptor> layers, Path target) throws IOException {
        LayerExtractor extractor = new LayerExtractor(ExtractOptions.defaults().withOwnership(ExtractOptions.OwnershipMode.RECORD));
        Map<String, Ownership> owners = Map.of();
        for (Descriptor layer : layers) {
            try (InputStream in = blobs.openBlob(layer)) {
                ExtractionReport report = extractor.apply(in, target);
                owners = report.mergeOwnership(owners);
            }
        }
        Map<String, Owner> ids = new HashMap<>();
        owners.forEach((path, o) -> ids.put(path, new Owner(o.uid(), o.gid())));
        return new Extracted(target, ids);
    }

    /** One path of a stage's filesystem: whether it is a directory, and the content of a {@link #KEPT_FILES} file. */
    record Node(boolean directory, Optional<byte[]> content) {
        static final Node IMPLICIT_DIRECTORY = new Node(true, Optional.empty());
    }

    /**
     * Applies one layer to a path index (canonical layer paths): whiteouts and opaque directories hide what
     * lower layers had, then the layer's own entries are added. Returns a new index; {@code lower} is unchanged.
     */
    static TreeMap<String, Node> apply(TreeMap<String, Node> lower, OciLayout blobs, Descriptor layer) throws IOException {
        TreeMap<String, Node> tree = new TreeMap<>(lower);
        Map<String, Node> added = new TreeMap<>();
        try (InputStream raw = new BufferedInputStream(blobs.openBlob(layer));
             InputStream plain = LayerCompression.decompress(raw);
             TarArchiveInputStream tar = new TarArchiveInputStream(plain)) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                String path = CopySources.clean(e.getName());
                if (path.isEmpty()) {
                    continue;
                }
                int slash = path.lastIndexOf('/');
                String dir = slash < 0 ? "" : path.substring(0, slash);
                String name = path.substring(slash + 1);
                if (name.equals(LayerEntry.OPAQUE_WHITEOUT)) {
                    removeUnder(tree, dir);
                } else if (name.startsWith(LayerEntry.WHITEOUT_PREFIX)) {
                    String gone = CopySources.join(dir, name.substring(LayerEntry.WHITEOUT_PREFIX.length()));
                    tree.remove(gone);
                    removeUnder(tree, gone);
                } else {
                    Optional<byte[]> content = e.isFile() && KEPT_FILES.contains(path) && e.getSize() < (1 << 24)
                            ? Optional.of(tar.readAllBytes()) : Optional.empty();
                    added.put(path, new Node(e.isDirectory(), content));
                    // A tar may name a file without its directories; they exist all the same.
                    for (int i = path.indexOf('/'); i > 0; i = path.indexOf('/', i + 1)) {
                        added.putIfAbsent(path.substring(0, i), Node.IMPLICIT_DIRECTORY);
                    }
                }
            }
        }
        tree.putAll(added);
        return tree;
    }

    private static void removeUnder(TreeMap<String, Node> tree, String dir) {
        if (dir.isEmpty()) {
            tree.clear();
        } else {
            tree.subMap(dir + "/", dir + "0").clear(); // '0' is the character after '/'
        }
    }
}
