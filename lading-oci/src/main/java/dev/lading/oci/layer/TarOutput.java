package dev.lading.oci.layer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A minimal POSIX.1-2001 (PAX) tar encoder.
 *
 * <p>Written by hand rather than with commons-compress' TarArchiveOutputStream because a layer's digest is
 * its identity: every header byte must be a function of the entry alone. The library fills user names from
 * the JVM's {@code user.name} in places and encodes PAX values as text, which loses binary xattrs such as
 * {@code security.capability}. Here the USTAR header is used whenever a value fits, and a PAX extended
 * header (named like Go's archive/tar does, without a pid) carries what does not: long or non-ASCII names,
 * long link names, ids and sizes beyond the octal fields, out-of-range mtimes, and xattrs.
 */
public final class TarOutput {
    static final int BLOCK = 512;
    private static final long MAX_OCTAL_7 = 07777777L;
    private static final long MAX_OCTAL_11 = 077777777777L;

    private final OutputStream out;
    private final byte[] buffer = new byte[64 * 1024];

    public TarOutput(OutputStream out) {
        this.out = out;
    }

    /** Writes the header(s) of one entry; for files the caller then calls {@link #writeContent}. */
    public void putEntry(LayerEntry e, long mtime) throws IOException {
        String name = e.tarName();
        Map<String, byte[]> pax = new LinkedHashMap<>();
        if (!fitsUstar(name)) {
            pax.put("path", utf8(name));
        }
        String link = e.linkTarget() == null ? "" : e.linkTarget();
        if (!fitsUstar(link)) {
            pax.put("linkpath", utf8(link));
        }
        if (e.size() > MAX_OCTAL_11) {
            pax.put("size", utf8(Long.toString(e.size())));
        }
        if (e.uid() > MAX_OCTAL_7) {
            pax.put("uid", utf8(Long.toString(e.uid())));
        }
        if (e.gid() > MAX_OCTAL_7) {
            pax.put("gid", utf8(Long.toString(e.gid())));
        }
        if (mtime < 0 || mtime > MAX_OCTAL_11) {
            pax.put("mtime", utf8(Long.toString(mtime)));
        }
        e.xattrs().forEach((k, v) -> pax.put("SCHILY.xattr." + k, v));

        if (!pax.isEmpty()) {
            byte[] records = paxRecords(pax);
            byte[] header = header(paxHeaderName(name), 'x', 0644, 0, 0, records.length, clampMtime(mtime), "", 0, 0);
            out.write(header);
            out.write(records);
            pad(records.length);
        }
        out.write(header(name, e.type().typeflag(), e.mode(), e.uid(), e.gid(), e.size(), mtime, link,
                e.devMajor(), e.devMinor()));
    }

    /** Copies exactly {@code size} bytes; a source that is shorter or longer than declared is an error. */
    public void writeContent(String path, InputStream in, long size) throws IOException {
        long remaining = size;
        while (remaining > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
            if (n < 0) {
                throw new IOException("content of '" + path + "' ended after " + (size - remaining) + " of " + size
                        + " declared bytes (did the file change while the layer was written?)");
            }
            out.write(buffer, 0, n);
            remaining -= n;
        }
        if (size > 0 && in.read() >= 0) {
            throw new IOException("content of '" + path + "' is longer than its declared " + size
                    + " bytes (did the file change while the layer was written?)");
        }
        pad(size);
    }

    /** The end-of-archive marker: two zero blocks. */
    public void finish() throws IOException {
        out.write(new byte[2 * BLOCK]);
    }

    private void pad(long size) throws IOException {
        int rest = (int) (size % BLOCK);
        if (rest != 0) {
            out.write(new byte[BLOCK - rest]);
        }
    }

    private static boolean fitsUstar(String s) {
        if (s.length() > 100) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                return false; // USTAR fields are ASCII; PAX carries UTF-8 unambiguously
            }
        }
        return true;
    }

    private static long clampMtime(long mtime) {
        return Math.max(0, Math.min(mtime, MAX_OCTAL_11));
    }

    /** Go's convention "dir/PaxHeaders.0/base": deterministic, unlike GNU tar's pid-based name. */
    private static String paxHeaderName(String name) {
        String trimmed = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        int slash = trimmed.lastIndexOf('/');
        String dir = slash < 0 ? "" : trimmed.substring(0, slash + 1);
        return asciiTruncated(dir + "PaxHeaders.0/" + trimmed.substring(slash + 1));
    }

    /** The USTAR fallback for a name carried in PAX: ASCII-only and at most 100 bytes. */
    private static String asciiTruncated(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), 100));
        for (int i = 0; i < s.length() && b.length() < 100; i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
                i++;
            }
            b.append(c < 0x80 ? c : '_');
        }
        return b.toString();
    }

    private static byte[] paxRecords(Map<String, byte[]> pax) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> r : pax.entrySet()) {
            byte[] key = utf8(r.getKey());
            // "<len> <key>=<value>\n" where <len> counts its own digits too
            int rest = 1 + key.length + 1 + r.getValue().length + 1;
            int len = rest + Integer.toString(rest).length();
            if (Integer.toString(len).length() != Integer.toString(rest).length()) {
                len = rest + Integer.toString(len).length();
            }
            all.write(utf8(Integer.toString(len)));
            all.write(' ');
            all.write(key);
            all.write('=');
            all.write(r.getValue());
            all.write('\n');
        }
        return all.toByteArray();
    }

    private static byte[] header(String name, char typeflag, int mode, long uid, long gid, long size, long mtime,
                                 String link, int devMajor, int devMinor) {
        byte[] h = new byte[BLOCK];
        putString(h, 0, 100, fitsUstar(name) ? name : asciiTruncated(name));
        putOctal(h, 100, 8, mode);
        putOctal(h, 108, 8, uid > MAX_OCTAL_7 ? 0 : uid);
        putOctal(h, 116, 8, gid > MAX_OCTAL_7 ? 0 : gid);
        putOctal(h, 124, 12, size > MAX_OCTAL_11 ? 0 : size);
        putOctal(h, 136, 12, clampMtime(mtime));
        Arrays.fill(h, 148, 156, (byte) ' ');
        h[156] = (byte) typeflag;
        putString(h, 157, 100, fitsUstar(link) ? link : asciiTruncated(link));
        putString(h, 257, 6, "ustar\0");
        putString(h, 263, 2, "00");
        // uname (265..297) and gname (297..329) stay empty: numeric ids only, nothing from the host
        putOctal(h, 329, 8, devMajor);
        putOctal(h, 337, 8, devMinor);
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        // six octal digits, NUL, space: what GNU tar and Go write (the sum of 512 bytes fits in six digits)
        putOctal(h, 148, 7, sum);
        h[155] = ' ';
        return h;
    }

    /** The characters of an ASCII string (as {@link #fitsUstar} or {@link #asciiTruncated} make sure), at most len. */
    private static void putString(byte[] h, int off, int len, String s) {
        int n = Math.min(s.length(), len);
        for (int i = 0; i < n; i++) {
            h[off + i] = (byte) s.charAt(i);
        }
    }

    /**
     * Zero-padded octal in len-1 digits and a NUL, as GNU tar and Go write numeric fields. Written digit by digit:
     * this runs for every entry of every layer, and formatting through strings made it the most expensive method
     * the JIT compiled in a build (seconds of C2 time for String.format's inlined machinery).
     */
    static void putOctal(byte[] h, int off, int len, long value) {
        if (value < 0 || (len - 1 < 21 && value >>> (3 * (len - 1)) != 0)) {
            throw new IllegalStateException("value " + value + " does not fit a " + len + "-byte tar field");
        }
        long v = value;
        for (int i = off + len - 2; i >= off; i--) {
            h[i] = (byte) ('0' + (v & 7));
            v >>>= 3;
        }
        h[off + len - 1] = 0;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
