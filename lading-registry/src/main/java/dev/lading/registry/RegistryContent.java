package dev.lading.registry;

import dev.lading.oci.Descriptor;
import dev.lading.oci.Digest;
import dev.lading.oci.DockerReference;
import dev.lading.oci.content.BlobOpener;
import dev.lading.oci.content.ContentReader;
import dev.lading.oci.content.ContentWriter;
import dev.lading.oci.content.DigestMismatchException;
import dev.lading.oci.content.VerifyingInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** One image reference in a registry, as a {@link ContentReader} (pull) and a {@link ContentWriter} (push). */
public final class RegistryContent implements ContentReader, ContentWriter {

    private final RegistryClient client;
    private final DockerReference reference;
    private final boolean ownsClient;
    /**
     * Blobs {@link #hasBlob} found missing and no write has sent yet: the copy that asked writes them next, so the
     * upload does not ask the registry the same question again (one HEAD per blob instead of two).
     */
    private final Set<Digest> missing = ConcurrentHashMap.newKeySet();

    /** Content through a client the caller owns (and closes): closing this content leaves the client open. */
    public RegistryContent(RegistryClient client, DockerReference reference) {
        this(client, reference, false);
    }

    private RegistryContent(RegistryClient client, DockerReference reference, boolean ownsClient) {
        this.ownsClient = ownsClient;
        this.client = Objects.requireNonNull(client, "client");
        this.reference = Objects.requireNonNull(reference, "reference");
        if (!client.registry().equals(reference.registry())) {
            throw new IllegalArgumentException("reference " + reference + " is not on registry " + client.registry());
        }
    }

    public static RegistryContent open(DockerReference reference, CredentialProvider credentials, RegistryOptions options) throws IOException {
        return new RegistryContent(RegistryClient.forReference(reference, credentials, options), reference, true);
    }

    /**
     * The registry content behind a reader that reads from a registry (directly or through a mirror that
     * registries.conf names: then the source that served the image), or empty for other transports.
     */
    public static java.util.Optional<RegistryContent> of(ContentReader reader) throws IOException {
        if (reader instanceof RegistryContent r) {
            return java.util.Optional.of(r);
        }
        if (reader instanceof MirroredRegistryContent m) {
            return java.util.Optional.of(m.chosen());
        }
        return java.util.Optional.empty();
    }

    public RegistryClient client() {
        return client;
    }

    public DockerReference reference() {
        return reference;
    }

    private String repository() {
        return reference.repository();
    }

    @Override
    public Descriptor resolve() throws IOException {
        String ref = reference.referenceForPull();
        return client.headManifest(repository(), ref).orElseThrow(() -> new RegistryException(client.registry(), repository(), 404,
                List.of(new RegistryException.ErrorDetail("MANIFEST_UNKNOWN", "manifest unknown")),
                "image " + reference + " not found: the registry has no manifest for " + ref));
    }

    @Override
    public byte[] fetchManifest(Descriptor descriptor) throws IOException {
        FetchedManifest m = client.getManifest(repository(), descriptor.digest().toString());
        VerifyingInputStream.checkBytes(m.raw(), descriptor, "manifest of " + reference);
        return m.raw();
    }

    @Override
    public InputStream openBlob(Descriptor descriptor) throws IOException {
        return client.openBlob(repository(), descriptor);
    }

    @Override
    public boolean hasBlob(Descriptor descriptor) throws IOException {
        boolean exists = client.blobExists(repository(), descriptor.digest());
        if (!exists) {
            missing.add(descriptor.digest());
        }
        return exists;
    }

    /** The registry validated this manifest's blobs when it was pushed, so its presence vouches for them. */
    @Override
    public boolean hasManifest(Descriptor manifest) throws IOException {
        return client.headManifest(repository(), manifest.digest().toString()).isPresent();
    }

    /** Uploads the blob; asks the registry first whether it has it, unless {@link #hasBlob} just said it has not. */
    @Override
    public void writeBlob(Descriptor descriptor, InputStream content) throws IOException {
        if (missing.remove(descriptor.digest())) {
            client.uploadBlob(repository(), descriptor, content);
        } else {
            client.pushBlob(repository(), descriptor, content);
        }
    }

    /** Content that can be reopened lets a monolithic upload start over after a dropped connection or a 5xx. */
    @Override
    public void writeBlob(Descriptor descriptor, BlobOpener content) throws IOException {
        if (missing.remove(descriptor.digest())) {
            client.uploadBlob(repository(), descriptor, content);
        } else {
            client.pushBlob(repository(), descriptor, content);
        }
    }

    /** Mounts from another repository of the same registry instead of sending the blob again. */
    @Override
    public boolean tryMountBlob(Descriptor descriptor, ContentReader source) throws IOException {
        if (source instanceof RegistryContent other
                && other.reference.registry().equals(reference.registry())
                && !other.repository().equals(repository())) {
            return client.mountBlob(repository(), descriptor.digest(), other.repository());
        }
        return false;
    }

    @Override
    public void writeManifest(Descriptor descriptor, byte[] raw) throws IOException {
        VerifyingInputStream.checkBytes(raw, descriptor, "manifest to push to " + reference);
        client.putManifest(repository(), descriptor.digest().toString(), descriptor.mediaType(), raw);
    }

    /** PUT by tag (or by digest when the reference has only a digest, which must then be the root's). */
    @Override
    public void commit(Descriptor root, byte[] raw) throws IOException {
        VerifyingInputStream.checkBytes(raw, root, "manifest to push to " + reference);
        if (reference.digest() != null && !reference.digest().equals(root.digest())) {
            throw new DigestMismatchException("cannot push " + root.digest() + " as " + reference + ": the reference names another digest");
        }
        String target = reference.tag() != null ? reference.tag() : root.digest().toString();
        client.putManifest(repository(), target, root.mediaType(), raw);
    }

    /**
     * Closes the client when this content opened it ({@link #open}): its connections and selector thread go, and
     * blob streams it handed out end with it.
     */
    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }

    @Override
    public String toString() {
        return "RegistryContent[" + reference + "]";
    }
}
