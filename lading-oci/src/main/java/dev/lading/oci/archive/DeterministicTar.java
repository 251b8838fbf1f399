package dev.lading.oci.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Writes tar entries with nothing from the host in them: mtime 0, uid/gid 0, empty user and group names,
 * modes 0644/0755. The caller decides the order (sorted), so the same content always gives the same bytes.
 *
 * <p>Headers are encoded here rather than by commons-compress because its PAX and GNU long-name entries take the
 * JVM user's name, which would make the bytes depend on who ran the build. Names that do not fit ustar get a PAX
 * {@code path} record; sizes of 8 GiB and more use the base-256 encoding that Go's archive/tar (docker, skopeo),
 * GNU tar and commons-compress all read.
 */
final class DeterministicTar {
    private static final int BLOCK = 512;
    private static final long MAX_OCTAL_SIZE = 077777777777L;

    private final OutputStream out;

    /** {@code out} is written to but never closed. */
    DeterministicTar(OutputStream out) {
        this.out = out;
    }

    void directory(String name) throws IOException {
        header(name.endsWith("/") ? name : name + "/", '5', 0, 0755);
    }

    void file(String name, byte[] data) throws IOException {
        header(name, '0', data.length, 0644);
        out.write(data);
        pad(data.length);
    }

    /** Copies {@code source}, which must still be {@code size} bytes long (it is a spooled, verified blob). */
    void file(String name, Path source, long size) throws IOException {
        try (InputStream in = Files.newInputStream(source, LinkOption.NOFOLLOW_LINKS)) {
            file(name, in, size);
        }
    }

    /** Copies exactly {@code size} bytes of {@code in}; a stream that ends early or runs long is an error. */
    void file(String name, InputStream in, long size) throws IOException {
        header(name, '0', size, 0644);
        byte[] buf = new byte[64 * 1024];
        long copied = 0;
        int n;
        while ((n = in.read(buf)) >= 0) {
            if (copied + n > size) {
                throw new IOException(name + " grew while it was being archived (more than " + size + " bytes)");
            }
            out.write(buf, 0, n);
            copied += n;
        }
        if (copied != size) {
            throw new IOException(name + " shrank while it was being archived (" + copied + " of " + size + " bytes)");
        }
        pad(size);
    }

    /** Writes the two zero blocks that end an archive. */
    void finish() throws IOException {
        out.write(new byte[2 * BLOCK]);
        out.flush();
    }

    private void header(String name, char type, long size, int mode) throws IOException {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        byte[] h = new byte[BLOCK];
        if (nameBytes.length <= 100) {
            System.arraycopy(nameBytes, 0, h, 0, nameBytes.length);
        } else if (!splitUstar(nameBytes, h)) {
            writePaxPath(name, nameBytes);
            byte[] truncated = Arrays.copyOf(nameBytes, 100);
            System.arraycopy(truncated, 0, h, 0, 100);
        }
        octal(h, 100, 8, mode);
        octal(h, 108, 8, 0);
        octal(h, 116, 8, 0);
        if (size <= MAX_OCTAL_SIZE) {
            octal(h, 124, 12, size);
        } else {
            h[124] = (byte) 0x80;
            for (int i = 0; i < 8; i++) {
                h[135 - i] = (byte) (size >>> (8 * i));
            }
        }
        octal(h, 136, 12, 0);
        h[156] = (byte) type;
        byte[] magic = "ustar\u000000".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(magic, 0, h, 257, magic.length);
        checksum(h);
        out.write(h);
    }

    /** ustar's prefix field: the name split at a '/' into at most 155 + 100 bytes. */
    private static boolean splitUstar(byte[] name, byte[] h) {
        for (int i = Math.min(155, name.length - 1); i > 0; i--) {
            if (name[i] == '/' && name.length - i - 1 <= 100 && name.length - i - 1 > 0) {
                System.arraycopy(name, i + 1, h, 0, name.length - i - 1);
                System.arraycopy(name, 0, h, 345, i);
                return true;
            }
        }
        return false;
    }

    private void writePaxPath(String name, byte[] nameBytes) throws IOException {
        // A record's length counts its own digits: iterate until the length is stable.
        int base = " path=\n".length() + nameBytes.length;
        int len = base + String.valueOf(base).length();
        while (len != base + String.valueOf(len).length()) {
            len = base + String.valueOf(len).length();
        }
        byte[] record = (len + " path=" + name + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] h = new byte[BLOCK];
        byte[] paxName = "PaxHeaders/entry".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(paxName, 0, h, 0, paxName.length);
        octal(h, 100, 8, 0644);
        octal(h, 108, 8, 0);
        octal(h, 116, 8, 0);
        octal(h, 124, 12, record.length);
        octal(h, 136, 12, 0);
        h[156] = 'x';
        byte[] magic = "ustar\u000000".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(magic, 0, h, 257, magic.length);
        checksum(h);
        out.write(h);
        out.write(record);
        pad(record.length);
    }

    private static void octal(byte[] h, int off, int len, long value) {
        String digits = Long.toOctalString(value);
        int width = len - 1;
        String padded = "0".repeat(Math.max(0, width - digits.length())) + digits;
        byte[] b = padded.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, off, width);
        h[off + width] = 0;
    }

    private static void checksum(byte[] h) {
        Arrays.fill(h, 148, 156, (byte) ' ');
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        String digits = Long.toOctalString(sum);
        byte[] b = ("0".repeat(Math.max(0, 6 - digits.length())) + digits).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, 148, 6);
        h[154] = 0;
        h[155] = ' ';
    }

    private void pad(long size) throws IOException {
        int rem = (int) (size % BLOCK);
        if (rem != 0) {
            out.write(new byte[BLOCK - rem]);
        }
    }
}
