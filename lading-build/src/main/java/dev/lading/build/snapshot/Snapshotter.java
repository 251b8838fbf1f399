package dev.lading.build.snapshot;

import dev.lading.build.IdMapping;
import dev.lading.build.Sandbox;
import dev.lading.oci.layer.LayerEntry;
import dev.lading.oci.layer.Ownership;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Turns what one RUN did to a stage's working root filesystem into layer entries. Two implementations
 * (overlay upper dir, and copy-and-diff) must give identical entries for the same change.
 */
public interface Snapshotter {

    /** "overlay" or "copy-diff": shown in plain progress output. */
    String name();

    /**
     * Begins a change set over {@code rootfs}, the stage's working root filesystem as the layers so far made it.
     *
     * @param owners  the recorded ownership of paths whose on-disk owner/mode differs from the image's
     *                (extraction without root records instead of chowning: see {@code ExtractOptions.OwnershipMode.RECORD})
     * @param mapping the sandbox's id mapping, to translate on-disk owners of new or changed files
     */
    Session begin(Path rootfs, Map<String, Ownership> owners, IdMapping mapping) throws IOException;

    /**
     * Whether {@link Session#close()} without a commit gives back the rootfs as it was before {@link #begin}.
     * False when the RUN writes into the rootfs itself (copy-diff): then after a failed RUN the caller must
     * discard the rootfs (or re-extract it) before another session begins. After a commit that threw, discard
     * it with either implementation: the overlay's commit may have been moving its upper directory in.
     */
    default boolean restoresOnDiscard() {
        return false;
    }

    interface Session extends AutoCloseable {
        /** How the sandbox must present the root for this RUN. */
        Sandbox.Root root();

        /**
         * After the RUN: the changes as layer entries (canonical layer paths; added or changed entries with
         * every ancestor directory of a change; a whiteout {@code .wh.NAME} per deleted path; never opaque
         * markers), and the working rootfs and the ownership record brought up to date with them. File
         * entries read their content from the working rootfs, so they are valid until the next session begins.
         */
        Result commit() throws IOException;

        /**
         * Discards the change set (a failed RUN) and whatever the session created beside the rootfs. The working
         * rootfs is as before {@link Snapshotter#begin} only if {@link Snapshotter#restoresOnDiscard()}; after a
         * commit (successful or not) this only releases resources.
         */
        @Override
        void close() throws IOException;
    }

    /** The layer entries of the change, and the ownership record of the rootfs after it. */
    record Result(List<LayerEntry> entries, Map<String, Ownership> owners) {
        public Result {
            entries = List.copyOf(entries);
            owners = Map.copyOf(owners);
        }
    }
}
