package dev.lading.build;

import dev.lading.oci.Descriptor;
import dev.lading.oci.layer.ExtractOptions;
import dev.lading.oci.layer.ExtractionReport;
import dev.lading.oci.layer.FilePool;
import dev.lading.oci.layer.LayerExtractor;
import dev.lading.oci.layer.Ownership;
import dev.lading.oci.layout.OciLayout;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A stage's root filesystem on disk, for RUN: the stage's layers applied in order. Created at a stage's first
 * RUN that is not cached, and brought up to date lazily: layers that COPY or a cached RUN added since are
 * applied before the next RUN; a COPY followed by a RUN applies its layer while writing it ({@link #feed}). As
 * root the extraction chowns; without root it records the owners in
 * {@link #owners} (what the snapshotter needs to give changed files their image owner back).
 */
final class WorkingRoot {

    final Path dir;
    /** Where extraction takes files from, and where they go back when the root is deleted; null: none. */
    final FilePool pool;
    Map<String, Ownership> owners = Map.of();
    /** How many of the stage's layers {@link #dir} reflects. */
    int applied;

    WorkingRoot(Path dir) {
        this(dir, null);
    }

    /** A root whose extracted files come from (and, by {@link FilePool#giveBack()}, go back to) {@code pool}. */
    WorkingRoot(Path dir, FilePool pool) {
        this.dir = dir;
        this.pool = pool;
    }

    private LayerExtractor extractor() {
        ExtractOptions options = ExtractOptions.defaults();
        if (pool != null) {
            options = options.withFilePool(pool);
        }
        return new LayerExtractor(options);
    }

    /** Applies the layers of {@code layers} this root does not have yet. */
    void catchUp(OciLayout blobs, List<Descriptor> layers) throws IOException {
        if (applied > layers.size()) {
            throw new IllegalStateException("the working root is ahead of its stage");
        }
        LayerExtractor extractor = extractor();
        for (int i = applied; i < layers.size(); i++) {
            try (InputStream in = blobs.openBlob(layers.get(i))) {
                ExtractionReport report = extractor.apply(in, dir);
                owners = report.mergeOwnership(owners);
            }
            applied = i + 1;
        }
    }

    /**
     * Starts applying the layer that is about to be written, as its tar is made: the writer sends the
     * uncompressed tar to {@link Feed#tar()} (see {@code LayerWriter.write(entries, out, tarCopy)}) and a thread
     * extracts it into {@link #dir} meanwhile, with the same extractor {@link #catchUp} uses. A RUN after a COPY of
     * many files then finds them in place instead of reading the new blob back, decompressing and extracting it
     * (which took longer than writing it), and the two halves of the work run on two cores. The root must be
     * caught up with every layer below the one being written.
     */
    Feed feed() {
        return new Feed();
    }

    /** One layer on its way into the root; see {@link #feed()}. Not for use by more than one writer thread. */
    final class Feed implements AutoCloseable {
        private static final int CHUNK = 1024 * 1024;
        private static final byte[] END = new byte[0];

        /** A few MiB in flight at most: the writer waits when the extraction is behind. */
        private final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(4);
        private final Thread thread;
        private volatile boolean abandoned;
        private volatile ExtractionReport report;
        private volatile Throwable failure;
        private byte[] pending = new byte[CHUNK];
        private int filled;
        private boolean ended;

        private final OutputStream tar = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                while (len > 0) {
                    int n = Math.min(len, CHUNK - filled);
                    System.arraycopy(b, off, pending, filled, n);
                    filled += n;
                    off += n;
                    len -= n;
                    if (filled == CHUNK) {
                        send();
                    }
                }
            }
        };

        private Feed() {
            InputStream in = new InputStream() {
                private byte[] current = new byte[0];
                private int pos;
                private boolean eof;

                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (len == 0) {
                        return 0;
                    }
                    while (pos == current.length) {
                        if (eof) {
                            return -1;
                        }
                        current = take();
                        pos = 0;
                        eof = current == END;
                    }
                    int n = Math.min(len, current.length - pos);
                    System.arraycopy(current, pos, b, off, n);
                    pos += n;
                    return n;
                }

                private byte[] take() throws IOException {
                    try {
                        for (;;) {
                            byte[] c = chunks.poll(100, TimeUnit.MILLISECONDS);
                            if (c != null) {
                                return c;
                            }
                            if (abandoned) {
                                throw new IOException("the layer's writer stopped");
                            }
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new InterruptedIOException("interrupted");
                    }
                }
            };
            thread = Thread.ofPlatform().daemon().name("lading-root-feed").start(() -> {
                try {
                    report = extractor().apply(in, dir);
                } catch (Throwable t) {
                    failure = t;
                } finally {
                    // whatever happened, take everything the writer still sends: it must never wait on a reader
                    // that has stopped
                    try {
                        while (in.skip(Long.MAX_VALUE) > 0 || in.read() >= 0) {
                            // skipping
                        }
                    } catch (IOException ignored) {
                        // abandoned: the writer sends nothing more
                    }
                }
            });
        }

        /** Where the writer sends the layer's uncompressed tar. */
        OutputStream tar() {
            return tar;
        }

        private void send() throws IOException {
            byte[] full = pending;
            pending = new byte[CHUNK];
            filled = 0;
            put(full);
        }

        private void put(byte[] chunk) throws IOException {
            try {
                chunks.put(chunk);
            } catch (InterruptedException e) {
                abandoned = true;
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted");
            }
        }

        /**
         * The tar is complete: waits for the extraction. True when the root now has the layer as well, as the
         * stage's {@code layers}-th layer; false when the extraction failed, and the root is then in no known state
         * (the caller drops it; a later RUN makes a new one from the layers, which reports any error).
         */
        boolean finish(int layers) throws IOException {
            if (filled > 0) {
                put(java.util.Arrays.copyOf(pending, filled));
                filled = 0;
            }
            ended = true;
            put(END);
            try {
                thread.join();
            } catch (InterruptedException e) {
                abandoned = true;
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted");
            }
            if (failure != null || report == null) {
                return false;
            }
            owners = report.mergeOwnership(owners);
            applied = layers;
            return true;
        }

        /** Without {@link #finish}: the writer failed; the extraction stops and the root is in no known state. */
        @Override
        public void close() {
            if (!ended) {
                ended = true;
                if (!chunks.offer(END)) {
                    abandoned = true;
                }
            }
            try {
                thread.join();
            } catch (InterruptedException e) {
                abandoned = true;
                Thread.currentThread().interrupt();
            }
        }
    }
}
