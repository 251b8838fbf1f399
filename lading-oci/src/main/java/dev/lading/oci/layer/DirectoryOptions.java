package dev.lading.oci.layer;

import java.util.Map;

/**
 * How {@link LayerEntries#fromDirectory} maps a host directory to layer entries.
 *
 * <p>{@code fixedOwner} replaces every file's uid/gid (the reproducible default is 0:0, because a build
 * host's ids mean nothing in the image); {@code null} keeps the numeric ids found on disk.
 * {@code owners} overrides single paths (layer paths, e.g. {@code "app/data"}) after that, as
 * {@code COPY --chown} needs. {@code readXattrs} copies {@code user.*} extended attributes (the only
 * namespace Java can read); it is off by default because desktops tag files with host-specific xattrs.
 */
public record DirectoryOptions(Owner fixedOwner, Map<String, Owner> owners, boolean readXattrs) {

    public DirectoryOptions {
        owners = owners == null ? Map.of() : Map.copyOf(owners);
    }

    /** Everything owned by 0:0, no xattrs. */
    public static DirectoryOptions defaults() {
        return new DirectoryOptions(Owner.ROOT, Map.of(), false);
    }

    /** Numeric ids as they are on disk. */
    public static DirectoryOptions preserveIds() {
        return new DirectoryOptions(null, Map.of(), false);
    }

    public DirectoryOptions withOwner(Owner owner) {
        return new DirectoryOptions(owner, owners, readXattrs);
    }

    public DirectoryOptions withOwners(Map<String, Owner> pathOwners) {
        return new DirectoryOptions(fixedOwner, pathOwners, readXattrs);
    }

    public DirectoryOptions withXattrs(boolean read) {
        return new DirectoryOptions(fixedOwner, owners, read);
    }
}
