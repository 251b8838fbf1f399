package dev.lading.oci.archive;

import java.util.Arrays;

/**
 * Compression formats recognised by their first bytes. docker-archive manifests carry no media types and
 * {@code docker load} accepts compressed archives, so the bytes are the only truth about what a file is.
 */
enum Magic {
    GZIP(0x1f, 0x8b),
    ZSTD(0x28, 0xb5, 0x2f, 0xfd),
    BZIP2('B', 'Z', 'h'),
    XZ(0xfd, '7', 'z', 'X', 'Z', 0);

    /** How many leading bytes {@link #of} needs. */
    static final int LENGTH = 6;

    private final byte[] prefix;

    Magic(int... bytes) {
        prefix = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            prefix[i] = (byte) bytes[i];
        }
    }

    /** The compression {@code head} (the first bytes of a file) starts with, or null for none of these. */
    static Magic of(byte[] head) {
        for (Magic m : values()) {
            if (head.length >= m.prefix.length && Arrays.equals(head, 0, m.prefix.length, m.prefix, 0, m.prefix.length)) {
                return m;
            }
        }
        return null;
    }
}
