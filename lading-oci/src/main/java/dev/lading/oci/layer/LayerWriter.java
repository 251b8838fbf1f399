package dev.lading.oci.layer;

import dev.lading.oci.MediaType.Compression;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes reproducible layer tars: the same entries give the same bytes, on any machine.
 *
 * <p>Reproducibility comes from what is left out as much as from what is written: entries are sorted by the
 * bytes of their path (so a parent precedes its children), every mtime is the caller's
 * {@code SOURCE_DATE_EPOCH}, uname/gname are empty and ids are numbers, PAX header names carry no pid, and
 * the gzip header has no time or name. Compression output also depends on the zlib/zstd build, which the JVM
 * may take from the OS: identical across runs on one machine, not guaranteed across distributions.
 *
 * <p>One pass over the entries produces the blob and both digests; file contents are streamed through a
 * fixed buffer, so memory does not grow with file size.
 *
 * <p>The writer writes what it is given: it does not invent parent directories (a layer may rely on its lower
 * layers for them) and does not check that a hardlink's target outside this layer exists. Instances are
 * immutable and may be shared between threads.
 */
public final class LayerWriter {

    /**
     * How to write. {@code level} is the compressor's level (ignored for NONE); {@code sourceDateEpoch}
     * is the mtime of every entry, in seconds since the epoch.
     */
    public record Options(Compression compression, int level, long sourceDateEpoch) {
        public Options {
            Objects.requireNonNull(compression, "compression");
        }

        /** gzip at the default level, mtime 0. */
        public static Options defaults() {
            return of(Compression.GZIP);
        }

        public static Options of(Compression compression) {
            return new Options(compression, LayerCompression.defaultLevel(compression), 0);
        }

        public Options withSourceDateEpoch(long epochSeconds) {
            return new Options(compression, level, epochSeconds);
        }

        public Options withLevel(int newLevel) {
            return new Options(compression, newLevel, sourceDateEpoch);
        }
    }

    /** Byte order of the UTF-8 path: what "sorted" means for a tar whose names are bytes. */
    static final Comparator<LayerEntry> BY_PATH = (a, b) -> Arrays.compareUnsigned(
            a.path().getBytes(StandardCharsets.UTF_8), b.path().getBytes(StandardCharsets.UTF_8));

    private final Options options;

    public LayerWriter(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Writes the layer to {@code out} (which is flushed, not closed). Refuses duplicate paths and hardlinks
     * whose target is in this layer but not a file written before them, because a reader could not apply them.
     */
    public LayerResult write(Collection<LayerEntry> entries, OutputStream out) throws IOException {
        return write(entries, out, null);
    }

    /**
     * As {@link #write(Collection, OutputStream)}, and every byte of the uncompressed tar also goes to
     * {@code tarCopy} (flushed, not closed), as it is written: what lets a caller apply the layer somewhere while
     * it is being made, without reading the blob back. A null {@code tarCopy} is no copy.
     */
    public LayerResult write(Collection<LayerEntry> entries, OutputStream out, OutputStream tarCopy) throws IOException {
        List<LayerEntry> sorted = sortedAndChecked(entries);
        CountingDigestOutputStream compressed = new CountingDigestOutputStream(out, false);
        CountingDigestOutputStream tar;
        try (OutputStream compressor = LayerCompression.compress(compressed, options.compression(), options.level())) {
            tar = new CountingDigestOutputStream(tarCopy == null ? compressor : new Tee(compressor, tarCopy), false);
            TarOutput tarOut = new TarOutput(tar);
            for (LayerEntry e : sorted) {
                tarOut.putEntry(e, options.sourceDateEpoch());
                if (e.type() == EntryType.FILE && e.size() > 0) {
                    try (InputStream content = e.content().open()) {
                        tarOut.writeContent(e.path(), content, e.size());
                    }
                }
            }
            tarOut.finish();
            tar.flush();
        }
        return new LayerResult(compressed.digest(), compressed.count(), tar.digest(), tar.count(), options.compression());
    }

    /** Writes to two streams; closing closes the first only (the copy belongs to the caller). */
    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream copy;

        Tee(OutputStream first, OutputStream copy) {
            this.first = first;
            this.copy = copy;
        }

        @Override
        public void write(int b) throws IOException {
            first.write(b);
            copy.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            first.write(b, off, len);
            copy.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            first.flush();
            copy.flush();
        }

        @Override
        public void close() throws IOException {
            first.close();
        }
    }

    static List<LayerEntry> sortedAndChecked(Collection<LayerEntry> entries) {
        List<LayerEntry> sorted = new ArrayList<>(entries);
        sorted.sort(BY_PATH);
        Map<String, LayerEntry> seen = new HashMap<>();
        for (LayerEntry e : sorted) {
            if (seen.putIfAbsent(e.path(), e) != null) {
                throw new IllegalArgumentException("layer has two entries for '" + e.path() + "'");
            }
        }
        for (LayerEntry e : sorted) {
            if (e.type() != EntryType.HARDLINK) {
                continue;
            }
            LayerEntry target = seen.get(e.linkTarget());
            if (target == null) {
                continue; // a file of a lower layer: legal, checked when the layer is applied
            }
            if (target.type() != EntryType.FILE && target.type() != EntryType.HARDLINK) {
                throw new IllegalArgumentException("hardlink '" + e.path() + "' points at '" + e.linkTarget()
                        + "', which is a " + target.type() + ", not a file");
            }
            if (BY_PATH.compare(target, e) >= 0) {
                throw new IllegalArgumentException("hardlink '" + e.path() + "' points at '" + e.linkTarget()
                        + "', which sorts after it; make the first path in byte order the file and the others links");
            }
        }
        return sorted;
    }
}
