package dev.lading.oci;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The SHA-256 that {@link Digest#newMessageDigest} hands out: OpenSSL's ({@link NativeSha256}) for real amounts of
 * data, the JDK's for small ones.
 *
 * <p>Loading the native functions costs tens of milliseconds, more than a command that hashes a few manifests
 * would ever save. So a digest first only collects its input. If it ends within {@link #COLLECT_LIMIT} bytes, the
 * JDK hashes what was collected. If the input outgrows the limit, the native functions are loaded there and then
 * and take over (the JDK's, when they cannot be had). And once the process has hashed {@link #PROCESS_THRESHOLD}
 * bytes in small pieces (many small files, say), the native functions are loaded on a background thread, and every
 * digest made after that uses them from its first byte.
 *
 * <p>Not thread-safe, as no {@link MessageDigest} is.
 */
final class Sha256Digest extends MessageDigest {

    static final int COLLECT_LIMIT = 1 << 20;
    static final long PROCESS_THRESHOLD = 4L << 20;
    /** In native mode, updates smaller than this are gathered first: a native call per few bytes would cost more. */
    private static final int STAGING = 8 * 1024;
    /** The most one native call hashes (~0.5 ms): the garbage collector waits while such a call reads the heap. */
    private static final int NATIVE_SLICE = 1 << 20;

    private static final AtomicLong HASHED_BY_JDK = new AtomicLong();
    private static final AtomicBoolean LOAD_STARTED = new AtomicBoolean();

    /** Collected input (collect mode) or bytes staged for the next native call (native mode). */
    private byte[] pending = new byte[256];
    private int pendingLength;
    /** Native mode: OpenSSL's SHA256_CTX. */
    private long[] state;
    /** Whether {@link #state} has been through SHA256_Init since its last digest: done at its first use, not before. */
    private boolean stateReady;
    /** JDK mode: the input outgrew the collect limit where no native SHA-256 was to be had. */
    private MessageDigest jdk;

    /** False only in tests: the JDK's SHA-256 past the collect limit, as where no native one can be had. */
    private final boolean nativeAllowed;

    Sha256Digest() {
        this(true);
    }

    Sha256Digest(boolean nativeAllowed) {
        super("SHA-256");
        this.nativeAllowed = nativeAllowed;
        start();
    }

    /** For tests: "collect", "native" or "jdk". */
    String mode() {
        return jdk != null ? "jdk" : state != null ? "native" : "collect";
    }

    private void start() {
        pendingLength = 0;
        jdk = null;
        stateReady = false;
        if (nativeAllowed && NativeSha256.loaded()) {
            if (state == null) {
                state = new long[NativeSha256.STATE_LONGS];
            }
        } else {
            state = null;
        }
    }

    /** The native state, initialised if this digest has not used it yet (most digests are used once). */
    private long[] nativeState() {
        if (!stateReady) {
            NativeSha256.init(state);
            stateReady = true;
        }
        return state;
    }

    @Override
    protected int engineGetDigestLength() {
        return 32;
    }

    @Override
    protected void engineUpdate(byte input) {
        if (jdk == null && pendingLength == pending.length) {
            make(pendingLength + 1); // may leave collect mode for the JDK's
        }
        if (jdk != null) {
            jdk.update(input);
        } else {
            pending[pendingLength++] = input;
        }
    }

    @Override
    protected void engineUpdate(byte[] input, int offset, int length) {
        if (length <= 0) {
            return;
        }
        if (jdk != null) {
            jdk.update(input, offset, length);
            return;
        }
        if (state == null && pendingLength + length > COLLECT_LIMIT) {
            leaveCollecting();
            engineUpdate(input, offset, length);
            return;
        }
        if (state != null && length >= STAGING) {
            flushStaged();
            // a native call holds off the garbage collector while it runs: a few hundred microseconds at most
            for (int at = offset, end = offset + length; at < end; at += NATIVE_SLICE) {
                NativeSha256.update(nativeState(), input, at, Math.min(NATIVE_SLICE, end - at));
            }
            return;
        }
        make(pendingLength + length); // within the collect limit (checked above): stays in this mode
        System.arraycopy(input, offset, pending, pendingLength, length);
        pendingLength += length;
    }

    /** Room for {@code needed} pending bytes; in native mode a full staging buffer is hashed instead of grown. */
    private void make(int needed) {
        if (state != null) {
            if (needed > STAGING) {
                flushStaged();
            }
            if (pending.length < STAGING) {
                pending = Arrays.copyOf(pending, STAGING);
            }
            return;
        }
        if (needed > COLLECT_LIMIT) {
            leaveCollecting();
            return;
        }
        if (needed > pending.length) {
            pending = Arrays.copyOf(pending, Math.min(COLLECT_LIMIT, Math.max(needed, pending.length * 2)));
        }
    }

    private void flushStaged() {
        if (pendingLength > 0) {
            NativeSha256.update(nativeState(), pending, 0, pendingLength);
            pendingLength = 0;
        }
    }

    /** The input is too big to collect: native from here on if it can be had (collected bytes first), else the JDK. */
    private void leaveCollecting() {
        if (nativeAllowed && NativeSha256.available()) {
            state = new long[NativeSha256.STATE_LONGS];
            NativeSha256.update(nativeState(), pending, 0, pendingLength);
        } else {
            jdk = newJdk();
            jdk.update(pending, 0, pendingLength);
        }
        pendingLength = 0;
        if (pending.length > STAGING) {
            pending = new byte[STAGING];
        }
    }

    @Override
    protected byte[] engineDigest() {
        byte[] out;
        if (jdk != null) {
            out = jdk.digest();
        } else if (state != null) {
            flushStaged();
            out = new byte[32];
            NativeSha256.finish(nativeState(), out);
        } else {
            MessageDigest md = newJdk();
            md.update(pending, 0, pendingLength);
            out = md.digest();
            if (nativeAllowed) {
                noteHashedByJdk(pendingLength);
            }
        }
        start();
        return out;
    }

    @Override
    protected void engineReset() {
        start();
    }

    private static void noteHashedByJdk(int bytes) {
        if (HASHED_BY_JDK.addAndGet(bytes) > PROCESS_THRESHOLD && !NativeSha256.loaded() && LOAD_STARTED.compareAndSet(false, true)) {
            Thread t = new Thread(NativeSha256::available, "lading-sha256-load");
            t.setDaemon(true);
            t.start();
        }
    }

    private static MessageDigest newJdk() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
