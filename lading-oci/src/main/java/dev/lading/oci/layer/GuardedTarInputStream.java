package dev.lading.oci.layer;

import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * commons-compress' tar reader, hardened and completed for layers:
 * <ul>
 * <li>a bound on metadata entries: the library reads PAX headers and GNU long names/links into memory whole,
 *     so a tar declaring a multi-gigabyte PAX header would exhaust the heap before any other limit applied.
 *     Every header record passes through {@link #readRecord()}, where the declared size is checked first;</li>
 * <li>a short header read is a truncated tar, not the clean end of archive the library reports;</li>
 * <li>the raw bytes of the PAX header before an entry are kept, because the library decodes PAX values as
 *     UTF-8 text and binary xattrs such as {@code security.capability} would not survive that.</li>
 * </ul>
 */
final class GuardedTarInputStream extends TarArchiveInputStream {
    /** Far above any real PAX header (a few xattrs and a 4 KiB path), far below a memory problem. */
    static final long MAX_METADATA_SIZE = 1 << 20;
    private static final String XATTR = "SCHILY.xattr.";

    private final Counting counting;
    private boolean sawEndMarker;
    /** The PAX data being captured: the stream range [paxStart, paxEnd). */
    private long paxStart = -1;
    private long paxEnd = -1;
    private ByteArrayOutputStream pax;
    /** Offset of the last ordinary (non-metadata) header read, i.e. the current entry's. */
    private long entryHeaderOffset = -1;

    GuardedTarInputStream(InputStream in) {
        this(new Counting(in));
    }

    private GuardedTarInputStream(Counting counting) {
        super(counting, "UTF-8");
        this.counting = counting;
        counting.owner = this;
    }

    /** Whether the tar's end-of-archive zero block was read (a tar cut at an entry boundary lacks it). */
    boolean sawEndMarker() {
        return sawEndMarker;
    }

    /**
     * The {@code SCHILY.xattr.*} records of the current entry's PAX header with their values as raw bytes,
     * or null when the current entry had no PAX header directly before it.
     */
    Map<String, byte[]> rawXattrs() {
        if (pax == null || paxEnd < 0 || entryHeaderOffset != (paxEnd + 511) / 512 * 512 || pax.size() != paxEnd - paxStart) {
            return null;
        }
        return parseXattrs(pax.toByteArray());
    }

    @Override
    protected byte[] readRecord() throws IOException {
        byte[] record = super.readRecord();
        if (record == null && counting.count % 512 != 0) {
            // the library reports a short header read as a clean end of archive; it is a truncated tar
            throw new IOException("the tar ends in the middle of a header (" + counting.count + " bytes in total)");
        }
        if (record == null || record.length < 512) {
            return record;
        }
        if (isEOFRecord(record)) {
            sawEndMarker = true;
            return record;
        }
        if (!checksumMatches(record)) {
            return record; // not a header (old GNU sparse extension records also pass here), or a corrupt one
        }
        byte type = record[156];
        if (type == 'x' || type == 'X' || type == 'g' || type == 'L' || type == 'K') {
            long size = declaredSize(record);
            if (size > MAX_METADATA_SIZE) {
                throw new IOException("a tar metadata header (type '" + (char) type + "') declares " + size
                        + " bytes, more than the " + MAX_METADATA_SIZE + " allowed");
            }
            if (type == 'x' || type == 'X') {
                paxStart = counting.count;
                paxEnd = paxStart + size;
                pax = new ByteArrayOutputStream((int) size);
            }
        } else {
            entryHeaderOffset = counting.count - 512;
        }
        return record;
    }

    /** Called by the counting stream with every byte range it passes on. */
    private void saw(long offset, byte[] b, int off, int n) {
        if (pax == null || offset + n <= paxStart || offset >= paxEnd) {
            return;
        }
        long from = Math.max(offset, paxStart);
        long to = Math.min(offset + n, paxEnd);
        pax.write(b, off + (int) (from - offset), (int) (to - from));
    }

    /** PAX records: "LEN KEY=VALUE\n", where LEN counts the whole record. Malformed input yields what parsed so far. */
    static Map<String, byte[]> parseXattrs(byte[] data) {
        Map<String, byte[]> result = new TreeMap<>();
        int pos = 0;
        while (pos < data.length) {
            int space = pos;
            int len = 0;
            while (space < data.length && data[space] >= '0' && data[space] <= '9' && len < 1 << 24) {
                len = len * 10 + (data[space] - '0');
                space++;
            }
            if (space >= data.length || data[space] != ' ' || len <= space - pos + 1 || pos + len > data.length
                    || data[pos + len - 1] != '\n') {
                break;
            }
            int eq = space + 1;
            while (eq < pos + len && data[eq] != '=') {
                eq++;
            }
            if (eq >= pos + len) {
                break;
            }
            String key = new String(data, space + 1, eq - space - 1, StandardCharsets.UTF_8);
            if (key.startsWith(XATTR)) {
                result.put(key.substring(XATTR.length()), Arrays.copyOfRange(data, eq + 1, pos + len - 1));
            }
            pos += len;
        }
        return result;
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
        GuardedTarInputStream owner;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                owner.saw(count, b, off, n);
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
