package dev.lading.cli;

import dev.lading.oci.DockerReference;
import dev.lading.oci.ImageReference;
import dev.lading.oci.OciException;
import dev.lading.oci.content.ContentReader;
import dev.lading.oci.content.ContentWriter;
import dev.lading.oci.layout.OciLayout;
import dev.lading.oci.layout.Store;

import java.io.IOException;
import java.util.Map;

/**
 * Opens the reader or writer behind an image reference, whatever its transport. A bare {@code repo:tag}
 * reads from the local store when the store has that name (as podman does) and from the registry otherwise;
 * {@code docker://} always means the registry and {@code store:} always the store.
 *
 * <p>A bare short name ({@code alpine}, {@code team/app:1}: no registry host) pulled from a registry is resolved by
 * registries.conf as podman does (aliases, unqualified-search-registries, short-name-mode; see
 * {@link dev.lading.registry.RegistriesConf#resolveShortName}). {@code docker://alpine} keeps the docker transport's
 * meaning, docker.io, as in skopeo; pushes of short names go to docker.io too.
 */
final class Transports {
    /**
     * The references {@link #parse} made from bare short names, by identity, with the name as written: a parsed
     * reference is already normalised (alpine is docker.io/library/alpine), and only its text tells a short name
     * from a qualified one. A reference made any other way is treated as qualified, which is what lading did before.
     */
    private static final Map<DockerReference, String> SHORT_NAMES =
            java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());

    private final Map<String, String> env;
    private final RegistryFlags registry;
    private Store store;

    Transports(Map<String, String> env, RegistryFlags registry) {
        this.env = env;
        this.registry = registry;
    }

    Store store() throws IOException {
        if (store == null) {
            store = Store.open(Store.defaultHome(env));
        }
        return store;
    }

    /** Resolves a bare registry reference to the store if the store has that name. */
    ImageReference forReading(ImageReference ref) throws IOException {
        if (ref instanceof ImageReference.Registry r && !r.explicit()
                && store().layout().find(Store.refName(r.ref())).isPresent()) {
            return new ImageReference.Store(r.ref());
        }
        return ref;
    }

    ContentReader reader(ImageReference ref) throws IOException {
        return switch (forReading(ref)) {
            case ImageReference.Store s -> {
                if (store().layout().find(Store.refName(s.name())).isEmpty()) {
                    throw new OciException("no image " + s.name() + " in the local store " + store().layout().root()
                            + " (list it with `lading images`, or pull it with `lading copy docker://" + s.name() + " store:" + s.name() + "`)");
                }
                yield store().layout().reader(Store.refName(s.name()));
            }
            case ImageReference.OciLayoutDir o -> OciLayout.open(o.dir()).reader(o.reference());
            case ImageReference.Registry r -> registry.reader(r.ref(), SHORT_NAMES.get(r.ref()));
            case ImageReference.OciArchive a -> Archives.ociArchiveReader(a);
            case ImageReference.DockerArchive a -> Archives.dockerArchiveReader(a);
        };
    }

    ContentWriter writer(ImageReference ref) throws IOException {
        return switch (ref) {
            case ImageReference.Store s -> store().layout().writer(Store.refName(s.name()));
            case ImageReference.OciLayoutDir o -> {
                if (o.reference() != null && o.reference().startsWith("sha256:")) {
                    throw CliException.usage("a destination layout reference must be a name, not a digest: " + ref.display());
                }
                yield OciLayout.createOrOpen(o.dir()).writer(o.reference());
            }
            case ImageReference.Registry r -> registry.writer(r.ref());
            case ImageReference.OciArchive a -> Archives.ociArchiveWriter(a);
            case ImageReference.DockerArchive a -> Archives.dockerArchiveWriter(a);
        };
    }

    static ImageReference parse(String text) {
        try {
            ImageReference ref = ImageReference.parse(text);
            if (ref instanceof ImageReference.Registry r && !r.explicit() && dev.lading.registry.RegistriesConf.isShortName(text)) {
                SHORT_NAMES.put(r.ref(), text.strip());
            }
            return ref;
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
    }

    static DockerReference parseDocker(String text) {
        try {
            return DockerReference.parse(text);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
    }
}
