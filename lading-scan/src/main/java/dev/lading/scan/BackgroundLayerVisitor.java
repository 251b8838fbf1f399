package dev.lading.scan;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;

/**
 * Runs another visitor on a thread of its own, so a costly analysis (the secret scan reads every text file of
 * every layer) overlaps with decompressing and walking the layers instead of adding to it. The walk stays one
 * pass: each entry's content (what the visitor asked for, at most its limit) is handed over as the array the walk
 * read it into, not copied.
 *
 * <p>The target sees the same calls in the same order as it would on the walking thread. Its
 * {@link #contentLimit} is still asked on the walking thread, so it must not depend on what the visitor has
 * seen (true of every visitor that limits by path and size). Memory stays bounded: at most {@code maxBytes}
 * of content (or one entry, if larger) waits for the worker; the walk blocks until the worker catches up.
 * {@link #finish()} waits for the last call and rethrows what the target threw; call it before reading the
 * target's results.
 */
public final class BackgroundLayerVisitor implements LayerVisitor {
    private interface Call {
        void run() throws IOException;
    }

    private static final Call END = () -> {
    };

    private final LayerVisitor target;
    private final BlockingQueue<Call> calls = new ArrayBlockingQueue<>(1024);
    private final Semaphore budget;
    private final int maxKib;
    private final Thread worker;
    private volatile Throwable failure;
    private boolean finished;

    public BackgroundLayerVisitor(LayerVisitor target, long maxBytes, String name) {
        this.target = target;
        this.maxKib = (int) Math.max(1, Math.min(Integer.MAX_VALUE, maxBytes >> 10));
        this.budget = new Semaphore(maxKib);
        this.worker = Thread.ofPlatform().daemon().name(name).start(this::work);
    }

    private void work() {
        try {
            for (Call c = calls.take(); c != END; c = calls.take()) {
                if (failure == null) {
                    c.run();
                }
            }
        } catch (Throwable t) {
            failure = t;
            // keep draining so the walking thread never blocks on a full queue after a failure
            try {
                for (Call c = calls.take(); c != END; c = calls.take()) {
                    // dropped: the target already failed
                }
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void submit(Call c) throws IOException {
        rethrow();
        try {
            calls.put(c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while handing a layer entry to " + worker.getName());
        }
    }

    private void rethrow() throws IOException {
        Throwable t = failure;
        if (t instanceof IOException io) {
            throw new IOException(io.getMessage(), io);
        }
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
    }

    @Override
    public void layerStart(Layer layer) throws IOException {
        submit(() -> target.layerStart(layer));
    }

    @Override
    public long contentLimit(Layer layer, Entry entry) {
        return target.contentLimit(layer, entry);
    }

    @Override
    public void entry(Layer layer, Entry entry, Content content) throws IOException {
        if (content == null) {
            submit(() -> target.entry(layer, entry, null));
            return;
        }
        byte[] head;
        try (java.io.InputStream in = content.open()) {
            head = in.readNBytes(HEAD_BYTES);
        }
        if (!target.wantsContent(layer, entry, head)) {
            // a binary file, say: not worth copying out of the tar for the worker
            submit(() -> target.entry(layer, entry, null));
            return;
        }
        // the walk's own array, not a copy: it is not written again once handed over
        byte[] data = content.bytes();
        int kib = (int) Math.min(maxKib, Math.max(1, data.length >> 10));
        try {
            budget.acquire(kib);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for " + worker.getName());
        }
        Content held = new Content() {
            @Override
            public java.io.InputStream open() {
                return new ByteArrayInputStream(data);
            }

            @Override
            public byte[] bytes() {
                return data;
            }
        };
        submit(() -> {
            try {
                target.entry(layer, entry, held);
            } finally {
                budget.release(kib);
            }
        });
    }

    @Override
    public boolean wantsContent(Layer layer, Entry entry, byte[] head) {
        return target.wantsContent(layer, entry, head);
    }

    @Override
    public void layerEnd(Layer layer, long uncompressedBytes) throws IOException {
        submit(() -> target.layerEnd(layer, uncompressedBytes));
    }

    /** Waits until the target has seen every call; rethrows its failure. */
    public void finish() throws IOException {
        if (!finished) {
            finished = true;
            try {
                calls.put(END);
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for " + worker.getName());
            }
        }
        rethrow();
    }
}
