package dev.lading.build.sandbox;

import dev.lading.build.IdMapping;

import java.util.List;

/** Which ids a sandbox can give a RUN, from who lading runs as and what /etc/subuid grants. */
public enum IdMode {
    /** lading runs as root: no user namespace, every id is itself on disk. */
    IDENTITY,
    /** Rootless with a subordinate range (and newuidmap): 0 is the own uid, 1..N the range. */
    SUBORDINATE,
    /** Rootless without a usable range: only container uid/gid 0 exists, as the own uid/gid. */
    SINGLE;

    /** The mapping this mode gives for {@code host}. */
    public IdMapping mapping(HostIds host) {
        return switch (this) {
            case IDENTITY -> IdMapping.identity();
            case SINGLE -> IdMapping.single(0, host.uid());
            case SUBORDINATE -> {
                HostIds.Range r = host.subuid().orElseThrow();
                yield new IdMapping(List.of(new IdMapping.Range(0, host.uid(), 1), new IdMapping.Range(1, r.start(), r.count())));
            }
        };
    }

    /** Shown by {@code lading doctor}. */
    public String describe(HostIds host) {
        return switch (this) {
            case IDENTITY -> "identity (running as root: ids on disk are the ids in the image)";
            case SUBORDINATE -> {
                HostIds.Range r = host.subuid().orElseThrow();
                yield "subordinate range (0 -> " + host.uid() + ", 1.." + r.count() + " -> " + r.start() + ".."
                        + (r.start() + r.count() - 1) + ")";
            }
            case SINGLE -> "single id (0 -> " + host.uid() + "; RUN as another USER works, but its files are owned by "
                    + "root in the layer and chown to other ids fails: add a range to /etc/subuid and /etc/subgid "
                    + "and install uidmap for full fidelity)";
        };
    }

    /**
     * The best mode {@code host} allows, by configuration only (Sandboxes confirms it by trying). Subordinate ranges
     * are used only when uid and gid ranges are the same, because {@link IdMapping} has one set of ranges for both.
     */
    public static IdMode forHost(HostIds host, boolean newuidmapInstalled) {
        if (host.root()) {
            return IDENTITY;
        }
        if (newuidmapInstalled && host.uid() == host.gid() && host.subuid().isPresent()
                && host.subuid().equals(host.subgid())) {
            return SUBORDINATE;
        }
        return SINGLE;
    }
}
