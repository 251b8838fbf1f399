package dev.lading.cli;

import dev.lading.oci.Descriptor;
import dev.lading.oci.content.CopyProgress;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Shows a copy's progress on stderr: on a terminal one live status line (redrawn at most 10 times a second)
 * with a line per finished blob above it; otherwise one plain line per blob; nothing when quiet.
 */
final class ProgressDisplay implements CopyProgress, AutoCloseable {
    enum Mode { AUTO, TTY, PLAIN, QUIET }

    private final PrintStream err;
    private final boolean tty;
    private final boolean quiet;
    private final long start = System.nanoTime();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong totalBytes = new AtomicLong();
    private final AtomicInteger totalBlobs = new AtomicInteger();
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger active = new AtomicInteger();
    private volatile long lastDraw;
    private boolean lineShown;

    ProgressDisplay(PrintStream err, Mode mode) {
        this.err = err;
        Mode m = mode == Mode.AUTO ? (Terminal.stderrIsTerminal() ? Mode.TTY : Mode.PLAIN) : mode;
        this.tty = m == Mode.TTY;
        this.quiet = m == Mode.QUIET;
    }

    @Override
    public void planned(int blobs, long bytes) {
        totalBlobs.addAndGet(blobs);
        totalBytes.addAndGet(bytes);
    }

    @Override
    public void started(Descriptor blob) {
        active.incrementAndGet();
        if (!quiet && !tty) {
            println("Copying blob " + blob.digest().shortHex() + " (" + Terminal.bytes(blob.size()) + ")");
        }
        redraw(false);
    }

    @Override
    public void advanced(Descriptor blob, long n) {
        bytes.addAndGet(n);
        redraw(false);
    }

    @Override
    public void finished(Descriptor blob, Outcome how) {
        done.incrementAndGet();
        if (how == Outcome.COPIED) {
            active.decrementAndGet();
        }
        if (!quiet) {
            String what = switch (how) {
                case COPIED -> "done";
                case SKIPPED_EXISTS -> "already exists";
                case MOUNTED -> "mounted";
            };
            println("Blob " + blob.digest().shortHex() + " " + what + " (" + Terminal.bytes(blob.size()) + ")");
        }
        redraw(true);
    }

    @Override
    public void manifestWritten(Descriptor manifest) {
        if (!quiet) {
            println("Wrote manifest " + manifest.digest());
        }
    }

    private synchronized void println(String line) {
        if (tty && lineShown) {
            err.print("\r\033[K");
            lineShown = false;
        }
        err.println(line);
        redraw(true);
    }

    private synchronized void redraw(boolean force) {
        if (!tty || quiet) {
            return;
        }
        long now = System.nanoTime();
        if (!force && now - lastDraw < 100_000_000L) {
            return;
        }
        lastDraw = now;
        double secs = Math.max((now - start) / 1e9, 0.001);
        err.print(String.format(Locale.ROOT, "\r\033[KBlobs %d/%d (%d in flight)  %s of %s  %s/s",
                done.get(), totalBlobs.get(), Math.max(active.get(), 0), Terminal.bytes(bytes.get()),
                Terminal.bytes(totalBytes.get()), Terminal.bytes((long) (bytes.get() / secs))));
        err.flush();
        lineShown = true;
    }

    @Override
    public synchronized void close() {
        if (tty && lineShown) {
            err.print("\r\033[K");
            err.flush();
            lineShown = false;
        }
    }
}
