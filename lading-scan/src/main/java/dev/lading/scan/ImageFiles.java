package dev.lading.scan;

import dev.lading.oci.Descriptor;
import dev.lading.oci.Digest;
import dev.lading.oci.content.ContentReader;
import dev.lading.oci.layer.EntryType;
import dev.lading.oci.layer.LayerCompression;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The final filesystem of an image, as its layers leave it: each layer's tar is streamed once, in manifest
 * order, and OCI whiteouts are applied, so a file that a later layer deletes is not here. Per path it keeps the
 * layer that last wrote it and, only for paths a {@link FileSelector} asks for, the contents.
 *
 * <p>Layers are treated as hostile: names with {@code ..}, empty names and unsupported entries are skipped
 * with a warning; a truncated or corrupt layer is an error naming the layer.
 */
public final class ImageFiles {

    /** Bounds on what a walk keeps in memory. */
    public record Limits(long maxFileBytes, long maxTotalBytes) {
        /** 32 MiB for one file (no package database is larger), 512 MiB in all. */
        public static final Limits DEFAULT = new Limits(32L << 20, 512L << 20);

        public Limits {
            if (maxFileBytes < 0 || maxTotalBytes < 0) {
                throw new IllegalArgumentException("limits must not be negative");
            }
        }
    }

    private final NavigableMap<String, ImageFile> files;
    private final List<Digest> layers;

    private ImageFiles(NavigableMap<String, ImageFile> files, List<Digest> layers) {
        this.files = Collections.unmodifiableNavigableMap(files);
        this.layers = List.copyOf(layers);
    }

    /**
     * Streams each of {@code layers} from {@code reader} once, in order. Every blob is read to its end, so the
     * reader verifies its digest.
     */
    public static ImageFiles read(ContentReader reader, List<Descriptor> layers, FileSelector selector, Limits limits,
                                  Consumer<String> warnings) throws IOException {
        return read(reader, layers, selector, null, limits, warnings);
    }

    /** As {@link #read(ContentReader, List, FileSelector, Limits, Consumer)}, also running {@code summarizer} (may be null). */
    public static ImageFiles read(ContentReader reader, List<Descriptor> layers, FileSelector selector, FileSummarizer summarizer,
                                  Limits limits, Consumer<String> warnings) throws IOException {
        return read(reader, layers, selector, summarizer, limits, warnings, null);
    }

    /**
     * As {@link #read(ContentReader, List, FileSelector, FileSummarizer, Limits, Consumer)}, also showing every
     * layer entry to {@code visitor} (may be null) as it streams past: analyses of the layers themselves share
     * this one pass.
     */
    public static ImageFiles read(ContentReader reader, List<Descriptor> layers, FileSelector selector, FileSummarizer summarizer,
                                  Limits limits, Consumer<String> warnings, LayerVisitor visitor) throws IOException {
        Walk walk = new Walk(selector, summarizer, limits, warnings, visitor);
        for (int i = 0; i < layers.size(); i++) {
            Descriptor layer = layers.get(i);
            LayerVisitor.Layer seen = new LayerVisitor.Layer(i, layers.size(), layer);
            // three stages, each on its own thread, a megabyte ahead of the next: the blob is read and its digest
            // checked; it is inflated (in megabyte strides, not the tar reader's 512-byte headers); the tar is
            // walked here. Inflating no longer adds to the walk's own work (tar, catalogers, visitors)
            try (InputStream blob = readAhead(reader.openBlob(layer));
                 InputStream inflated = readAhead(LayerCompression.decompress(blob))) {
                CountingInputStream tar = new CountingInputStream(inflated);
                if (visitor != null) {
                    visitor.layerStart(seen);
                }
                walk.layer(seen, tar);
                // gzip may stop at the end of its member: read on so the verifying stream reaches EOF
                tar.transferTo(OutputStream.nullOutputStream());
                blob.transferTo(OutputStream.nullOutputStream());
                if (visitor != null) {
                    visitor.layerEnd(seen, tar.count);
                }
            } catch (IOException e) {
                throw new IOException("layer " + (i + 1) + "/" + layers.size() + " (" + layer.digest() + "): " + e.getMessage(), e);
            }
        }
        return new ImageFiles(walk.files, layers.stream().map(Descriptor::digest).toList());
    }

    private static InputStream readAhead(InputStream in) throws IOException {
        return org.apache.commons.io.input.ReadAheadInputStream.builder().setInputStream(in).setBufferSize(1 << 20).get();
    }

    /** The digests of the layers that were walked, in order. */
    public List<Digest> layers() {
        return layers;
    }

    /** The file at {@code path} (absolute; not following symlinks), if the final filesystem has it. */
    public Optional<ImageFile> get(String path) {
        return Optional.ofNullable(files.get(path));
    }

    /** Every path, sorted. */
    public Stream<ImageFile> all() {
        return files.values().stream();
    }

    /** The paths under {@code directory} (absolute, without a trailing slash), sorted. */
    public Stream<ImageFile> under(String directory) {
        String prefix = directory.endsWith("/") ? directory : directory + "/";
        return files.subMap(prefix, true, prefix + Character.MAX_VALUE, false).values().stream();
    }

    /** The regular files whose path matches and whose contents were kept, sorted by path. */
    public Stream<ImageFile> kept(Predicate<String> path) {
        return files.values().stream().filter(f -> f.hasContent() && path.test(f.path()));
    }

    public int size() {
        return files.size();
    }

    /** One pass over the layers; mutable, and private to {@link #read}. */
    private static final class Walk {
        private static final String WHITEOUT = ".wh.";
        private static final String OPAQUE = ".wh..wh..opq";

        private final TreeMap<String, ImageFile> files = new TreeMap<>();
        private final FileSelector selector;
        private final FileSummarizer summarizer;
        private final Limits limits;
        private final Consumer<String> warnings;
        private final LayerVisitor visitor;
        private long keptBytes;
        private final byte[] drain = new byte[64 * 1024];
        private boolean budgetWarned;

        Walk(FileSelector selector, FileSummarizer summarizer, Limits limits, Consumer<String> warnings, LayerVisitor visitor) {
            this.visitor = visitor;
            this.selector = Objects.requireNonNull(selector, "selector");
            this.summarizer = summarizer;
            this.limits = Objects.requireNonNull(limits, "limits");
            this.warnings = Objects.requireNonNull(warnings, "warnings");
        }

        void layer(LayerVisitor.Layer seen, InputStream tarStream) throws IOException {
            int index = seen.index();
            Digest digest = seen.digest();
            // not closed: the caller drains and closes the blob underneath
            TarArchiveInputStream tar = new TarArchiveInputStream(tarStream);
            TarArchiveEntry entry;
            while ((entry = next(tar)) != null) {
                String path = normalize(entry.getName());
                if (path == null) {
                    warnings.accept("layer " + digest.shortHex() + ": skipped the entry '" + printable(entry.getName())
                            + "' (its name is empty or leaves the root)");
                    continue;
                }
                String base = path.substring(path.lastIndexOf('/') + 1);
                String parent = path.substring(0, path.lastIndexOf('/'));
                if (base.equals(OPAQUE)) {
                    visitWhiteout(seen, new LayerVisitor.Entry(parent.isEmpty() ? "/" : parent, LayerVisitor.Kind.OPAQUE_WHITEOUT, 0,
                            entry.getMode(), null));
                    removeLower(parent, index, false);
                    continue;
                }
                if (base.startsWith(WHITEOUT)) {
                    visitWhiteout(seen, new LayerVisitor.Entry(parent + "/" + base.substring(WHITEOUT.length()), LayerVisitor.Kind.WHITEOUT, 0,
                            entry.getMode(), null));
                    removeLower(parent + "/" + base.substring(WHITEOUT.length()), index, true);
                    continue;
                }
                add(index, digest, path, entry, visit(seen, path, entry, tar));
            }
        }

        /**
         * The next entry, after reading what is left of the current one into one reused buffer: left to
         * getNextEntry, commons-compress skips it 8 KiB at a time through a newly allocated buffer each time,
         * which was a quarter of the walking thread's own time on an image of many small files.
         */
        private TarArchiveEntry next(TarArchiveInputStream tar) throws IOException {
            if (tar.getCurrentEntry() != null) {
                while (tar.read(drain, 0, drain.length) > 0) {
                    // discarded: bytes no one asked for
                }
            }
            return tar.getNextEntry();
        }

        /** Shows the entry to the visitor; returns the stream the rest of the walk reads the entry's bytes from. */
        private InputStream visit(LayerVisitor.Layer seen, String path, TarArchiveEntry entry, InputStream tar) throws IOException {
            if (visitor == null) {
                return tar;
            }
            LayerVisitor.Kind kind = entry.isDirectory() ? LayerVisitor.Kind.DIRECTORY
                    : entry.isSymbolicLink() ? LayerVisitor.Kind.SYMLINK
                    : entry.isLink() ? LayerVisitor.Kind.HARDLINK
                    : entry.isFile() ? LayerVisitor.Kind.FILE
                    : LayerVisitor.Kind.OTHER;
            String link = kind == LayerVisitor.Kind.SYMLINK || kind == LayerVisitor.Kind.HARDLINK ? entry.getLinkName() : null;
            LayerVisitor.Entry e = new LayerVisitor.Entry(path, kind, kind == LayerVisitor.Kind.FILE ? entry.getSize() : 0,
                    entry.getMode(), link);
            long limit = kind == LayerVisitor.Kind.FILE ? Math.min(visitor.contentLimit(seen, e), entry.getSize()) : 0;
            if (limit <= 0) {
                visitor.entry(seen, e, null);
                return tar;
            }
            ReplayContent content = new ReplayContent(tar, limit);
            visitor.entry(seen, e, content);
            return content.rest();
        }

        private void visitWhiteout(LayerVisitor.Layer seen, LayerVisitor.Entry entry) throws IOException {
            if (visitor != null) {
                visitor.entry(seen, entry, null);
            }
        }

        private void add(int index, Digest digest, String path, TarArchiveEntry entry, InputStream tar) throws IOException {
            if (!entry.isDirectory()) {
                // a non-directory over a directory (even one only implied by its files) hides what was under it
                removeLower(path, index, false);
            }
            ImageFile file;
            if (entry.isDirectory()) {
                file = new ImageFile(path, EntryType.DIRECTORY, 0, entry.getMode(), null, digest, index, null);
            } else if (entry.isSymbolicLink()) {
                file = new ImageFile(path, EntryType.SYMLINK, 0, entry.getMode(), entry.getLinkName(), digest, index, null);
            } else if (entry.isLink()) {
                String target = normalize(entry.getLinkName());
                ImageFile linked = target == null ? null : files.get(target);
                if (linked == null) {
                    warnings.accept("layer " + digest.shortHex() + ": skipped the hard link " + path + " (its target '"
                            + printable(entry.getLinkName()) + "' is not in the image)");
                    return;
                }
                file = linked.movedTo(path, digest, index);
            } else if (entry.isFile()) {
                byte[] kept = keep(path, entry.getSize(), digest, tar);
                file = new ImageFile(path, EntryType.FILE, entry.getSize(), entry.getMode(), null, digest, index, kept,
                        summarize(path, entry.getSize(), digest, kept != null ? new java.io.ByteArrayInputStream(kept) : tar));
            } else if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()) {
                EntryType t = entry.isFIFO() ? EntryType.FIFO : entry.isCharacterDevice() ? EntryType.CHAR_DEVICE : EntryType.BLOCK_DEVICE;
                file = new ImageFile(path, t, 0, entry.getMode(), null, digest, index, null);
            } else {
                warnings.accept("layer " + digest.shortHex() + ": skipped " + path + " (unsupported tar entry type '"
                        + (char) entry.getLinkFlag() + "')");
                return;
            }
            ImageFile replaced = files.put(path, file);
            if (replaced != null) {
                keptBytes -= replaced.keptBytes();
            }
            keptBytes += file.keptBytes();
        }

        private byte[] keep(String path, long size, Digest layer, InputStream in) throws IOException {
            long want = selector.keepLimit(path);
            if (want <= 0) {
                return null;
            }
            long limit = Math.min(want, limits.maxFileBytes());
            if (size > limit) {
                warnings.accept("layer " + layer.shortHex() + ": " + path + " is " + size + " bytes, over the limit of "
                        + limit + "; not read");
                return null;
            }
            if (keptBytes + size > limits.maxTotalBytes()) {
                if (!budgetWarned) {
                    budgetWarned = true;
                    warnings.accept("the files kept for catalogers reached " + limits.maxTotalBytes()
                            + " bytes; " + path + " and later files are not read (results may be incomplete)");
                }
                return null;
            }
            byte[] data = in.readNBytes((int) size);
            if (data.length != size) {
                throw new IOException(path + " is truncated: " + data.length + " of " + size + " bytes");
            }
            return data;
        }

        private Object summarize(String path, long size, Digest layer, InputStream in) throws IOException {
            if (summarizer == null || !summarizer.wants(path)) {
                return null;
            }
            // a broken layer under the summarizer fails again, for good, at the next entry; a broken file only here
            try {
                return summarizer.summarize(path, size, new java.io.FilterInputStream(in) {
                    @Override
                    public void close() {
                    }
                });
            } catch (IOException | RuntimeException e) {
                warnings.accept("layer " + layer.shortHex() + ": " + path + " could not be read (" + e.getMessage() + "); skipped");
                return null;
            }
        }

        /** Removes {@code path} (if {@code self}) and everything under it that a lower layer wrote. */
        private void removeLower(String path, int layerIndex, boolean self) {
            if (self) {
                ImageFile f = files.get(path);
                if (f != null && f.layerIndex() < layerIndex) {
                    files.remove(path);
                    keptBytes -= f.keptBytes();
                }
            }
            String prefix = path + "/";
            Iterator<Map.Entry<String, ImageFile>> it = files.subMap(prefix, true, prefix + Character.MAX_VALUE, false).entrySet().iterator();
            while (it.hasNext()) {
                ImageFile f = it.next().getValue();
                if (f.layerIndex() < layerIndex) {
                    it.remove();
                    keptBytes -= f.keptBytes();
                }
            }
        }
    }

    /**
     * The first {@code limit} bytes of one tar entry, read once from the tar and kept, so each visitor can
     * {@link #open} them from the start and the walk then reads the whole entry as if nothing had.
     */
    private static final class ReplayContent implements LayerVisitor.Content {
        private final InputStream source;
        private final long limit;
        private byte[] buffer = new byte[0];
        private int count;
        private boolean exhausted;

        ReplayContent(InputStream source, long limit) {
            this.source = source;
            this.limit = Math.min(limit, Integer.MAX_VALUE - 16);
        }

        @Override
        public InputStream open() {
            return new InputStream() {
                private int pos;

                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (len == 0) {
                        return 0;
                    }
                    if (pos >= count && !fill(len)) {
                        return -1;
                    }
                    int n = Math.min(len, count - pos);
                    System.arraycopy(buffer, pos, b, off, n);
                    pos += n;
                    return n;
                }
            };
        }

        /**
         * Every byte up to the limit, read into one array of that size: the array the walk replays from, handed
         * over without a copy (it is not written again once full).
         */
        @Override
        public byte[] bytes() throws IOException {
            if (buffer.length < limit && !exhausted) {
                buffer = java.util.Arrays.copyOf(buffer, (int) limit);
            }
            while (fill((int) Math.min(Integer.MAX_VALUE, limit - count))) {
                // reads straight into the array
            }
            return count == buffer.length ? buffer : java.util.Arrays.copyOf(buffer, count);
        }

        /** Reads up to {@code want} more bytes from the tar, within the limit; false at the end. */
        private boolean fill(int want) throws IOException {
            if (exhausted || count >= limit) {
                return false;
            }
            int n = (int) Math.min(Math.max(want, 8192), limit - count);
            if (count + n > buffer.length) {
                buffer = java.util.Arrays.copyOf(buffer, (int) Math.min(limit, Math.max(count + n, buffer.length * 2L)));
            }
            int read = source.read(buffer, count, n);
            if (read <= 0) {
                exhausted = true;
                return false;
            }
            count += read;
            return true;
        }

        /** The entry's bytes from the first: what the visitors had read, then the rest of the tar entry. */
        InputStream rest() {
            // not SequenceInputStream: it closes each stream it finishes, and this one is the tar itself
            return new InputStream() {
                private int pos;

                @Override
                public int read() throws IOException {
                    return pos < count ? buffer[pos++] & 0xff : source.read();
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (pos < count) {
                        int n = Math.min(len, count - pos);
                        System.arraycopy(buffer, pos, b, off, n);
                        pos += n;
                        return n;
                    }
                    return source.read(b, off, len);
                }
            };
        }
    }

    /** Counts the bytes read through it, so the layer's uncompressed length is known at its end. */
    private static final class CountingInputStream extends InputStream {
        private final InputStream in;
        long count;

        CountingInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** {@code ./a//b/} → {@code /a/b}; null for the root itself or a name with a {@code ..} segment. */
    static String normalize(String name) {
        if (name == null) {
            return null;
        }
        if (plain(name)) {
            // the usual tar name (usr/bin/env, ./etc/, /opt/x): only a leading ./ or / and a trailing / to tidy
            int from = name.startsWith("./") ? 2 : name.startsWith("/") ? 1 : 0;
            int to = name.endsWith("/") ? name.length() - 1 : name.length();
            return from >= to ? null : "/" + name.substring(from, to);
        }
        List<String> parts = new ArrayList<>();
        for (String part : name.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..") || part.indexOf('\0') >= 0) {
                return null;
            }
            parts.add(part);
        }
        return parts.isEmpty() ? null : "/" + String.join("/", parts);
    }

    /**
     * Whether {@code name}, once a leading {@code ./} or {@code /} and one trailing {@code /} are dropped, has
     * only non-empty segments that are neither {@code .} nor {@code ..} and no NUL: then it needs no splitting.
     */
    private static boolean plain(String name) {
        int from = name.startsWith("./") ? 2 : name.startsWith("/") ? 1 : 0;
        int to = name.endsWith("/") ? name.length() - 1 : name.length();
        if (from >= to) {
            return false;
        }
        int segment = from;
        for (int i = from; i <= to; i++) {
            char c = i < to ? name.charAt(i) : '/';
            if (c == '\0') {
                return false;
            }
            if (c == '/') {
                int len = i - segment;
                if (len == 0 || len == 1 && name.charAt(segment) == '.' || len == 2 && name.charAt(segment) == '.' && name.charAt(segment + 1) == '.') {
                    return false;
                }
                segment = i + 1;
            }
        }
        return true;
    }

    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().limit(200).forEach(c -> {
            if (Character.isISOControl(c)) {
                b.append(String.format("\\x%02x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }
}
