package dev.lading.build;

import dev.lading.oci.AtomicFiles;
import dev.lading.oci.Digest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Remembers the sha256 of build-context files by what lstat says about them (size, mtime, ctime, inode,
 * device), as git's index does, so a rebuild hashes only files that changed. Cache keys stay content digests:
 * this only avoids reading a file whose digest is already known. A process cannot set ctime, so a change that
 * keeps size and mtime still moves ctime; a file whose ctime is within {@value #RACY_SECONDS} s of the moment it
 * was hashed is not remembered (it could still change within the same clock tick: git's "racy" case).
 */
final class ContentHashes {

    static final int RACY_SECONDS = 2;
    /** More entries than this are not kept: a cache, not a second copy of a huge context's metadata. */
    private static final int MAX_ENTRIES = 1_000_000;

    private record Known(String stat, String digest) {
    }

    private final Path file;
    private final long racyNanos;
    private Map<String, Known> known = new HashMap<>();
    /** The memory being read from {@link #file} on a thread of its own; null once {@link #known} holds it. */
    private java.util.concurrent.FutureTask<Map<String, Known>> loading;
    private boolean dirty;

    private ContentHashes(Path file, long racyNanos) {
        this.file = file;
        this.racyNanos = racyNanos;
    }

    /** No memory: every file is hashed. */
    static ContentHashes none() {
        return new ContentHashes(null, 0);
    }

    /** The hashes remembered in {@code file} (missing or damaged: an empty memory). */
    static ContentHashes open(Path file) {
        return open(file, TimeUnit.SECONDS.toNanos(RACY_SECONDS));
    }

    /**
     * {@code racyNanos}: how recent a ctime may be and still be remembered (tests use 0). The file is read on a
     * thread of its own (a big context's memory is megabytes of JSON, and the build has other things to do
     * before its first COPY); the first use waits for it.
     */
    static ContentHashes open(Path file, long racyNanos) {
        ContentHashes h = new ContentHashes(file, racyNanos);
        h.loading = new java.util.concurrent.FutureTask<>(() -> read(file));
        Thread.ofPlatform().daemon().name("lading-context-hashes").start(h.loading);
        return h;
    }

    private static Map<String, Known> read(Path file) {
        Map<String, Known> known = new HashMap<>();
        try {
            if (Files.isRegularFile(file)) {
                CacheFiles.read(file, "files").forEach((path, f) -> {
                    if (f.get("stat") != null && f.get("sha256") != null) {
                        known.put(path, new Known(f.get("stat"), f.get("sha256")));
                    }
                });
            }
        } catch (IOException | RuntimeException e) {
            known.clear(); // a damaged memory costs hashing, never a wrong digest
        }
        return known;
    }

    /** Waits for the memory being read, once. Called with the lock held. */
    private void loaded() throws IOException {
        if (loading == null) {
            return;
        }
        try {
            known = loading.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while reading " + file);
        } catch (java.util.concurrent.ExecutionException e) {
            known = new HashMap<>(); // read() catches what it expects; anything else: start empty
        }
        loading = null;
    }

    /** Feeds the file's content digest to {@code md}: from memory when its lstat is unchanged, else by reading it. */
    synchronized void update(MessageDigest md, Path path, byte[] buf) throws IOException {
        update(md, path, null, buf);
    }

    /** The attributes lstat must give for a remembered digest to count: {@code unix:size,lastModifiedTime,ctime,ino,dev}. */
    static final String STAT_ATTRIBUTES = "unix:size,lastModifiedTime,ctime,ino,dev";

    /** What is remembered of an lstat ({@code text}), and its ctime for the racy check. */
    record Stat(String text, long ctimeNanos) {
    }

    /** The {@link Stat} of attributes read with (at least) {@link #STAT_ATTRIBUTES}. */
    static Stat stat(Map<String, Object> a) {
        long ctime = ((FileTime) a.get("ctime")).to(TimeUnit.NANOSECONDS);
        return new Stat(a.get("size") + " " + ((FileTime) a.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS) + " "
                + ctime + " " + a.get("ino") + " " + a.get("dev"), ctime);
    }

    /**
     * As {@link #update(MessageDigest, Path, byte[])}, with the file's {@link #stat} when the caller has just
     * taken it (the context walk does): one lstat per file instead of two.
     */
    synchronized void update(MessageDigest md, Path path, Stat knownStat, byte[] buf) throws IOException {
        loaded();
        Path abs = path.toAbsolutePath().normalize();
        String key = abs.toString();
        Stat stat = knownStat != null ? knownStat : stat(Files.readAttributes(abs, STAT_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS));
        Known k = known.get(key);
        if (k != null && k.stat().equals(stat.text())) {
            md.update(k.digest().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return;
        }
        MessageDigest content = Digest.newMessageDigest(Digest.SHA256);
        try (InputStream in = Files.newInputStream(abs)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                content.update(buf, 0, n);
            }
        }
        String digest = Digest.fromMessageDigest(Digest.SHA256, content).hex();
        md.update(digest.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        boolean racy = System.currentTimeMillis() * 1_000_000L - stat.ctimeNanos() < racyNanos;
        if (file != null && !racy && known.size() < MAX_ENTRIES) {
            known.put(key, new Known(stat.text(), digest));
            dirty = true;
        }
    }

    /** Writes the memory if it changed. */
    synchronized void save() throws IOException {
        if (file == null || !dirty) {
            return; // dirty only after update(), which waited for the memory being read
        }
        Map<String, Map<String, String>> files = new java.util.LinkedHashMap<>();
        known.forEach((k, v) -> files.put(k, Map.of("stat", v.stat(), "sha256", v.digest())));
        Files.createDirectories(file.getParent());
        AtomicFiles.write(file, out -> CacheFiles.write(out, "files", files, false));
        dirty = false;
    }
}
