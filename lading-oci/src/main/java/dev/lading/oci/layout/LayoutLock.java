package dev.lading.oci.layout;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A read/write lock on a layout directory that works across threads and across processes.
 * <p>
 * File locks are held per process (the JVM throws when two threads lock overlapping regions), so threads are
 * first ordered by an in-JVM lock, and the process-level {@link FileLock} is taken by whoever enters. The
 * in-JVM locks live in a static map keyed by the lock file's real path because two {@link OciLayout} objects
 * for one directory must still exclude each other; that map is the one piece of static state, and it only
 * ever holds locks.
 * <p>
 * Shared holders: blob writers and index updates (they may run together: index.json itself is guarded by
 * {@link #exclusiveIndex}). Exclusive holder: garbage collection, which must not delete a blob that a writer has
 * just stored but not yet referenced.
 */
final class LayoutLock {
    private static final ConcurrentHashMap<Path, Gate> GATES = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<Path, SharedFileLock> SHARED = new ConcurrentHashMap<>();

    private final Path gcLockFile;
    private final Path indexLockFile;

    LayoutLock(Path root) {
        this.gcLockFile = root.resolve(".lading-gc.lock").toAbsolutePath().normalize();
        this.indexLockFile = root.resolve(".lading-index.lock").toAbsolutePath().normalize();
    }

    interface Held extends AutoCloseable {
        @Override
        void close() throws IOException;
    }

    /** Held while writing blobs or updating the index; excludes only gc. */
    Held shared() throws IOException {
        Gate gate = GATES.computeIfAbsent(gcLockFile, p -> new Gate());
        gate.enterShared();
        try {
            SharedFileLock s;
            synchronized (SHARED) {
                s = SHARED.computeIfAbsent(gcLockFile, SharedFileLock::new);
                s.acquire();
            }
            return () -> {
                try {
                    synchronized (SHARED) {
                        if (s.release()) {
                            SHARED.remove(gcLockFile);
                        }
                    }
                } finally {
                    gate.exitShared();
                }
            };
        } catch (IOException | RuntimeException e) {
            gate.exitShared();
            throw e;
        }
    }

    /** Held by gc: no writer anywhere while it runs. */
    Held exclusive() throws IOException {
        return exclusiveOn(gcLockFile);
    }

    /** Held for a read-modify-write of index.json. */
    Held exclusiveIndex() throws IOException {
        return exclusiveOn(indexLockFile);
    }

    private static Held exclusiveOn(Path file) throws IOException {
        Gate gate = GATES.computeIfAbsent(file, p -> new Gate());
        gate.enterExclusive();
        FileChannel ch = null;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = ch.lock();
            FileChannel channel = ch;
            return () -> {
                try {
                    lock.release();
                    channel.close();
                } finally {
                    gate.exitExclusive();
                }
            };
        } catch (IOException | RuntimeException e) {
            if (ch != null) {
                ch.close();
            }
            gate.exitExclusive();
            throw e;
        }
    }

    /**
     * A shared/exclusive gate that, unlike a ReentrantReadWriteLock, is not owned by a thread: a write
     * session may begin on a copy worker and end on the caller's thread. Shared entry never waits for a
     * merely waiting exclusive holder (only for one that holds the gate), so nested shared entry cannot deadlock.
     */
    private static final class Gate {
        private int shared;
        private boolean exclusive;

        synchronized void enterShared() throws IOException {
            while (exclusive) {
                await();
            }
            shared++;
        }

        synchronized void exitShared() {
            shared--;
            if (shared == 0) {
                notifyAll();
            }
        }

        synchronized void enterExclusive() throws IOException {
            while (exclusive || shared > 0) {
                await();
            }
            exclusive = true;
        }

        synchronized void exitExclusive() {
            exclusive = false;
            notifyAll();
        }

        private void await() throws IOException {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while waiting for the layout lock");
            }
        }
    }

    /** One process-level shared file lock, reference-counted across this JVM's threads. */
    private static final class SharedFileLock {
        private final Path file;
        private FileChannel channel;
        private FileLock lock;
        private int holders;

        SharedFileLock(Path file) {
            this.file = file;
        }

        void acquire() throws IOException {
            if (holders == 0) {
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
                try {
                    lock = channel.lock(0, Long.MAX_VALUE, true);
                } catch (IOException | RuntimeException e) {
                    channel.close();
                    throw e;
                }
            }
            holders++;
        }

        /** Returns true when the last holder left and the lock was released. */
        boolean release() throws IOException {
            holders--;
            if (holders == 0) {
                try {
                    lock.release();
                } finally {
                    channel.close();
                }
                return true;
            }
            return false;
        }
    }
}
