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
import java.util.Arrays;
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
     * What is known about a stage's filesystem, by the stage's layer digests and the question ({@link #factKey}):
     * what a path is (a COPY destination without a trailing slash, a WORKDIR) and the id of a user or group name
     * (--chown=NAME, a named USER before WORKDIR). Answered otherwise by reading every layer of the stage (the
     * whole base image) on every build, even when the instruction itself is cached.
     */
    private final Map<String, String> facts = new TreeMap<>();

    /** More remembered facts than this and the memory starts again: a cache, not a record. */
    private static final int MAX_FACTS = 20_000;

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
    /** A context file changed less than this many seconds before it was hashed is hashed again next time. */
    public static final int RACY_SECONDS = ContentHashes.RACY_SECONDS;

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

    /** The key of a question about a stage whose layers are {@code layers}: content, not names, so never stale. */
    private static String factKey(List<Descriptor> layers, String question) {
        StringBuilder b = new StringBuilder();
        layers.forEach(d -> b.append(d.digest()).append('\n'));
        return Digest.sha256(b.append(question).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)).hex();
    }

    private synchronized Optional<String> fact(List<Descriptor> layers, String question) {
        return file == null ? Optional.empty() : Optional.ofNullable(facts.get(factKey(layers, question)));
    }

    private synchronized void rememberFact(List<Descriptor> layers, String question, String answer) {
        if (file == null) {
            return;
        }
        if (facts.size() >= MAX_FACTS) {
            facts.clear();
        }
        if (!answer.equals(facts.put(factKey(layers, question), answer))) {
            dirty = true;
        }
    }

    /** What {@link #rememberPathKind} was told for this stage and path, if anything. */
    Optional<PathKind> pathKind(List<Descriptor> layers, String path) {
        return fact(layers, "path " + path).flatMap(a -> Arrays.stream(PathKind.values()).filter(k -> k.name().equals(a)).findFirst());
    }

    void rememberPathKind(List<Descriptor> layers, String path, PathKind kind) {
        rememberFact(layers, "path " + path, kind.name());
    }

    /** What {@link #rememberId} was told for this name in this file of the stage, if anything. */
    Optional<Long> id(List<Descriptor> layers, String file, String name) {
        // a damaged answer is no answer: the layers are read again
        return fact(layers, "id " + file + "\0" + name).filter(a -> a.matches("[0-9]{1,10}")).map(Long::parseLong);
    }

    void rememberId(List<Descriptor> layers, String file, String name, long id) {
        rememberFact(layers, "id " + file + "\0" + name, Long.toString(id));
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
            Map<String, String> myFacts = new TreeMap<>(facts);
            load();
            entries.putAll(mine);
            if (facts.size() + myFacts.size() > MAX_FACTS) {
                facts.clear();
            }
            facts.putAll(myFacts);
            Map<String, Map<String, Object>> es = new java.util.LinkedHashMap<>();
            entries.forEach((k, e) -> {
                Map<String, Object> n = new java.util.LinkedHashMap<>();
                n.put("mediaType", e.layer().mediaType());
                n.put("digest", e.layer().digest().toString());
                n.put("size", e.layer().size());
                n.put("diffId", e.diffId().toString());
                es.put(k, n);
            });
            Map<String, Map<String, Object>> fs = new java.util.LinkedHashMap<>();
            facts.forEach((k, answer) -> fs.put(k, Map.of("answer", answer)));
            Map<String, Map<String, Map<String, Object>>> sections = new java.util.LinkedHashMap<>();
            sections.put("entries", es);
            sections.put("facts", fs);
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
            Map<String, Map<String, Map<String, String>>> sections = CacheFiles.read(file, java.util.Set.of("entries", "facts"));
            read = sections.getOrDefault("entries", Map.of());
            sections.getOrDefault("facts", Map.of()).forEach((key, f) -> {
                if (f.get("answer") != null) {
                    facts.put(key, f.get("answer"));
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
