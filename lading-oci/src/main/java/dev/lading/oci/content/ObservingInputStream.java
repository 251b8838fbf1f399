package dev.lading.oci.content;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A pass-through stream that shows every byte to {@link #observe} (to hash, count or copy it). Single-byte
 * reads and skips go through {@link #read(byte[], int, int)}, so no byte can bypass the observer, and mark/reset
 * is unsupported for the same reason.
 */
public abstract class ObservingInputStream extends FilterInputStream {

    protected ObservingInputStream(InputStream in) {
        super(in);
    }

    /**
     * Whether this stream, or a stream it reads from, checks the bytes against {@code blob}'s digest and size at
     * EOF and throws there on a mismatch (see {@link VerifyingInputStream}). A consumer that reads to EOF without
     * an exception then has verified bytes and need not hash them a second time. Observers pass bytes through
     * unchanged, so the answer of the innermost stream holds for the whole chain.
     */
    public boolean verifies(dev.lading.oci.Descriptor blob) {
        return in instanceof ObservingInputStream inner && inner.verifies(blob);
    }

    /** Called with each chunk read, in order. */
    protected abstract void observe(byte[] b, int off, int len) throws IOException;

    /** Called when the source reports EOF (possibly more than once). */
    protected void endOfStream() throws IOException {
    }

    /** Called when the source fails; the exception is rethrown afterwards. */
    protected void sourceFailed(IOException e) {
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n;
        try {
            n = in.read(b, off, len);
        } catch (IOException e) {
            sourceFailed(e);
            throw e;
        }
        if (n < 0) {
            endOfStream();
        } else if (n > 0) {
            observe(b, off, n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buf = new byte[(int) Math.min(Math.max(n, 0), 8192)];
        long skipped = 0;
        while (skipped < n) {
            int r = read(buf, 0, (int) Math.min(buf.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int readlimit) {
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }
}
