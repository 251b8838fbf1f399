package dev.lading.oci.content;

import dev.lading.oci.Descriptor;
import dev.lading.oci.Digest;
import dev.lading.oci.Index;
import dev.lading.oci.Manifest;
import dev.lading.oci.MediaType;
import dev.lading.oci.OciException;
import dev.lading.oci.Platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Copies an image or index from one transport to another, preserving digests: blobs first (in parallel,
 * skipping blobs the destination has, mounting where it can), then child manifests, then the root.
 */
public final class ImageCopier {

    public record Result(Descriptor root, int blobsCopied, int blobsSkipped, int blobsMounted, long bytesCopied) {
    }

    private final ContentReader source;
    private final ContentWriter destination;
    private final CopyOptions options;
    private final AtomicInteger copied = new AtomicInteger();
    private final AtomicInteger skipped = new AtomicInteger();
    private final AtomicInteger mounted = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();

    private ImageCopier(ContentReader source, ContentWriter destination, CopyOptions options) {
        this.source = source;
        this.destination = destination;
        this.options = options;
    }

    public static Result copy(ContentReader source, ContentWriter destination, CopyOptions options) throws IOException {
        return new ImageCopier(source, destination, options).run();
    }

    private Result run() throws IOException {
        Descriptor root = source.resolve();
        byte[] raw = source.fetchManifest(root);
        Descriptor written;
        if (MediaType.isIndex(root.mediaType())) {
            if (options.all()) {
                copyIndexChildren(Index.parse(raw), 1);
                destination.commit(root, raw);
                written = root;
            } else {
                Index index = Index.parse(raw);
                Platform want = options.platform() != null ? options.platform() : Platform.host();
                Descriptor child = index.forPlatform(want).orElseThrow(() -> new OciException("the image has no manifest for "
                        + want + "; it has: " + platforms(index) + " (use --platform, or --all to copy every platform)"));
                byte[] childRaw = source.fetchManifest(child);
                copyManifestBlobs(child, Manifest.parse(childRaw));
                destination.commit(child, childRaw);
                written = child;
            }
        } else if (MediaType.isImageManifest(root.mediaType())) {
            copyManifestBlobs(root, Manifest.parse(raw));
            destination.commit(root, raw);
            written = root;
        } else {
            throw new OciException("unsupported manifest media type '" + root.mediaType() + "' for " + root.digest());
        }
        options.progress().manifestWritten(written);
        return new Result(written, copied.get(), skipped.get(), mounted.get(), bytes.get());
    }

    private static String platforms(Index index) {
        List<String> out = new ArrayList<>();
        for (Descriptor d : index.manifests()) {
            if (d.platform() != null && !"unknown".equals(d.platform().os())) {
                out.add(d.platform().toString());
            }
        }
        return out.isEmpty() ? "no platforms" : String.join(", ", out);
    }

    /** Nested indexes are legal but rare; a hostile source could nest them without end. */
    private static final int MAX_INDEX_DEPTH = 8;

    private void copyIndexChildren(Index index, int depth) throws IOException {
        if (depth > MAX_INDEX_DEPTH) {
            throw new OciException("image indexes nested more than " + MAX_INDEX_DEPTH + " deep: refusing to follow");
        }
        List<Manifest> manifests = new ArrayList<>();
        List<Descriptor> manifestDescs = new ArrayList<>();
        List<byte[]> manifestRaws = new ArrayList<>();
        for (Descriptor child : index.manifests()) {
            byte[] childRaw = source.fetchManifest(child);
            if (MediaType.isIndex(child.mediaType())) {
                copyIndexChildren(Index.parse(childRaw), depth + 1);
                destination.writeManifest(child, childRaw);
            } else {
                manifests.add(Manifest.parse(childRaw));
                manifestDescs.add(child);
                manifestRaws.add(childRaw);
            }
        }
        Map<Digest, Descriptor> blobs = new LinkedHashMap<>();
        for (Manifest m : manifests) {
            collect(m, blobs);
        }
        copyBlobs(blobs.values());
        for (int i = 0; i < manifests.size(); i++) {
            destination.writeManifest(manifestDescs.get(i), manifestRaws.get(i));
            options.progress().manifestWritten(manifestDescs.get(i));
        }
    }

    private void copyManifestBlobs(Descriptor manifestDescriptor, Manifest m) throws IOException {
        Map<Digest, Descriptor> blobs = new LinkedHashMap<>();
        collect(m, blobs);
        if (destination.hasManifest(manifestDescriptor)) {
            for (Descriptor d : blobs.values()) {
                skipped.incrementAndGet();
                options.progress().finished(d, CopyProgress.Outcome.SKIPPED_EXISTS);
            }
            return;
        }
        copyBlobs(blobs.values());
    }

    private static void collect(Manifest m, Map<Digest, Descriptor> blobs) {
        blobs.putIfAbsent(m.config().digest(), m.config());
        for (Descriptor l : m.layers()) {
            if (l.urls() != null && !l.urls().isEmpty() && MediaType.isLayer(l.mediaType()) && l.mediaType().contains("foreign")) {
                continue; // foreign layers are fetched from their URLs by the runtime, never copied (as skopeo does)
            }
            blobs.putIfAbsent(l.digest(), l);
        }
    }

    private void copyBlobs(Iterable<Descriptor> blobs) throws IOException {
        List<Descriptor> list = new ArrayList<>();
        blobs.forEach(list::add);
        if (list.isEmpty()) {
            return;
        }
        options.progress().planned(list.size(), list.stream().mapToLong(Descriptor::size).sum());
        int threads = Math.min(options.parallelism(), list.size());
        if (threads == 1) {
            for (Descriptor d : list) {
                copyBlob(d);
            }
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "lading-copy");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Descriptor d : list) {
                futures.add(pool.submit(() -> {
                    try {
                        copyBlob(d);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    futures.forEach(x -> x.cancel(true));
                    Throwable c = e.getCause();
                    if (c instanceof UncheckedIOException u) {
                        throw u.getCause();
                    }
                    if (c instanceof RuntimeException r) {
                        throw r;
                    }
                    throw new IOException(c);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("copy interrupted");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void copyBlob(Descriptor d) throws IOException {
        CopyProgress p = options.progress();
        if (destination.hasBlob(d)) {
            skipped.incrementAndGet();
            p.finished(d, CopyProgress.Outcome.SKIPPED_EXISTS);
            return;
        }
        if (destination.tryMountBlob(d, source)) {
            mounted.incrementAndGet();
            p.finished(d, CopyProgress.Outcome.MOUNTED);
            return;
        }
        p.started(d);
        AtomicLong reported = new AtomicLong();
        destination.writeBlob(d, () -> new Counting(source.openBlob(d), d, p, reported));
        copied.incrementAndGet();
        bytes.addAndGet(d.size());
        p.finished(d, CopyProgress.Outcome.COPIED);
    }

    /**
     * Reports progress. A blob read again from its start (an upload retried) reports only the bytes past the
     * furthest point an earlier read reached, so progress never counts a byte twice.
     */
    private static final class Counting extends ObservingInputStream {
        private final Descriptor blob;
        private final CopyProgress progress;
        private final AtomicLong reported;
        private long position;

        Counting(InputStream in, Descriptor blob, CopyProgress progress, AtomicLong reported) {
            super(in);
            this.blob = blob;
            this.progress = progress;
            this.reported = reported;
        }

        @Override
        protected void observe(byte[] b, int off, int len) {
            position += len;
            long before = reported.get();
            if (position > before && reported.compareAndSet(before, position)) {
                progress.advanced(blob, position - before);
            }
        }
    }
}
