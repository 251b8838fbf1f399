package dev.lading.oci.content;

import java.io.IOException;
import java.io.InputStream;

/**
 * Opens a blob's bytes from their start, as often as asked: a destination that must send a blob again after a
 * failure (a registry upload whose connection broke) reopens it instead of needing the bytes kept in memory.
 */
@FunctionalInterface
public interface BlobOpener {
    InputStream open() throws IOException;
}
