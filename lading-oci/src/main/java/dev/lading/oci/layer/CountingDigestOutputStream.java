package dev.lading.oci.layer;

import dev.lading.oci.Digest;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;

/** Hashes and counts what passes through, so a layer's digests come out of the one pass that writes it. */
final class CountingDigestOutputStream extends FilterOutputStream {
    private final MessageDigest md = Digest.newMessageDigest(Digest.SHA256);
    private final boolean closeUnderlying;
    private long count;

    CountingDigestOutputStream(OutputStream out, boolean closeUnderlying) {
        super(out);
        this.closeUnderlying = closeUnderlying;
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        md.update((byte) b);
        count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        md.update(b, off, len);
        count += len;
    }

    long count() {
        return count;
    }

    Digest digest() {
        return Digest.fromMessageDigest(Digest.SHA256, md);
    }

    @Override
    public void close() throws IOException {
        if (closeUnderlying) {
            out.close();
        } else {
            out.flush(); // the caller owns the destination stream
        }
    }
}
