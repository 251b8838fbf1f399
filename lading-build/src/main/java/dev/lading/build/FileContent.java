package dev.lading.build;

import dev.lading.oci.layer.ContentSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** A layer entry's content read from a file on disk: the path lets {@link ContentHashes} remember its digest. */
record FileContent(Path path) implements ContentSource {
    @Override
    public InputStream open() throws IOException {
        return Files.newInputStream(path);
    }
}
