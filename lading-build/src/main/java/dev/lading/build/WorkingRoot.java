package dev.lading.build;

import dev.lading.oci.Descriptor;
import dev.lading.oci.layer.ExtractOptions;
import dev.lading.oci.layer.ExtractionReport;
import dev.lading.oci.layer.FilePool;
import dev.lading.oci.layer.LayerExtractor;
import dev.lading.oci.layer.Ownership;
import dev.lading.oci.layout.OciLayout;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A stage's root filesystem on disk, for RUN: the stage's layers applied in order. Created at a stage's first
 * RUN that is not cached, and brought up to date lazily: layers that COPY or a cached RUN added since are
 * applied before the next RUN. As root the extraction chowns; without root it records the owners in
 * {@link #owners} (what the snapshotter needs to give changed files their image owner back).
 */
final class WorkingRoot {

    final Path dir;
    /** Where extraction takes files from, and where they go back when the root is deleted; null: none. */
    final FilePool pool;
    Map<String, Ownership> owners = Map.of();
    /** How many of the stage's layers {@link #dir} reflects. */
    int applied;

    WorkingRoot(Path dir) {
        this(dir, null);
    }

    /** A root whose extracted files come from (and, by {@link FilePool#giveBack()}, go back to) {@code pool}. */
    WorkingRoot(Path dir, FilePool pool) {
        this.dir = dir;
        this.pool = pool;
    }

    /** Applies the layers of {@code layers} this root does not have yet. */
    void catchUp(OciLayout blobs, List<Descriptor> layers) throws IOException {
        if (applied > layers.size()) {
            throw new IllegalStateException("the working root is ahead of its stage");
        }
        ExtractOptions options = ExtractOptions.defaults();
        if (pool != null) {
            options = options.withFilePool(pool);
        }
        LayerExtractor extractor = new LayerExtractor(options);
        for (int i = applied; i < layers.size(); i++) {
            try (InputStream in = blobs.openBlob(layers.get(i))) {
                ExtractionReport report = extractor.apply(in, dir);
                owners = report.mergeOwnership(owners);
            }
            applied = i + 1;
        }
    }
}
