package dev.lading.scan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * An rpm header as the rpm database stores it (the header of the package file without its 8-byte magic):
 * {@code il} and {@code dl} (big-endian int32), {@code il} index entries of 16 bytes (tag, type, offset, count),
 * then a data store of {@code dl} bytes the offsets point into. Only string and int32 values are read, which is
 * all the catalog needs; every offset is checked against the data store.
 */
record RpmHeader(Map<Integer, Object> values) {
    static final int NAME = 1000;
    static final int VERSION = 1001;
    static final int RELEASE = 1002;
    static final int EPOCH = 1003;
    static final int VENDOR = 1011;
    static final int LICENSE = 1014;
    static final int ARCH = 1022;
    static final int SOURCERPM = 1044;

    private static final int INT32 = 4;
    private static final int STRING = 6;
    private static final int STRING_ARRAY = 8;
    private static final int I18NSTRING = 9;
    /** rpm's own limits on a header (lib/header.c: hdrchkTags, hdrchkData). */
    private static final int MAX_TAGS = 0xffff;
    private static final int MAX_DATA = 256 << 20;

    static RpmHeader parse(byte[] blob) throws IOException {
        if (blob.length < 8) {
            throw new IOException("an rpm header of " + blob.length + " bytes");
        }
        long il = u32(blob, 0);
        long dl = u32(blob, 4);
        if (il < 1 || il > MAX_TAGS || dl > MAX_DATA || 8 + 16 * il + dl > blob.length) {
            throw new IOException("an rpm header claiming " + il + " tags and " + dl + " data bytes in " + blob.length + " bytes");
        }
        int data = (int) (8 + 16 * il);
        int end = (int) (data + dl);
        Map<Integer, Object> values = new HashMap<>();
        for (int i = 0; i < il; i++) {
            int e = 8 + 16 * i;
            int tag = (int) u32(blob, e);
            long type = u32(blob, e + 4);
            long offset = u32(blob, e + 8);
            long count = u32(blob, e + 12);
            if (tag < NAME || tag > SOURCERPM || offset >= dl) {
                continue; // tags the catalog does not use (signatures, file lists, regions) are not looked at
            }
            int at = (int) (data + offset);
            if (type == STRING || type == STRING_ARRAY || type == I18NSTRING) {
                // arrays: the first string (I18N: the untranslated C locale one)
                int nul = at;
                while (nul < end && blob[nul] != 0) {
                    nul++;
                }
                if (nul >= end) {
                    throw new IOException("tag " + tag + ": a string that runs past the data");
                }
                values.put(tag, new String(blob, at, nul - at, StandardCharsets.UTF_8));
            } else if (type == INT32 && count >= 1) {
                if (at + 4L > end) {
                    throw new IOException("tag " + tag + ": an integer that runs past the data");
                }
                values.put(tag, u32(blob, at));
            }
        }
        return new RpmHeader(Map.copyOf(values));
    }

    String string(int tag) {
        return values.get(tag) instanceof String s && !s.isEmpty() ? s : null;
    }

    Long integer(int tag) {
        return values.get(tag) instanceof Long l ? l : null;
    }

    private static long u32(byte[] b, int at) {
        return ((long) (b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }
}
