package dev.lading.cli;

import dev.lading.oci.ImageReference;
import dev.lading.oci.content.ContentReader;
import dev.lading.oci.content.ContentWriter;

/** oci-archive: and docker-archive: transports. */
final class Archives {
    private Archives() {
    }

    static ContentReader ociArchiveReader(ImageReference.OciArchive ref) {
        throw CliException.runtime("not wired yet");
    }

    static ContentReader dockerArchiveReader(ImageReference.DockerArchive ref) {
        throw CliException.runtime("not wired yet");
    }

    static ContentWriter ociArchiveWriter(ImageReference.OciArchive ref) {
        throw CliException.runtime("not wired yet");
    }

    static ContentWriter dockerArchiveWriter(ImageReference.DockerArchive ref) {
        throw CliException.runtime("not wired yet");
    }
}
