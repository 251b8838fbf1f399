package dev.lading.oci.content;

import dev.lading.oci.Descriptor;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * A {@link ContentWriter} that is opened on its own thread while the caller gets on with other work (opening the
 * source, reading its manifest): setting up a registry client (TLS, HTTP client, registries.conf) or a layout
 * (its index) takes a good part of a short copy's start, and the two do not depend on each other. Every call waits
 * until the writer is open and then delegates; a failure to open is thrown, unchanged, by the first call that needs
 * the writer.
 */
public final class DeferredContentWriter implements ContentWriter {

    /** Opens the writer; may throw what opening it throws. */
    @FunctionalInterface
    public interface Opener {
        ContentWriter open() throws IOException;
    }

    private final FutureTask<ContentWriter> opening;

    private DeferredContentWriter(Opener opener) {
        this.opening = new FutureTask<>(opener::open);
    }

    /** Starts opening the writer on a new daemon thread and returns at once. */
    public static DeferredContentWriter start(Opener opener) {
        DeferredContentWriter w = new DeferredContentWriter(opener);
        Thread.ofPlatform().name("lading-open-destination").daemon().start(w.opening);
        return w;
    }

    private ContentWriter writer() throws IOException {
        try {
            return opening.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the destination was being opened");
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case IOException io -> throw io;
                case UncheckedIOException u -> throw u;
                case RuntimeException r -> throw r;
                case Error err -> throw err;
                default -> throw new IOException(e.getCause());
            }
        }
    }

    @Override
    public boolean hasBlob(Descriptor descriptor) throws IOException {
        return writer().hasBlob(descriptor);
    }

    @Override
    public void writeBlob(Descriptor descriptor, InputStream content) throws IOException {
        writer().writeBlob(descriptor, content);
    }

    @Override
    public void writeBlob(Descriptor descriptor, BlobOpener content) throws IOException {
        writer().writeBlob(descriptor, content);
    }

    @Override
    public boolean tryMountBlob(Descriptor descriptor, ContentReader source) throws IOException {
        return writer().tryMountBlob(descriptor, source);
    }

    @Override
    public boolean hasManifest(Descriptor manifest) throws IOException {
        return writer().hasManifest(manifest);
    }

    @Override
    public void writeManifest(Descriptor descriptor, byte[] raw) throws IOException {
        writer().writeManifest(descriptor, raw);
    }

    @Override
    public void commit(Descriptor root, byte[] raw) throws IOException {
        writer().commit(root, raw);
    }

    /**
     * Waits for the opening to end and closes the writer. A writer that could not be opened has nothing to close:
     * its failure was thrown by the call that needed it, or the copy failed for another reason first.
     */
    @Override
    public void close() throws IOException {
        ContentWriter w;
        try {
            w = writer();
        } catch (IOException | RuntimeException e) {
            return;
        }
        w.close();
    }
}
