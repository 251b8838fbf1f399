package dev.lading.scan.vuln;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Fails once more than {@code max} bytes were read: a zip entry or download may claim one size and hold another. */
final class BoundedInputStream extends FilterInputStream {
    private final long max;
    private final String source;
    private long count;

    BoundedInputStream(InputStream in, long max, String source) {
        super(in);
        this.max = max;
        this.source = source;
    }

    /** Thrown by the stream that counted past its limit; {@link #from} tells nested bounds apart. */
    static final class TooLargeException extends IOException {
        private final transient BoundedInputStream from;

        TooLargeException(BoundedInputStream from, String message) {
            super(message);
            this.from = from;
        }

        boolean from(BoundedInputStream stream) {
            return from == stream;
        }
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            add(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            add(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long s = super.skip(n);
        add(s);
        return s;
    }

    @Override
    public void close() {
        // the caller owns the underlying stream (a zip entry must not close the zip)
    }

    private void add(long n) throws TooLargeException {
        count += n;
        if (count > max) {
            throw new TooLargeException(this, source + ": more than " + max + " bytes");
        }
    }
}
