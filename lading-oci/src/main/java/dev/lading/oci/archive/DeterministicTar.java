package dev.lading.oci.archive;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

/**
 * Writes tar entries with nothing from the host in them: mtime 0, uid/gid 0, no user or group names,
 * fixed modes. The caller decides the order (sorted), so the same content always gives the same bytes.
 * PAX headers appear only where ustar cannot hold a value (names over 100 bytes, sizes of 8 GiB or more).
 */
final class DeterministicTar implements Closeable {
    private static final FileTime EPOCH = FileTime.fromMillis(0);

    private final TarArchiveOutputStream tar;

    DeterministicTar(OutputStream out) {
        this.tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
    }

    void directory(String name) throws IOException {
        TarArchiveEntry e = entry(name.endsWith("/") ? name : name + "/", TarArchiveEntry.DEFAULT_DIR_MODE);
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
    }

    void file(String name, byte[] data) throws IOException {
        TarArchiveEntry e = entry(name, TarArchiveEntry.DEFAULT_FILE_MODE);
        e.setSize(data.length);
        tar.putArchiveEntry(e);
        tar.write(data);
        tar.closeArchiveEntry();
    }

    /** Copies {@code source}, which must still be {@code size} bytes long (it is a spooled, verified blob). */
    void file(String name, Path source, long size) throws IOException {
        TarArchiveEntry e = entry(name, TarArchiveEntry.DEFAULT_FILE_MODE);
        e.setSize(size);
        tar.putArchiveEntry(e);
        try (InputStream in = Files.newInputStream(source, LinkOption.NOFOLLOW_LINKS)) {
            long copied = in.transferTo(tar);
            if (copied != size) {
                throw new IOException(source + " changed while it was being archived (" + copied + " bytes, expected " + size + ")");
            }
        }
        tar.closeArchiveEntry();
    }

    /** Copies exactly {@code size} bytes of {@code in}; a stream that ends early or runs long is an error. */
    void file(String name, InputStream in, long size) throws IOException {
        TarArchiveEntry e = entry(name, TarArchiveEntry.DEFAULT_FILE_MODE);
        e.setSize(size);
        tar.putArchiveEntry(e);
        long copied = in.transferTo(tar);
        if (copied != size) {
            throw new IOException(name + " changed while it was being archived (" + copied + " bytes, expected " + size + ")");
        }
        tar.closeArchiveEntry();
    }

    /** Writes the end-of-archive blocks; the underlying stream stays open. */
    void finish() throws IOException {
        tar.finish();
    }

    @Override
    public void close() throws IOException {
        tar.close();
    }

    private static TarArchiveEntry entry(String name, int mode) {
        // The constructor fills in the JVM user's name; an archive must not say who built it.
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setMode(mode);
        e.setUserId(0);
        e.setGroupId(0);
        e.setUserName("");
        e.setGroupName("");
        e.setModTime(EPOCH);
        return e;
    }
}
