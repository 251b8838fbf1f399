package dev.lading.build;

import dev.lading.oci.AtomicFiles;
import dev.lading.oci.Descriptor;
import dev.lading.oci.Digest;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The build cache: a content key (parent state, expanded instruction, digests of the files it reads) →
 * the layer that instruction produced. Small and local: one JSON file; the layers themselves live in the
 * store's blobs, and an entry whose blob is gone is simply a miss.
 */
public final class BuildCache {

    /** A cached layer: its blob descriptor and its diffID. */
    public record Entry(Descriptor layer, Digest diffId) {
    }


    /** Opens a layer blob of an imported cache, to copy it into the build's layout on a hit. */
    @FunctionalInterface
    public interface BlobSource {
        java.io.InputStream open(Descriptor layer) throws IOException;
    }

    /** Entries imported with --cache-from: looked up after the local ones; their blobs are fetched on a hit. */
    private record Imported(Map<String, Entry> entries, BlobSource blobs) {
    }

    private final Path file;
    private final ContentHashes hashes;
    private final Map<String, Entry> entries = new TreeMap<>();
    /**
     * What a path is in a stage ({@link PathKind}), by the stage's layers and the path ({@link #pathKey}): what a
     * COPY destination without a trailing slash and a WORKDIR ask, answered otherwise by reading every layer of
     * the stage (the whole base image), even when the instruction itself is cached.
     */
    private final Map<String, PathKind> pathKinds = new TreeMap<>();

    /**
     * The numeric id of a user or group name in a stage's {@code /etc/passwd} or {@code /etc/group}, by the stage's
     * layers ({@link #pathKey} of file and name): what --chown=NAME and a named USER before WORKDIR ask, answered
     * otherwise by reading every layer of the stage.
     */
    private final Map<String, Long> ids = new TreeMap<>();

    /** More remembered path kinds (or ids) than this and the memory starts again: a cache, not a record. */
    private static final int MAX_PATH_KINDS = 20_000;

    /** What is at a path of a stage's filesystem. */
    enum PathKind {
        DIRECTORY, OTHER, MISSING
    }
    private final java.util.List<Imported> imported = new java.util.ArrayList<>();
    /** What this build used or made, by key: what --cache-to exports (also with --no-cache). */
    private final Map<String, Entry> session = new TreeMap<>();
    private boolean dirty;

    private BuildCache(Path file) {
        this.file = file;
        this.hashes = file == null ? ContentHashes.none() : ContentHashes.open(file.resolveSibling("context-hashes.json"));
    }

    /**
     * Where the files of finished working roots are kept to be renamed into later ones instead of written again
     * (see {@link dev.lading.oci.layer.FilePool}): {@code files} beside the index; none when the cache is disabled.
     */
    Optional<Path> filePool() {
        return file == null ? Optional.empty() : Optional.of(file.resolveSibling(FILE_POOL_DIR));
    }

    /** The directory name of {@link #filePool()} in the cache directory: {@code lading gc} empties it. */
    public static final String FILE_POOL_DIR = "files";

    /** The remembered digests of context files, by their lstat. */
    ContentHashes hashes() {
        return hashes;
    }

    /** Opens (or starts) the cache index in {@code dir}, e.g. $LADING_HOME/cache. */
    public static BuildCache open(Path dir) throws IOException {
        BuildCache cache = new BuildCache(dir.resolve("build-cache.json"));
        cache.load();
        return cache;
    }

    /** A cache that remembers nothing: what --no-cache uses. */
    public static BuildCache disabled() {
        return new BuildCache(null);
    }

    /** The key of a path in a stage whose layers are {@code layers}: content, not names, so never stale. */
    static String pathKey(List<Descriptor> layers, String path) {
        StringBuilder b = new StringBuilder();
        layers.forEach(d -> b.append(d.digest()).append('\n'));
        return Digest.sha256(b.append(path).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)).hex();
    }

    /** What {@link #rememberPathKind} was told for this stage and path, if anything. */
    synchronized Optional<PathKind> pathKind(List<Descriptor> layers, String path) {
        return file == null ? Optional.empty() : Optional.ofNullable(pathKinds.get(pathKey(layers, path)));
    }

    synchronized void rememberPathKind(List<Descriptor> layers, String path, PathKind kind) {
        if (file == null) {
            return;
        }
        if (pathKinds.size() >= MAX_PATH_KINDS) {
            pathKinds.clear();
        }
        if (pathKinds.put(pathKey(layers, path), kind) != kind) {
            dirty = true;
        }
    }

    /** What {@link #rememberId} was told for this name in this file of the stage, if anything. */
    synchronized Optional<Long> id(List<Descriptor> layers, String file, String name) {
        return this.file == null ? Optional.empty() : Optional.ofNullable(ids.get(pathKey(layers, file + "\0" + name)));
    }

    synchronized void rememberId(List<Descriptor> layers, String file, String name, long id) {
        if (this.file == null) {
            return;
        }
        if (ids.size() >= MAX_PATH_KINDS) {
            ids.clear();
        }
        if (!Long.valueOf(id).equals(ids.put(pathKey(layers, file + "\0" + name), id))) {
            dirty = true;
        }
    }

    public synchronized Optional<Entry> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    public synchronized void put(String key, Entry entry) {
        session.put(key, entry);
        if (file != null && !entry.equals(entries.put(key, entry))) {
            dirty = true;
        }
    }

    /** Adds the entries of a --cache-from import; their blobs come from {@code blobs} when one is used. */
    public synchronized void addImported(Map<String, Entry> imported, BlobSource blobs) {
        this.imported.add(new Imported(Map.copyOf(imported), blobs));
    }

    /**
     * The entry of {@code key} whose layer blob is in {@code layout}: a local entry, else an imported one (its
     * blob copied into the layout, verified, and the entry remembered locally). Empty on a miss.
     */
    public Optional<Entry> lookup(String key, dev.lading.oci.layout.OciLayout layout) throws IOException {
        Optional<Entry> local = get(key).filter(e -> layout.hasBlob(e.layer().digest()));
        if (local.isPresent()) {
            synchronized (this) {
                session.put(key, local.get());
            }
            return local;
        }
        List<Imported> sources;
        synchronized (this) {
            sources = List.copyOf(imported);
        }
        // Fetching and checking a layer happens outside the lock: stages building beside this one keep using the cache.
        for (Imported source : sources) {
            Entry e = source.entries().get(key);
            if (e != null) {
                if (!layout.hasBlob(e.layer().digest())) {
                    try (java.io.InputStream in = source.blobs().open(e.layer())) {
                        layout.writeBlob(e.layer(), in);
                    }
                }
                if (!diffIdMatches(layout, e)) {
                    continue; // the import lied about what the layer holds: a miss, the step runs
                }
                put(key, e);
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** The digest of the layer's uncompressed tar is what the import says (it goes into the image config). */
    private static boolean diffIdMatches(dev.lading.oci.layout.OciLayout layout, Entry e) throws IOException {
        var md = e.diffId().newMessageDigest();
        try (java.io.InputStream raw = new java.io.BufferedInputStream(layout.openBlob(e.layer()));
             java.io.InputStream plain = dev.lading.oci.layer.LayerCompression.decompress(raw)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = plain.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return Digest.fromMessageDigest(e.diffId().algorithm(), md).equals(e.diffId());
    }

    /** The entries this build hit or made, by key. */
    public synchronized Map<String, Entry> used() {
        return Map.copyOf(session);
    }

    /** Writes the index if it changed, merging with what another build may have written meanwhile. */
    public synchronized void save() throws IOException {
        hashes.save();
        if (file == null || !dirty) {
            return;
        }
        Files.createDirectories(file.getParent());
        try (FileChannel lockFile = FileChannel.open(file.resolveSibling("build-cache.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = lockFile.lock()) {
            Map<String, Entry> mine = new TreeMap<>(entries);
            Map<String, PathKind> myPathKinds = new TreeMap<>(pathKinds);
            Map<String, Long> myIds = new TreeMap<>(ids);
            load();
            entries.putAll(mine);
            if (pathKinds.size() + myPathKinds.size() > MAX_PATH_KINDS) {
                pathKinds.clear();
            }
            pathKinds.putAll(myPathKinds);
            if (ids.size() + myIds.size() > MAX_PATH_KINDS) {
                ids.clear();
            }
            ids.putAll(myIds);
            Map<String, Map<String, Object>> es = new java.util.LinkedHashMap<>();
            entries.forEach((k, e) -> {
                Map<String, Object> n = new java.util.LinkedHashMap<>();
                n.put("mediaType", e.layer().mediaType());
                n.put("digest", e.layer().digest().toString());
                n.put("size", e.layer().size());
                n.put("diffId", e.diffId().toString());
                es.put(k, n);
            });
            Map<String, Map<String, Object>> ps = new java.util.LinkedHashMap<>();
            pathKinds.forEach((k, kind) -> ps.put(k, Map.of("kind", kind.name())));
            Map<String, Map<String, Map<String, Object>>> sections = new java.util.LinkedHashMap<>();
            sections.put("entries", es);
            sections.put("paths", ps);
            Map<String, Map<String, Object>> is = new java.util.LinkedHashMap<>();
            ids.forEach((k, id) -> is.put(k, Map.of("id", id)));
            sections.put("ids", is);
            AtomicFiles.write(file, out -> CacheFiles.write(out, sections, true));
            dirty = false;
        }
    }

    private void load() throws IOException {
        if (file == null || !Files.exists(file)) {
            return;
        }
        Map<String, Map<String, String>> read;
        try {
            Map<String, Map<String, Map<String, String>>> sections = CacheFiles.read(file, java.util.Set.of("entries", "paths", "ids"));
            sections.getOrDefault("ids", Map.of()).forEach((key, f) -> {
                String id = f.get("id");
                if (id != null && id.matches("[0-9]{1,10}")) {
                    ids.put(key, Long.parseLong(id));
                }
            });
            read = sections.getOrDefault("entries", Map.of());
            sections.getOrDefault("paths", Map.of()).forEach((key, f) -> {
                for (PathKind k : PathKind.values()) {
                    if (k.name().equals(f.get("kind"))) {
                        pathKinds.put(key, k);
                    }
                }
            });
        } catch (IOException e) {
            // A damaged cache costs a rebuild, never a failed build.
            return;
        }
        read.forEach((key, n) -> {
            try {
                entries.put(key, new Entry(
                        Descriptor.of(n.get("mediaType"), Digest.parse(n.get("digest")), Long.parseLong(n.get("size"))),
                        Digest.parse(n.get("diffId"))));
            } catch (RuntimeException e) {
                // skip a malformed entry
            }
        });
    }
}
