package dev.lading.registry;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Ends a read that has waited longer than {@code timeout} for the next bytes of a response body. The JDK's
 * HTTP client has no such timeout once headers have arrived, so a registry that stops sending mid-blob would
 * hang a pull forever; here a watchdog closes the stream (which wakes the blocked read with an IOException),
 * and {@link ResumingInputStream} then continues with a Range request. Time the consumer spends between reads
 * does not count: a slow disk is not a stalled server.
 */
final class StallGuard extends FilterInputStream {
    private final long timeoutNanos;
    private final Duration timeout;
    private final String what;
    private final ScheduledFuture<?> watchdog;
    private volatile long readStarted;
    private volatile boolean reading;
    private volatile boolean stalled;

    StallGuard(InputStream in, Duration timeout, ScheduledExecutorService timer, String what) {
        super(in);
        this.timeout = timeout;
        this.timeoutNanos = timeout.toNanos();
        this.what = what;
        long period = Math.max(timeoutNanos / 4, TimeUnit.MILLISECONDS.toNanos(10));
        this.watchdog = timer.scheduleAtFixedRate(this::check, period, period, TimeUnit.NANOSECONDS);
    }

    private void check() {
        if (reading && System.nanoTime() - readStarted > timeoutNanos) {
            stalled = true;
            watchdog.cancel(false);
            try {
                in.close();
            } catch (IOException ignored) {
                // the blocked read reports the stall
            }
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        readStarted = System.nanoTime();
        reading = true;
        try {
            int n = in.read(b, off, len);
            if (n < 0) {
                watchdog.cancel(false);
            }
            return n;
        } catch (IOException e) {
            if (stalled) {
                throw new IOException(what + ": no data for " + timeout.toSeconds() + " s; reconnecting", e);
            }
            throw e;
        } finally {
            reading = false;
        }
    }

    @Override
    public void close() throws IOException {
        watchdog.cancel(false);
        super.close();
    }
}
