package dev.lading.oci.content;

import dev.lading.oci.Descriptor;

/** What a copy reports while it runs; called from several threads. */
public interface CopyProgress {
    CopyProgress NONE = new CopyProgress() {
    };

    /** The copy will look at {@code blobs} blobs of {@code bytes} bytes in all (some may turn out to exist). */
    default void planned(int blobs, long bytes) {
    }

    /** A blob starts transferring. */
    default void started(Descriptor blob) {
    }

    /** {@code bytes} more bytes of {@code blob} went through. */
    default void advanced(Descriptor blob, long bytes) {
    }

    /** The blob is done; {@code how} says whether it was sent, already there, or mounted. */
    default void finished(Descriptor blob, Outcome how) {
    }

    /** A manifest or index was written. */
    default void manifestWritten(Descriptor manifest) {
    }

    enum Outcome { COPIED, SKIPPED_EXISTS, MOUNTED }
}
