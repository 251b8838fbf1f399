package dev.lading.oci.content;

import dev.lading.oci.Descriptor;
import dev.lading.oci.Digest;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * Passes a blob through while hashing it; at EOF the digest and size must match the descriptor,
 * otherwise {@code read} throws {@link DigestMismatchException}. Also refuses to read past the declared size,
 * so a lying source cannot make a consumer read forever.
 */
public final class VerifyingInputStream extends ObservingInputStream {
    private final Descriptor expected;
    private final String what;
    private final MessageDigest md;
    private long count;
    private boolean verified;

    public VerifyingInputStream(InputStream in, Descriptor expected, String what) {
        super(in);
        this.expected = expected;
        this.what = what;
        this.md = expected.digest().newMessageDigest();
    }

    /**
     * When every declared byte has passed, checks them now rather than at EOF: a consumer may stop reading once it
     * has the declared size (an HTTP client sending a body of known length), and a caller whose transfer then
     * failed still learns that the source, not the connection, was at fault. Nothing happens before that point.
     * Safe to call from another thread than the reader's.
     */
    public synchronized void checkIfComplete() throws DigestMismatchException {
        if (count == expected.size()) {
            verify();
        }
    }

    @Override
    protected synchronized void observe(byte[] b, int off, int n) throws IOException {
        md.update(b, off, n);
        count += n;
        if (count > expected.size()) {
            throw new DigestMismatchException(what + " " + expected.digest() + " is larger than its descriptor says ("
                    + expected.size() + " bytes): the source sent more data than it declared");
        }
    }

    @Override
    public boolean verifies(Descriptor blob) {
        return (expected.digest().equals(blob.digest()) && expected.size() == blob.size()) || super.verifies(blob);
    }

    @Override
    protected synchronized void endOfStream() throws IOException {
        verify();
    }

    private void verify() throws DigestMismatchException {
        if (verified) {
            return;
        }
        if (count != expected.size()) {
            throw new DigestMismatchException(what + " " + expected.digest() + " is truncated: got " + count + " of "
                    + expected.size() + " bytes");
        }
        Digest actual = Digest.fromMessageDigest(expected.digest().algorithm(), md);
        if (!actual.equals(expected.digest())) {
            throw new DigestMismatchException(what + " does not match its digest: expected " + expected.digest() + ", got " + actual);
        }
        verified = true;
    }

    public static byte[] readVerified(InputStream in, Descriptor expected, String what) throws IOException {
        try (InputStream v = new VerifyingInputStream(in, expected, what)) {
            return v.readAllBytes();
        }
    }

    public static void checkBytes(byte[] data, Descriptor expected, String what) throws DigestMismatchException {
        if (data.length != expected.size()) {
            throw new DigestMismatchException(what + " " + expected.digest() + ": size " + data.length
                    + " does not match the declared " + expected.size());
        }
        Digest actual = Digest.of(expected.digest().algorithm(), data);
        if (!actual.equals(expected.digest())) {
            throw new DigestMismatchException(what + " does not match its digest: expected " + expected.digest() + ", got " + actual);
        }
    }
}
