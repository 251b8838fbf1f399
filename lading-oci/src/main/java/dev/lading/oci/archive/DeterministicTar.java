package dev.lading.oci.archive;

import dev.lading.oci.layer.LayerEntry;
import dev.lading.oci.layer.TarOutput;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Archive entries with nothing from the host in them: mtime 0, uid/gid 0, empty user and group names,
 * modes 0644/0755. The caller decides the order (sorted), so the same content always gives the same bytes.
 * Headers come from the layer writer's {@link TarOutput}, the one tar encoder lading has.
 */
final class DeterministicTar {
    private final TarOutput tar;

    /** {@code out} is written to but never closed. */
    DeterministicTar(OutputStream out) {
        this.tar = new TarOutput(out);
    }

    void directory(String name) throws IOException {
        String clean = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        tar.putEntry(LayerEntry.directory(clean, 0755), 0);
    }

    void file(String name, byte[] data) throws IOException {
        file(name, new ByteArrayInputStream(data), data.length);
    }

    /** Copies {@code source}, which must still be {@code size} bytes long (it is a spooled, verified blob). */
    void file(String name, Path source, long size) throws IOException {
        try (InputStream in = Files.newInputStream(source, LinkOption.NOFOLLOW_LINKS)) {
            file(name, in, size);
        }
    }

    /** Copies exactly {@code size} bytes of {@code in}; a stream that ends early or runs long is an error. */
    void file(String name, InputStream in, long size) throws IOException {
        tar.putEntry(LayerEntry.file(name, 0644, size, () -> in), 0);
        tar.writeContent(name, in, size);
    }

    void finish() throws IOException {
        tar.finish();
    }
}
