package dev.lading.oci.layout;

import dev.lading.oci.Descriptor;
import dev.lading.oci.Digest;
import dev.lading.oci.Index;
import dev.lading.oci.Manifest;
import dev.lading.oci.MediaType;
import dev.lading.oci.OciException;
import dev.lading.oci.OciJson;
import dev.lading.oci.content.ContentReader;
import dev.lading.oci.content.ContentWriter;
import dev.lading.oci.content.DigestMismatchException;
import dev.lading.oci.content.ObservingInputStream;
import dev.lading.oci.content.VerifyingInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * An OCI image layout directory ({@code oci-layout}, {@code index.json}, {@code blobs/<alg>/<hex>}), as the
 * image spec defines it and skopeo/umoci read and write it.
 * <p>
 * Guarantees: a blob appears under its digest only after its bytes were verified against that digest (written to
 * a temp file in {@code .lading-tmp/}, checked, then renamed atomically), so a crash or a lying source never
 * leaves a partial or wrong blob; index.json is replaced atomically under a cross-process lock; garbage
 * collection excludes writers.
 */
public final class OciLayout {
    public static final String LAYOUT_FILE = "oci-layout";
    public static final String INDEX_FILE = "index.json";
    private static final String TMP_DIR = ".lading-tmp";
    private static final int COPY_BUFFER = 256 * 1024;
    private static final byte[] LAYOUT_CONTENT = "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes();

    /** Blobs this object published from its own writers' temp files: reading them back is not hashed again. */
    private final java.util.Set<Digest> adopted = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Path root;
    private final LayoutLock lock;

    private OciLayout(Path root) {
        this.root = root;
        this.lock = new LayoutLock(root);
    }

    /** Opens an existing layout; fails with a clear message if {@code dir} is not one. */
    public static OciLayout open(Path dir) {
        Path layoutFile = dir.resolve(LAYOUT_FILE);
        if (!Files.isRegularFile(layoutFile)) {
            throw new OciException(dir + " is not an OCI image layout (no " + LAYOUT_FILE + " file)");
        }
        Object version;
        try {
            version = OciJson.field(Files.readAllBytes(layoutFile), "imageLayoutVersion");
        } catch (IOException | OciException e) {
            throw new OciException(layoutFile + ": not valid JSON (" + e.getMessage() + ")", e);
        }
        if (!(version instanceof String v) || !v.startsWith("1.")) {
            throw new OciException(layoutFile + ": unsupported imageLayoutVersion " + version);
        }
        return new OciLayout(dir);
    }

    /** Opens the layout at {@code dir}, creating the directory and an empty layout if needed. */
    public static OciLayout createOrOpen(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path layoutFile = dir.resolve(LAYOUT_FILE);
        if (!Files.exists(layoutFile)) {
            OciLayout layout = new OciLayout(dir);
            try (LayoutLock.Held ignored = layout.lock.exclusiveIndex()) {
                if (!Files.exists(layoutFile)) {
                    Files.createDirectories(dir.resolve("blobs").resolve(Digest.SHA256));
                    if (!Files.exists(dir.resolve(INDEX_FILE))) {
                        layout.writeAtomically(dir.resolve(INDEX_FILE), Index.oci(List.of()).toJson());
                    }
                    layout.writeAtomically(layoutFile, LAYOUT_CONTENT);
                }
            }
        }
        return open(dir);
    }

    public Path root() {
        return root;
    }

    /**
     * Protects a multi-step write (blobs, then the manifest, then the tag) from a concurrent {@link #gc}, which
     * would otherwise see the new blobs as unreferenced. Close it after tagging.
     */
    public AutoCloseable writeSession() throws IOException {
        return lock.shared();
    }

    // ---------------------------------------------------------------- blobs

    public Path blobPath(Digest digest) {
        return root.resolve("blobs").resolve(digest.algorithm()).resolve(digest.hex());
    }

    public boolean hasBlob(Digest digest) {
        return Files.isRegularFile(blobPath(digest), LinkOption.NOFOLLOW_LINKS);
    }

    /** Opens a blob, verified against the descriptor at EOF (a layout on disk can be corrupted too). */
    public InputStream openBlob(Descriptor descriptor) throws IOException {
        Path p = blobPath(descriptor.digest());
        try {
            if (adopted.contains(descriptor.digest()) && Files.size(p) == descriptor.size()) {
                // a layer this very object wrote and hashed moments ago (a build reads back what it just made)
                return Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS);
            }
            return new VerifyingInputStream(Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS), descriptor, "blob");
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(p.toString(), null, "blob " + descriptor.digest() + " is missing from the layout " + root);
        }
    }

    public byte[] readBlob(Descriptor descriptor) throws IOException {
        try (InputStream in = openBlob(descriptor)) {
            return in.readAllBytes();
        }
    }

    /**
     * Stores a blob: streamed to a temp file while hashing, checked against {@code expected}, then renamed into
     * place. If the blob already exists the stream is not read. A stream that already verifies against
     * {@code expected} at EOF (a registry download) is not hashed a second time.
     */
    public void writeBlob(Descriptor expected, InputStream content) throws IOException {
        if (hasBlob(expected.digest())) {
            return;
        }
        try (LayoutLock.Held ignored = lock.shared()) {
            Path tmp = newTempFile();
            try {
                boolean verified = content instanceof ObservingInputStream o && o.verifies(expected);
                try (InputStream in = verified ? content : new VerifyingInputStream(content, expected, "blob");
                     FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                    // transferTo's 16 KiB steps would pass each network buffer through the stream chain many times
                    byte[] buf = new byte[COPY_BUFFER];
                    ByteBuffer chunk = ByteBuffer.wrap(buf);
                    for (int n; (n = in.read(buf)) >= 0; ) {
                        chunk.limit(n).position(0);
                        while (chunk.hasRemaining()) {
                            out.write(chunk);
                        }
                    }
                    // On disk before the name is: a crash must not leave an empty or short file under the digest (the
                    // rename can reach the journal before delayed-allocation data does). It also spreads the disk
                    // flush over the blob writers instead of piling it all onto the index.json fsync at the end.
                    out.force(false);
                }
                publish(tmp, blobPath(expected.digest()));
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** Stores bytes (a manifest or config) under their sha256 digest and returns its descriptor. */
    public Descriptor writeBlob(String mediaType, byte[] data) throws IOException {
        Descriptor d = Descriptor.of(mediaType, data);
        writeBlob(d, new java.io.ByteArrayInputStream(data));
        return d;
    }

    /**
     * Moves a temp file that the caller already verified into the blob store. For producers that compute the
     * digest while writing (layer writers), so content is written once.
     */
    public void adoptVerifiedTempFile(Path tmp, Descriptor blob) throws IOException {
        try (LayoutLock.Held ignored = lock.shared()) {
            // The digest was computed over these very bytes as they were written: hashing them again would
            // double the cost of every layer a build writes. The size is the cheap check that the file is whole.
            long size = Files.size(tmp);
            if (size != blob.size()) {
                throw new DigestMismatchException("file " + tmp + " has " + size + " bytes, but " + blob.digest()
                        + " was computed over " + blob.size());
            }
            if (hasBlob(blob.digest())) {
                Files.deleteIfExists(tmp);
                return;
            }
            publish(tmp, blobPath(blob.digest()));
            adopted.add(blob.digest());
        }
    }

    /** A new empty temp file inside the layout (same filesystem, so the final rename is atomic). */
    public Path newTempFile() throws IOException {
        Path dir = root.resolve(TMP_DIR);
        Files.createDirectories(dir);
        return Files.createTempFile(dir, "blob-", ".tmp");
    }

    private void publish(Path tmp, Path target) throws IOException {
        readableByAll(tmp);
        Files.createDirectories(target.getParent());
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            // another writer stored the same verified content first: fine
            Files.deleteIfExists(tmp);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot store blob atomically in " + root + ": " + e.getMessage(), e);
        }
    }

    private void writeAtomically(Path target, byte[] data) throws IOException {
        Path dir = root.resolve(TMP_DIR);
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "meta-", ".tmp");
        try {
            Files.write(tmp, data);
            readableByAll(tmp);
            try (var ch = java.nio.channels.FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Temp files are owner-only (0600); a published blob or index is 0644 so the layout can be shared. */
    private static void readableByAll(Path file) throws IOException {
        dev.lading.oci.AtomicFiles.readableByAll(file, false);
    }

    // ---------------------------------------------------------------- index.json and references

    public Index index() throws IOException {
        Path p = root.resolve(INDEX_FILE);
        if (!Files.exists(p)) {
            return Index.oci(List.of());
        }
        return Index.parse(Files.readAllBytes(p));
    }

    /** All top-level entries of index.json, in order. */
    public List<Descriptor> entries() throws IOException {
        return index().manifests();
    }

    public Optional<Descriptor> find(String refName) throws IOException {
        return entries().stream().filter(d -> refName.equals(d.annotation(Descriptor.ANNOTATION_REF_NAME))).findFirst();
    }

    /**
     * Points {@code refName} at {@code root} (replacing an earlier entry of that name). The root's blobs must
     * already be stored. A null refName adds an untagged entry (kept by gc, as skopeo does for untagged copies).
     */
    public void tag(String refName, Descriptor rootDescriptor) throws IOException {
        if (!hasBlob(rootDescriptor.digest())) {
            throw new OciException("cannot tag " + rootDescriptor.digest() + " in " + root + ": the manifest is not stored");
        }
        try (LayoutLock.Held ignored = lock.shared(); LayoutLock.Held ignored2 = lock.exclusiveIndex()) {
            Index idx = index();
            List<Descriptor> out = new ArrayList<>();
            for (Descriptor d : idx.manifests()) {
                String name = d.annotation(Descriptor.ANNOTATION_REF_NAME);
                boolean sameName = refName != null && refName.equals(name);
                boolean sameUntagged = refName == null && name == null && d.digest().equals(rootDescriptor.digest());
                if (!sameName && !sameUntagged) {
                    out.add(d);
                }
            }
            Map<String, String> annotations = new LinkedHashMap<>();
            if (rootDescriptor.annotations() != null) {
                annotations.putAll(rootDescriptor.annotations());
            }
            annotations.remove(Descriptor.ANNOTATION_REF_NAME);
            if (refName != null) {
                annotations.put(Descriptor.ANNOTATION_REF_NAME, refName);
            }
            out.add(rootDescriptor.withAnnotations(annotations.isEmpty() ? null : annotations));
            Index updated = idx.withManifests(out);
            // the name already the newest entry for this very descriptor (a rebuild that changed nothing): the
            // index stays as it is, unwritten and unsynced
            if (!updated.equals(idx)) {
                writeAtomically(root.resolve(INDEX_FILE), updated.toJson());
            }
        }
    }

    /** Removes a reference name; returns false if it did not exist. Blobs stay until {@link #gc}. */
    public boolean untag(String refName) throws IOException {
        try (LayoutLock.Held ignored = lock.exclusiveIndex()) {
            Index idx = index();
            List<Descriptor> out = idx.manifests().stream()
                    .filter(d -> !refName.equals(d.annotation(Descriptor.ANNOTATION_REF_NAME))).toList();
            if (out.size() == idx.manifests().size()) {
                return false;
            }
            writeAtomically(root.resolve(INDEX_FILE), idx.withManifests(out).toJson());
            return true;
        }
    }

    // ---------------------------------------------------------------- gc

    public record GcResult(int blobsRemoved, long bytesRemoved, int blobsKept) {
    }

    /**
     * Removes every blob not reachable from index.json (through indexes, manifests, configs, layers and
     * subjects), and leftover temp files. Holds the layout's exclusive lock, so no writer runs meanwhile.
     */
    public GcResult gc(boolean dryRun) throws IOException {
        try (LayoutLock.Held ignored = lock.exclusive()) {
            Set<Digest> reachable = reachable();
            int removed = 0;
            long bytes = 0;
            Path blobs = root.resolve("blobs");
            List<Path> files = new ArrayList<>();
            if (Files.isDirectory(blobs)) {
                try (Stream<Path> s = Files.walk(blobs, 2)) {
                    s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).forEach(files::add);
                }
            }
            for (Path p : files) {
                Digest d;
                try {
                    d = new Digest(p.getParent().getFileName().toString(), p.getFileName().toString());
                } catch (IllegalArgumentException e) {
                    continue; // not ours to judge
                }
                if (!reachable.contains(d)) {
                    removed++;
                    bytes += Files.size(p);
                    if (!dryRun) {
                        Files.deleteIfExists(p);
                    }
                }
            }
            Path tmp = root.resolve(TMP_DIR);
            if (!dryRun && Files.isDirectory(tmp)) {
                try (Stream<Path> s = Files.list(tmp)) {
                    for (Path p : s.toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
            return new GcResult(removed, bytes, files.size() - removed);
        }
    }

    private Set<Digest> reachable() throws IOException {
        Set<Digest> seen = new HashSet<>();
        Deque<Descriptor> todo = new ArrayDeque<>(entries());
        while (!todo.isEmpty()) {
            Descriptor d = todo.pop();
            if (!seen.add(d.digest()) || !hasBlob(d.digest())) {
                continue;
            }
            if (MediaType.isIndex(d.mediaType())) {
                Index idx = Index.parse(readBlob(d));
                todo.addAll(idx.manifests());
                if (idx.subject() != null) {
                    todo.add(idx.subject());
                }
            } else if (MediaType.isImageManifest(d.mediaType())) {
                Manifest m = Manifest.parse(readBlob(d));
                todo.add(m.config());
                todo.addAll(m.layers());
                if (m.subject() != null) {
                    todo.add(m.subject());
                }
            }
        }
        return seen;
    }

    /** Removes temp files older than {@code age} that a killed writer left behind (gc does this too). */
    public int cleanStaleTempFiles(Duration age) throws IOException {
        Path tmp = root.resolve(TMP_DIR);
        if (!Files.isDirectory(tmp)) {
            return 0;
        }
        Instant cutoff = Instant.now().minus(age);
        int n = 0;
        try (Stream<Path> s = Files.list(tmp)) {
            for (Path p : s.toList()) {
                FileTime t = Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS);
                if (t.toInstant().isBefore(cutoff) && Files.deleteIfExists(p)) {
                    n++;
                }
            }
        }
        return n;
    }

    // ---------------------------------------------------------------- transports

    /**
     * A reader for one image in this layout. {@code reference} is a ref.name, a digest ({@code sha256:…}), or
     * null/empty when the layout holds exactly one image.
     */
    public ContentReader reader(String reference) {
        return new ContentReader() {
            @Override
            public Descriptor resolve() throws IOException {
                return resolveReference(reference);
            }

            @Override
            public byte[] fetchManifest(Descriptor descriptor) throws IOException {
                if (descriptor.size() > 8L * 1024 * 1024) {
                    throw new IOException("manifest " + descriptor.digest() + " is implausibly large (" + descriptor.size() + " bytes)");
                }
                return readBlob(descriptor);
            }

            @Override
            public InputStream openBlob(Descriptor descriptor) throws IOException {
                return OciLayout.this.openBlob(descriptor);
            }
        };
    }

    public Descriptor resolveReference(String reference) throws IOException {
        List<Descriptor> entries = entries();
        if (reference == null || reference.isEmpty()) {
            if (entries.size() == 1) {
                return entries.get(0);
            }
            if (entries.isEmpty()) {
                throw new OciException("the OCI layout " + root + " holds no image");
            }
            throw new OciException("the OCI layout " + root + " holds " + entries.size() + " images; name one of: "
                    + String.join(", ", names(entries)));
        }
        if (Digest.isValid(reference)) {
            Digest want = Digest.parse(reference);
            for (Descriptor d : entries) {
                if (d.digest().equals(want)) {
                    return d;
                }
            }
            if (hasBlob(want)) {
                long size = Files.size(blobPath(want));
                if (size > 8L * 1024 * 1024) {
                    throw new OciException(reference + " in the OCI layout " + root + " is a " + size
                            + "-byte blob, not a manifest or index");
                }
                byte[] raw = Files.readAllBytes(blobPath(want));
                return Descriptor.of(sniffMediaType(raw), want, raw.length);
            }
            throw new OciException("no image " + reference + " in the OCI layout " + root);
        }
        return find(reference).orElseThrow(() -> new OciException("no image named '" + reference + "' in the OCI layout "
                + root + (entries.isEmpty() ? " (it is empty)" : "; it holds: " + String.join(", ", names(entries)))));
    }

    private static List<String> names(List<Descriptor> entries) {
        return entries.stream().map(d -> {
            String n = d.annotation(Descriptor.ANNOTATION_REF_NAME);
            return n != null ? n : d.digest().toString();
        }).toList();
    }

    /** The media type a manifest declares about itself (for blobs reached by digest only). */
    public static String sniffMediaType(byte[] raw) {
        Map<String, Object> m;
        try {
            m = OciJson.object(raw);
        } catch (OciException e) {
            throw new OciException("the blob is not a manifest or index (" + e.getMessage() + ")", e);
        }
        Object mt = m.get("mediaType");
        if (mt instanceof String s) {
            return s;
        }
        return m.containsKey("manifests") ? MediaType.OCI_INDEX : MediaType.OCI_MANIFEST;
    }

    /**
     * A writer that stores blobs here and, on commit, points {@code refName} at the root (null: untagged).
     * From its first write until {@code close()} it holds off {@link #gc}; close it.
     */
    public ContentWriter writer(String refName) {
        return new ContentWriter() {
            private LayoutLock.Held session;

            private synchronized void begin() throws IOException {
                if (session == null) {
                    session = lock.shared();
                }
            }

            @Override
            public synchronized void close() throws IOException {
                if (session != null) {
                    session.close();
                    session = null;
                }
            }

            @Override
            public boolean hasBlob(Descriptor descriptor) {
                return OciLayout.this.hasBlob(descriptor.digest());
            }

            @Override
            public void writeBlob(Descriptor descriptor, InputStream content) throws IOException {
                begin();
                OciLayout.this.writeBlob(descriptor, content);
            }

            @Override
            public void writeManifest(Descriptor descriptor, byte[] raw) throws IOException {
                VerifyingInputStream.checkBytes(raw, descriptor, "manifest");
                begin();
                OciLayout.this.writeBlob(descriptor, new java.io.ByteArrayInputStream(raw));
            }

            @Override
            public void commit(Descriptor rootDescriptor, byte[] raw) throws IOException {
                writeManifest(rootDescriptor, raw);
                tag(refName, new Descriptor(rootDescriptor.mediaType(), rootDescriptor.digest(), rootDescriptor.size(),
                        null, null, null, rootDescriptor.platform(), rootDescriptor.artifactType()));
            }
        };
    }
}
