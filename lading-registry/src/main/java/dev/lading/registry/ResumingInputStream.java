package dev.lading.registry;

import dev.lading.oci.content.DigestMismatchException;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;

/**
 * A blob download that survives dropped connections: when the stream breaks (or ends early) before {@code size}
 * bytes, it asks again from the current offset ({@code Range: bytes=N-}) and carries on. Attempts without any
 * progress are bounded by the retry policy; every byte of progress resets the count.
 */
final class ResumingInputStream extends InputStream {

    /** Opens the blob positioned at {@code offset}. */
    @FunctionalInterface
    interface Opener {
        InputStream open(long offset) throws IOException;
    }

    private final Opener opener;
    private final long size;
    private final RetryPolicy policy;
    private final String what;
    private InputStream current;
    private long position;
    private int failures;
    private boolean closed;

    ResumingInputStream(InputStream first, Opener opener, long size, RetryPolicy policy, String what) {
        this.current = first;
        this.opener = opener;
        this.size = size;
        this.policy = policy;
        this.what = what;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException(what + ": stream closed");
        }
        if (len == 0) {
            return 0;
        }
        while (true) {
            try {
                if (current == null) {
                    current = opener.open(position);
                }
                int n = current.read(b, off, len);
                if (n < 0) {
                    if (position < size) {
                        throw new EOFException("connection ended after " + position + " of " + size + " bytes");
                    }
                    return -1;
                }
                position += n;
                failures = 0;
                return n;
            } catch (DigestMismatchException | InterruptedIOException e) {
                throw e;
            } catch (IOException e) {
                closeCurrent();
                failures++;
                if (failures >= policy.maxAttempts()) {
                    throw new IOException(what + ": download failed at byte " + position + " of " + size
                            + " after " + failures + " attempts: " + e.getMessage(), e);
                }
                try {
                    policy.sleeper().sleep(policy.backoff(failures));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException(what + ": interrupted");
                }
            }
        }
    }

    private void closeCurrent() {
        if (current != null) {
            try {
                current.close();
            } catch (IOException ignored) {
                // the connection is already broken; a new one is opened next
            }
            current = null;
        }
    }

    @Override
    public void close() {
        closed = true;
        closeCurrent();
    }
}
