package dev.lading.build;

import dev.lading.oci.layer.ContentSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A layer entry's content read from a file on disk: the path lets {@link ContentHashes} remember its digest.
 * {@code stat} is what {@link ContentHashes#stat} made of the lstat the context walk already did (null: not known).
 * {@code inode} is the file's device and inode when other hardlinks share them (else null), for {@link Hardlinks}.
 */
record FileContent(Path path, ContentHashes.Stat stat, Object inode) implements ContentSource {
    FileContent(Path path) {
        this(path, null, null);
    }

    @Override
    public InputStream open() throws IOException {
        return Files.newInputStream(path);
    }
}
