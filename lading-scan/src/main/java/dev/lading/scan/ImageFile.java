package dev.lading.scan;

import dev.lading.oci.Digest;
import dev.lading.oci.layer.EntryType;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One path of an image's final filesystem (after every layer and whiteout): what it is, and the layer that
 * last wrote it. The contents are kept only when a cataloger asked for the path (see {@link FileSelector});
 * everything else is metadata, so a view of a large image stays small.
 */
public final class ImageFile {
    private final String path;
    private final EntryType type;
    private final long size;
    private final int mode;
    private final String linkTarget;
    private final Digest layer;
    private final int layerIndex;
    private final byte[] content;
    private final Object summary;

    ImageFile(String path, EntryType type, long size, int mode, String linkTarget, Digest layer, int layerIndex, byte[] content) {
        this(path, type, size, mode, linkTarget, layer, layerIndex, content, null);
    }

    ImageFile(String path, EntryType type, long size, int mode, String linkTarget, Digest layer, int layerIndex, byte[] content,
              Object summary) {
        this.path = Objects.requireNonNull(path, "path");
        this.type = Objects.requireNonNull(type, "type");
        this.size = size;
        this.mode = mode;
        this.linkTarget = linkTarget;
        this.layer = Objects.requireNonNull(layer, "layer");
        this.layerIndex = layerIndex;
        this.content = content;
        this.summary = summary;
    }

    /** Absolute and normalised: {@code /var/lib/dpkg/status}. */
    public String path() {
        return path;
    }

    /** Hard links are reported as the file they link to ({@link EntryType#FILE}), since that is what a reader sees. */
    public EntryType type() {
        return type;
    }

    public long size() {
        return size;
    }

    public int mode() {
        return mode;
    }

    /** A symlink's target as written in the tar (not resolved); null for other types. */
    public String linkTarget() {
        return linkTarget;
    }

    /** The digest (of the compressed blob, as in the manifest) of the layer that last wrote this path. */
    public Digest layer() {
        return layer;
    }

    /** That layer's position in the manifest, from 0. */
    public int layerIndex() {
        return layerIndex;
    }

    /** Whether the contents were kept: only for paths a cataloger asked for, within the size limits. */
    public boolean hasContent() {
        return content != null;
    }

    /** The kept contents. */
    public InputStream open() {
        return new ByteArrayInputStream(requireContent());
    }

    /** The kept contents as UTF-8 text (malformed bytes become U+FFFD rather than failing). */
    public String text() {
        return new String(requireContent(), StandardCharsets.UTF_8);
    }

    /** What a {@link FileSummarizer} kept of this file, or null. */
    public Object summary() {
        return summary;
    }

    ImageFile movedTo(String newPath, Digest newLayer, int newLayerIndex) {
        return new ImageFile(newPath, type, size, mode, linkTarget, newLayer, newLayerIndex, content, summary);
    }

    long keptBytes() {
        return content == null ? 0 : content.length;
    }

    private byte[] requireContent() {
        if (content == null) {
            throw new IllegalStateException("the contents of " + path + " were not kept (no cataloger asked for it, or it was over the size limit)");
        }
        return content;
    }

    @Override
    public String toString() {
        return path + " (" + type + ", " + size + " bytes, layer " + layer.shortHex() + ")";
    }
}
