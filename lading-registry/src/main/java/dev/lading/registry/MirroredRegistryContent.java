package dev.lading.registry;

import dev.lading.oci.Descriptor;
import dev.lading.oci.DockerReference;
import dev.lading.oci.content.ContentReader;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * One image reference pulled through the sources registries.conf lists for it: each mirror in order, then the
 * registry itself. The first source that resolves the reference serves the whole pull (its manifests and blobs
 * agree with each other, and every blob is still verified against its digest); a source that is down or lacks the
 * image is passed over, as podman does.
 */
final class MirroredRegistryContent implements ContentReader {

    @FunctionalInterface
    interface Opener {
        RegistryContent open(RegistriesConf.PullSource source) throws IOException;
    }

    private final DockerReference reference;
    private final List<RegistriesConf.PullSource> sources;
    private final Opener opener;
    private RegistryContent chosen;

    MirroredRegistryContent(DockerReference reference, List<RegistriesConf.PullSource> sources, Opener opener) {
        this.reference = reference;
        this.sources = List.copyOf(sources);
        this.opener = opener;
    }

    /** The source that served the image; resolves first if needed. */
    synchronized RegistryContent chosen() throws IOException {
        if (chosen == null) {
            resolve();
        }
        return chosen;
    }

    @Override
    public synchronized Descriptor resolve() throws IOException {
        if (chosen != null) {
            return chosen.resolve();
        }
        List<String> failures = new ArrayList<>();
        Exception last = null;
        for (RegistriesConf.PullSource s : sources) {
            try {
                RegistryContent content = opener.open(s);
                Descriptor root = content.resolve();
                chosen = content;
                return root;
            } catch (IOException | RegistryException e) {
                last = e;
                failures.add((s.mirror() ? "mirror " : "") + s.reference() + ": " + e.getMessage());
            }
        }
        RegistriesConf.PullSource primary = sources.get(sources.size() - 1);
        int status = last instanceof RegistryException r ? r.status() : 0;
        throw new RegistryException(primary.reference().registry(), primary.reference().repository(), status, List.of(),
                "image " + reference + " could not be pulled from any of its " + sources.size() + " sources (mirrors from registries.conf,"
                        + " then the registry): " + String.join("; ", failures), last);
    }

    @Override
    public byte[] fetchManifest(Descriptor descriptor) throws IOException {
        return chosen().fetchManifest(descriptor);
    }

    @Override
    public InputStream openBlob(Descriptor descriptor) throws IOException {
        return chosen().openBlob(descriptor);
    }

    @Override
    public void close() throws IOException {
        RegistryContent c;
        synchronized (this) {
            c = chosen;
        }
        if (c != null) {
            c.close();
        }
    }

    @Override
    public String toString() {
        return "MirroredRegistryContent[" + reference + " via " + sources + "]";
    }
}
