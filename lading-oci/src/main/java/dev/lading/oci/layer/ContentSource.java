package dev.lading.oci.layer;

import java.io.IOException;
import java.io.InputStream;

/**
 * Where a file entry's bytes come from. A source is opened only while its entry is being written,
 * so a layer of many large files never holds more than one open file and one copy buffer.
 */
@FunctionalInterface
public interface ContentSource {
    InputStream open() throws IOException;
}
