package dev.lading.oci.layer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A gzip writer whose output depends only on its input and level, compressing on every core.
 *
 * <p>The header is a constant (mtime 0, no file name, OS byte 255 as Go writes it): {@link
 * java.util.zip.GZIPOutputStream} cannot take a level and has written different OS bytes in different JDK
 * releases. The data is cut into fixed {@value #BLOCK}-byte blocks, each deflated on its own thread with the
 * previous block's last 32 KiB as its dictionary and ended with a sync flush (the last one finished), and the
 * pieces are written in order: one ordinary gzip member, as pigz makes them. The same bytes give the same
 * output whatever the number of threads, because blocks are cut by size, not by timing.
 */
final class ReproducibleGzipOutputStream extends OutputStream {
    static final int BLOCK = 1 << 20;
    private static final int DICTIONARY = 32 * 1024;

    private final OutputStream out;
    private final int level;
    private final int threads;
    private final CRC32 crc = new CRC32();
    private final ArrayDeque<Future<byte[]>> pending = new ArrayDeque<>();
    private ExecutorService pool;
    private byte[] block = new byte[BLOCK];
    private int filled;
    private byte[] dictionary;
    private long uncompressed;
    private boolean closed;

    ReproducibleGzipOutputStream(OutputStream out, int level) throws IOException {
        this(out, level, Runtime.getRuntime().availableProcessors());
    }

    ReproducibleGzipOutputStream(OutputStream out, int level, int threads) throws IOException {
        this.out = out;
        this.level = level;
        this.threads = Math.max(1, threads);
        int xfl = level == Deflater.BEST_COMPRESSION ? 2 : level == Deflater.BEST_SPEED ? 4 : 0;
        out.write(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, (byte) xfl, (byte) 0xff});
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        crc.update(b, off, len);
        uncompressed += len;
        while (len > 0) {
            int n = Math.min(len, BLOCK - filled);
            System.arraycopy(b, off, block, filled, n);
            filled += n;
            off += n;
            len -= n;
            if (filled == BLOCK) {
                submit(false);
            }
        }
    }

    /** Hands the current block to a compressor; writes finished pieces so at most two per thread wait. */
    private void submit(boolean last) throws IOException {
        byte[] data = filled == block.length ? block : Arrays.copyOf(block, filled);
        byte[] dict = dictionary;
        // Only the last block can be short, and nothing follows it: a full block always holds the whole window.
        dictionary = Arrays.copyOfRange(data, Math.max(0, data.length - DICTIONARY), data.length);
        block = new byte[BLOCK];
        filled = 0;
        if (threads == 1 || (last && pending.isEmpty())) {
            drain(0);
            out.write(deflate(data, dict, level, last));
            return;
        }
        if (pool == null) {
            pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "lading-gzip");
                t.setDaemon(true);
                return t;
            });
        }
        pending.add(pool.submit(() -> deflate(data, dict, level, last)));
        drain(last ? 0 : 2 * threads);
    }

    /** Writes finished pieces, in order, until at most {@code keep} are waiting. */
    private void drain(int keep) throws IOException {
        while (pending.size() > keep) {
            try {
                out.write(pending.poll().get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while compressing");
            } catch (ExecutionException e) {
                throw new IOException("compressing a layer failed: " + e.getCause(), e.getCause());
            }
        }
    }

    private static byte[] deflate(byte[] data, byte[] dict, int level, boolean last) {
        Deflater d = new Deflater(level, true);
        try {
            if (dict != null) {
                d.setDictionary(dict);
            }
            d.setInput(data);
            ByteArrayOutputStream piece = new ByteArrayOutputStream(data.length / 2 + 64);
            byte[] buf = new byte[64 * 1024];
            if (last) {
                d.finish();
                while (!d.finished()) {
                    int n = d.deflate(buf);
                    piece.write(buf, 0, n);
                }
            } else {
                int n;
                do {
                    n = d.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
                    piece.write(buf, 0, n);
                } while (n == buf.length);
            }
            return piece.toByteArray();
        } finally {
            d.end();
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            submit(true);
            drain(0);
            long c = crc.getValue();
            long n = uncompressed & 0xffffffffL;
            out.write(new byte[] {
                    (byte) c, (byte) (c >> 8), (byte) (c >> 16), (byte) (c >> 24),
                    (byte) n, (byte) (n >> 8), (byte) (n >> 16), (byte) (n >> 24)});
            out.close();
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }
}
