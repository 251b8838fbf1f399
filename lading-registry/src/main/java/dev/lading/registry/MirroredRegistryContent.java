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
 *
 * <p>The same walk serves a short name's candidates ({@link #shortName}): each candidate (itself perhaps mirrored)
 * in the order registries.conf gives, but only "not found" moves on to the next one. Any other failure (a registry
 * down, a refused login, a blocked registry) ends the pull with that error, so an outage of the first search
 * registry cannot silently turn a short name into an image from a later one.
 */
final class MirroredRegistryContent implements ContentReader {

    @FunctionalInterface
    interface Opener {
        ContentReader open(RegistriesConf.PullSource source) throws IOException;
    }

    private final DockerReference reference;
    private final List<RegistriesConf.PullSource> sources;
    private final Opener opener;
    private final RegistriesConf.ShortNameResolution shortName;
    private final java.util.function.Consumer<String> notice;
    private ContentReader chosen;

    MirroredRegistryContent(DockerReference reference, List<RegistriesConf.PullSource> sources, Opener opener) {
        this(reference, sources, opener, null, line -> { });
    }

    private MirroredRegistryContent(DockerReference reference, List<RegistriesConf.PullSource> sources, Opener opener,
                                    RegistriesConf.ShortNameResolution shortName, java.util.function.Consumer<String> notice) {
        this.reference = reference;
        this.sources = List.copyOf(sources);
        this.opener = opener;
        this.shortName = shortName;
        this.notice = notice;
    }

    /**
     * A short name pulled from the first of its candidates that has it; {@code notice} is told which one that was.
     * {@code opener} opens one fully qualified candidate (with its mirrors and blocked check).
     */
    static MirroredRegistryContent shortName(RegistriesConf.ShortNameResolution resolution, DockerReference reference,
                                             Opener opener, java.util.function.Consumer<String> notice) {
        List<RegistriesConf.PullSource> candidates = resolution.candidates().stream()
                .map(c -> new RegistriesConf.PullSource(c, false, false)).toList();
        return new MirroredRegistryContent(reference, candidates, opener, resolution, notice);
    }

    /** The registry that served the image; resolves first if needed. */
    synchronized RegistryContent chosen() throws IOException {
        if (chosen == null) {
            resolve();
        }
        return RegistryContent.of(chosen).orElseThrow(() -> new IllegalStateException("not a registry: " + chosen));
    }

    private static boolean notFound(Exception e) {
        return e instanceof RegistryException r
                && (r.isNotFound() || r.hasCode("MANIFEST_UNKNOWN") || r.hasCode("NAME_UNKNOWN"));
    }

    @Override
    public synchronized Descriptor resolve() throws IOException {
        if (chosen != null) {
            return chosen.resolve();
        }
        List<String> failures = new ArrayList<>();
        Exception last = null;
        for (RegistriesConf.PullSource s : sources) {
            ContentReader content = null;
            try {
                content = opener.open(s);
                Descriptor root = content.resolve();
                chosen = content;
                if (shortName != null) {
                    notice.accept("short name " + shortName.shortName() + " resolved to " + s.reference() + " (" + shortName.how() + ")");
                }
                return root;
            } catch (IOException | RegistryException e) {
                if (content != null) {
                    content.close();
                }
                if (shortName != null && !notFound(e)) {
                    throw e;
                }
                last = e;
                failures.add((s.mirror() ? "mirror " : "") + s.reference() + ": " + e.getMessage());
            }
        }
        RegistriesConf.PullSource primary = sources.get(sources.size() - 1);
        int status = last instanceof RegistryException r ? r.status() : 0;
        if (shortName != null) {
            throw new RegistryException(primary.reference().registry(), primary.reference().repository(), status, List.of(),
                    "short name " + shortName.shortName() + (reference.digest() != null ? "@" + reference.digest() : ":" + reference.tag())
                            + " was not found in any of the " + sources.size() + " places registries.conf names for it ("
                            + shortName.how() + "): " + String.join("; ", failures), last);
        }
        throw new RegistryException(primary.reference().registry(), primary.reference().repository(), status, List.of(),
                "image " + reference + " could not be pulled from any of its " + sources.size() + " sources (mirrors from registries.conf,"
                        + " then the registry): " + String.join("; ", failures), last);
    }

    private synchronized ContentReader chosenReader() throws IOException {
        if (chosen == null) {
            resolve();
        }
        return chosen;
    }

    @Override
    public byte[] fetchManifest(Descriptor descriptor) throws IOException {
        return chosenReader().fetchManifest(descriptor);
    }

    @Override
    public InputStream openBlob(Descriptor descriptor) throws IOException {
        return chosenReader().openBlob(descriptor);
    }

    @Override
    public void close() throws IOException {
        ContentReader c;
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
