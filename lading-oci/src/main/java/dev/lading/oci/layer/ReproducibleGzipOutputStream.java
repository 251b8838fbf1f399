package dev.lading.oci.layer;

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
 *
 * <p>A block whose data does not compress (already compressed files, random data: a few spread-out samples all
 * shrink by less than {@value #STORE_RATIO_PERCENT}% together) is written as stored deflate blocks instead: deflating it
 * would cost most of the layer's build time to save nothing, and inflating stored blocks is a copy. The choice
 * depends only on the block's bytes, so the output stays reproducible.
 */
final class ReproducibleGzipOutputStream extends OutputStream {
    static final int BLOCK = 1 << 20;
    private static final int DICTIONARY = 32 * 1024;
    private static final int SAMPLES = 16;
    private static final int SAMPLE = 2 * 1024;
    static final int STORE_RATIO_PERCENT = 8;

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
        if (data.length > 0 && incompressible(data)) {
            return stored(data, last);
        }
        Deflater d = new Deflater(level, true);
        try {
            if (dict != null) {
                d.setDictionary(dict);
            }
            d.setInput(data);
            if (last) {
                d.finish();
            }
            // zlib's bound for one block (stored blocks cost 5 bytes per 16 KiB or more), plus the flush marker:
            // the piece is written in one buffer, copied once at the end.
            byte[] piece = new byte[data.length + (data.length >> 12) + (data.length >> 14) + 64];
            int filled = 0;
            while (true) {
                int n = last ? d.deflate(piece, filled, piece.length - filled)
                        : d.deflate(piece, filled, piece.length - filled, Deflater.SYNC_FLUSH);
                filled += n;
                boolean done = last ? d.finished() : filled < piece.length;
                if (done) {
                    break;
                }
                piece = Arrays.copyOf(piece, piece.length * 2);
            }
            return filled == piece.length ? piece : Arrays.copyOf(piece, filled);
        } finally {
            d.end();
        }
    }

    /**
     * {@code data} as stored deflate blocks (RFC 1951 3.2.4: a byte-aligned header, LEN, NLEN, the bytes), the
     * last one final when {@code last}. Every piece before starts and ends on a byte boundary (sync flushes), so
     * stored blocks can follow and precede deflated ones; zlib at level 0 writes the same thing far slower.
     */
    static byte[] stored(byte[] data, boolean last) {
        int max = 65535;
        int blocks = (data.length + max - 1) / max;
        byte[] out = new byte[data.length + 5 * blocks];
        int o = 0;
        for (int off = 0; off < data.length; off += max) {
            int len = Math.min(max, data.length - off);
            out[o++] = (byte) (last && off + len == data.length ? 1 : 0);
            out[o++] = (byte) len;
            out[o++] = (byte) (len >>> 8);
            out[o++] = (byte) ~len;
            out[o++] = (byte) (~len >>> 8);
            System.arraycopy(data, off, out, o, len);
            o += len;
        }
        return out;
    }

    /**
     * Whether {@code data} looks incompressible: {@value #SAMPLES} samples spread over it, deflated at the fastest
     * level, save less than {@value #STORE_RATIO_PERCENT}% together. A tar of already-compressed files saves about 2%
     * (its headers) for 25 ms of CPU per MiB, and a sample that falls on a header saves far more than its share,
     * hence many small samples and some margin; text or binaries save half or more, and a few samples of them
     * are enough to keep the block deflated. Short blocks are always compressed.
     */
    static boolean incompressible(byte[] data) {
        if (data.length < SAMPLES * SAMPLE * 4) {
            return false;
        }
        Deflater probe = new Deflater(Deflater.BEST_SPEED, true);
        try {
            byte[] out = new byte[SAMPLE + SAMPLE / 8 + 64];
            long stride = (data.length - SAMPLE) / (SAMPLES - 1);
            long total = 0;
            for (int i = 0; i < SAMPLES; i++) {
                probe.reset();
                probe.setInput(data, (int) (i * stride), SAMPLE);
                probe.finish();
                int n = 0;
                while (!probe.finished()) {
                    n += probe.deflate(out);
                }
                total += n;
            }
            return total * 100L >= (long) SAMPLES * SAMPLE * (100L - STORE_RATIO_PERCENT);
        } finally {
            probe.end();
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
