package dev.lading.cli;

import dev.lading.oci.FileTrees;
import dev.lading.oci.Descriptor;
import dev.lading.oci.DockerReference;
import dev.lading.oci.ImageReference;
import dev.lading.oci.archive.DockerArchive;
import dev.lading.oci.archive.OciArchive;
import dev.lading.oci.content.ContentReader;
import dev.lading.oci.content.ContentWriter;
import dev.lading.oci.layout.OciLayout;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** oci-archive: and docker-archive: transports, on top of lading-oci's archive readers and writers. */
final class Archives {
    private Archives() {
    }

    static ContentReader dockerArchiveReader(ImageReference.DockerArchive ref) throws IOException {
        return DockerArchive.open(ref.file(), selection(ref));
    }

    static ContentWriter dockerArchiveWriter(ImageReference.DockerArchive ref) throws IOException {
        DockerReference tag = null;
        if (ref.reference() != null) {
            if (ref.reference().startsWith("@")) {
                throw CliException.usage(ref.display() + ": @N selects an image to read; to write, give name:tag or nothing");
            }
            tag = Transports.parseDocker(ref.reference());
        }
        return DockerArchive.create(ref.file(), tag);
    }

    private static DockerArchive.Selection selection(ImageReference.DockerArchive ref) {
        try {
            return DockerArchive.Location.parse(ref.file() + (ref.reference() == null ? "" : ":" + ref.reference())).selection();
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
    }

    /** Unpacks the archive into a temp layout (verified, safe names only) and reads from there. */
    static ContentReader ociArchiveReader(ImageReference.OciArchive ref) throws IOException {
        if (!Files.isRegularFile(ref.file())) {
            throw CliException.runtime("no such oci-archive: " + ref.file());
        }
        Path dir = Files.createTempDirectory("lading-oci-archive-");
        Path layoutDir = dir.resolve("layout");
        try {
            OciArchive.extract(ref.file(), layoutDir);
        } catch (IOException | RuntimeException e) {
            FileTrees.delete(dir);
            throw e;
        }
        ContentReader inner = OciLayout.open(layoutDir).reader(ref.reference());
        return new ContentReader() {
            @Override
            public Descriptor resolve() throws IOException {
                return inner.resolve();
            }

            @Override
            public byte[] fetchManifest(Descriptor descriptor) throws IOException {
                return inner.fetchManifest(descriptor);
            }

            @Override
            public InputStream openBlob(Descriptor descriptor) throws IOException {
                return inner.openBlob(descriptor);
            }

            @Override
            public void close() throws IOException {
                FileTrees.delete(dir);
            }
        };
    }

    /** Writes into a temp layout beside the destination; on commit, packs it into the archive atomically. */
    static ContentWriter ociArchiveWriter(ImageReference.OciArchive ref) throws IOException {
        Path parent = ref.file().toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path dir = Files.createTempDirectory(parent, ".lading-oci-archive-");
        OciLayout layout = OciLayout.createOrOpen(dir);
        ContentWriter inner = layout.writer(ref.reference());
        return new ContentWriter() {
            @Override
            public boolean hasBlob(Descriptor descriptor) throws IOException {
                return inner.hasBlob(descriptor);
            }

            @Override
            public void writeBlob(Descriptor descriptor, InputStream content) throws IOException {
                inner.writeBlob(descriptor, content);
            }

            @Override
            public void writeManifest(Descriptor descriptor, byte[] raw) throws IOException {
                inner.writeManifest(descriptor, raw);
            }

            @Override
            public void commit(Descriptor root, byte[] raw) throws IOException {
                inner.commit(root, raw);
                inner.close();
                // the layout's lock files and temp dir are lading's bookkeeping, not part of the archive
                for (String f : new String[]{".lading-gc.lock", ".lading-index.lock"}) {
                    Files.deleteIfExists(dir.resolve(f));
                }
                FileTrees.delete(dir.resolve(".lading-tmp"));
                OciArchive.pack(dir, ref.file());
            }

            @Override
            public void close() throws IOException {
                inner.close();
                FileTrees.delete(dir);
            }
        };
    }
}
