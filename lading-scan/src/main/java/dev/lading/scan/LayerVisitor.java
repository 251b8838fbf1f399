package dev.lading.scan;

import dev.lading.oci.Descriptor;
import dev.lading.oci.Digest;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;

/**
 * Sees every entry of every layer while {@link ImageFiles} streams it, before whiteouts are applied: what the
 * final filesystem hides (files a later layer deletes or overwrites) is still there to see. This is how
 * analyses that need the layers themselves (secrets in any layer, wasted space) share the one pass over the
 * layers with the catalogers.
 *
 * <p>Calls come in layer order: {@code layerStart}, then {@code entry} per tar entry in tar order, then
 * {@code layerEnd}. A visitor keeps its own state; an exception ends the walk (as a broken layer would), so a
 * visitor that can fail on one file should catch that itself.
 */
public interface LayerVisitor {

    /** One layer of the manifest: its position (from 0) out of {@code count}, and its descriptor. */
    record Layer(int index, int count, Descriptor descriptor) {
        public Layer {
            Objects.requireNonNull(descriptor, "descriptor");
        }

        public Digest digest() {
            return descriptor.digest();
        }

        /** The blob's size as the manifest gives it. */
        public long compressedSize() {
            return descriptor.size();
        }
    }

    /** What a tar entry is, with OCI whiteouts already recognised. */
    enum Kind { FILE, DIRECTORY, SYMLINK, HARDLINK, WHITEOUT, OPAQUE_WHITEOUT, OTHER }

    /**
     * One tar entry. {@code path} is absolute and normalised; for {@link Kind#WHITEOUT} it is the path deleted
     * (the {@code .wh.} prefix removed), for {@link Kind#OPAQUE_WHITEOUT} the directory whose lower contents are
     * hidden ({@code /} for the root). {@code size} is the tar header's size (0 except for files).
     */
    record Entry(String path, Kind kind, long size, int mode, String linkTarget) {
        public Entry {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(kind, "kind");
        }
    }

    /**
     * A file's bytes, at most the limit the visitor asked for. Each {@link #open()} starts again at the first
     * byte, so a visitor may sniff a prefix and then read from the start.
     */
    interface Content {
        InputStream open() throws IOException;

        /**
         * All of the bytes at once (what {@link #open()} gives, read to its end). The array may be shared: a
         * caller must not change it. The walk's own content hands over the array it holds, without a copy.
         */
        default byte[] bytes() throws IOException {
            try (InputStream in = open()) {
                return in.readAllBytes();
            }
        }
    }

    default void layerStart(Layer layer) throws IOException {
    }

    /**
     * How many bytes of {@code entry}'s content (a {@link Kind#FILE}) this visitor wants; 0 or less: none, and
     * {@link #entry} gets null content. What is asked for is held in memory while the entry is visited.
     */
    default long contentLimit(Layer layer, Entry entry) {
        return 0;
    }

    /**
     * Whether {@code entry}'s content is worth handing over at all, judged from its first bytes ({@code head}: at
     * most {@link #HEAD_BYTES}, fewer only for a shorter file). {@link BackgroundLayerVisitor} asks this on the
     * walking thread before it copies a file for its worker; a visitor that says no gets the entry with null
     * content, as if it had asked for none. Default: yes.
     */
    default boolean wantsContent(Layer layer, Entry entry, byte[] head) {
        return true;
    }

    /** How many of a file's first bytes {@link #wantsContent} is shown. */
    int HEAD_BYTES = 8192;

    void entry(Layer layer, Entry entry, Content content) throws IOException;

    /** After the layer's last entry; {@code uncompressedBytes} is the length of the layer's tar stream. */
    default void layerEnd(Layer layer, long uncompressedBytes) throws IOException {
    }

    /** Visits with each of {@code visitors} in turn; each sees content only if it asked for some. */
    static LayerVisitor all(List<? extends LayerVisitor> visitors) {
        List<LayerVisitor> all = List.copyOf(visitors);
        return new LayerVisitor() {
            @Override
            public void layerStart(Layer layer) throws IOException {
                for (LayerVisitor v : all) {
                    v.layerStart(layer);
                }
            }

            @Override
            public long contentLimit(Layer layer, Entry entry) {
                long max = 0;
                for (LayerVisitor v : all) {
                    max = Math.max(max, v.contentLimit(layer, entry));
                }
                return max;
            }

            /** Whether one of the visitors that asked for this content still wants it. */
            @Override
            public boolean wantsContent(Layer layer, Entry entry, byte[] head) {
                for (LayerVisitor v : all) {
                    if (v.contentLimit(layer, entry) > 0 && v.wantsContent(layer, entry, head)) {
                        return true;
                    }
                }
                return false;
            }

            @Override
            public void entry(Layer layer, Entry entry, Content content) throws IOException {
                for (LayerVisitor v : all) {
                    v.entry(layer, entry, content != null && v.contentLimit(layer, entry) > 0 ? content : null);
                }
            }

            @Override
            public void layerEnd(Layer layer, long uncompressedBytes) throws IOException {
                for (LayerVisitor v : all) {
                    v.layerEnd(layer, uncompressedBytes);
                }
            }
        };
    }
}
