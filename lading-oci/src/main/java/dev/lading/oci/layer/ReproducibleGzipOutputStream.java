package dev.lading.oci.layer;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * A gzip writer whose header is a constant: mtime 0, no file name, OS byte 255 ("unknown", as Go writes it).
 * {@link java.util.zip.GZIPOutputStream} cannot take a level and has written different OS bytes in different
 * JDK releases, which would change layer digests across JDK upgrades.
 */
final class ReproducibleGzipOutputStream extends DeflaterOutputStream {
    private final CRC32 crc = new CRC32();
    private long uncompressed;
    private boolean closed;

    ReproducibleGzipOutputStream(OutputStream out, int level) throws IOException {
        super(out, new Deflater(level, true), 64 * 1024);
        int xfl = level == Deflater.BEST_COMPRESSION ? 2 : level == Deflater.BEST_SPEED ? 4 : 0;
        out.write(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, (byte) xfl, (byte) 0xff});
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        super.write(b, off, len);
        crc.update(b, off, len);
        uncompressed += len;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            finish();
            long c = crc.getValue();
            long n = uncompressed & 0xffffffffL;
            out.write(new byte[] {
                    (byte) c, (byte) (c >> 8), (byte) (c >> 16), (byte) (c >> 24),
                    (byte) n, (byte) (n >> 8), (byte) (n >> 16), (byte) (n >> 24)});
            out.close();
        } finally {
            def.end(); // a Deflater we created is not ended by DeflaterOutputStream: free its native memory
        }
    }
}
