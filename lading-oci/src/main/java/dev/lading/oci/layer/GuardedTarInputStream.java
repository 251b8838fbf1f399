package dev.lading.oci.layer;

import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * commons-compress' tar reader with a bound on metadata entries. The library reads PAX headers and GNU
 * long names/links into memory whole, so a hostile tar declaring a multi-gigabyte PAX header would exhaust
 * the heap before any entry limit could apply. Every header record passes through {@link #readRecord()},
 * which is where the declared size of such metadata entries is checked before the library reads them.
 */
final class GuardedTarInputStream extends TarArchiveInputStream {
    /** Far above any real PAX header (a few xattrs and a 4 KiB path), far below a memory problem. */
    static final long MAX_METADATA_SIZE = 1 << 20;

    private final Counting counting;
    private boolean sawEndMarker;

    GuardedTarInputStream(InputStream in) {
        this(new Counting(in));
    }

    private GuardedTarInputStream(Counting counting) {
        super(counting, "UTF-8");
        this.counting = counting;
    }

    /** Whether the tar's end-of-archive zero block was read (a tar cut at an entry boundary lacks it). */
    boolean sawEndMarker() {
        return sawEndMarker;
    }

    @Override
    protected byte[] readRecord() throws IOException {
        byte[] record = super.readRecord();
        if (record == null && counting.count % 512 != 0) {
            // the library reports a short header read as a clean end of archive; it is a truncated tar
            throw new IOException("the tar ends in the middle of a header (" + counting.count + " bytes in total)");
        }
        if (record != null && isEOFRecord(record)) {
            sawEndMarker = true;
        }
        if (record != null && record.length >= 512) {
            byte type = record[156];
            if ((type == 'x' || type == 'X' || type == 'g' || type == 'L' || type == 'K') && checksumMatches(record)) {
                long size = declaredSize(record);
                if (size > MAX_METADATA_SIZE) {
                    throw new IOException("a tar metadata header (type '" + (char) type + "') declares " + size
                            + " bytes, more than the " + MAX_METADATA_SIZE + " allowed");
                }
            }
        }
        return record;
    }

    /** Only real headers are checked: old GNU sparse extension records also pass through readRecord. */
    private static boolean checksumMatches(byte[] h) {
        long sum = 0;
        for (int i = 0; i < 512; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : h[i] & 0xff;
        }
        long stored = 0;
        for (int i = 148; i < 156; i++) {
            byte b = h[i];
            if (b >= '0' && b <= '7') {
                stored = stored * 8 + (b - '0');
            } else if (stored != 0 || (b != ' ' && b != 0)) {
                break;
            }
        }
        return stored == sum;
    }

    /** The size field: octal, or GNU base-256 (high bit set), which for metadata is absurd anyway. */
    private static long declaredSize(byte[] h) {
        if ((h[124] & 0x80) != 0) {
            return Long.MAX_VALUE;
        }
        long v = 0;
        for (int i = 124; i < 136; i++) {
            byte b = h[i];
            if (b == 0 || b == ' ') {
                if (v != 0) {
                    break;
                }
                continue;
            }
            if (b < '0' || b > '7') {
                return Long.MAX_VALUE; // not a valid header; let the library report it, but never read it whole
            }
            v = v * 8 + (b - '0');
            if (v > (1L << 40)) {
                return Long.MAX_VALUE;
            }
        }
        return v;
    }

    private static final class Counting extends FilterInputStream {
        long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = in.skip(n);
            count += Math.max(0, skipped);
            return skipped;
        }
    }
}
