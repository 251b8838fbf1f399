package dev.lading.oci.layer;

/**
 * Numeric ownership of a layer entry. Layers carry numbers only, never user or group names,
 * because names resolve differently on every host and inside every image.
 */
public record Owner(long uid, long gid) {
    public static final Owner ROOT = new Owner(0, 0);
    /** The largest id a Linux uid_t/gid_t can hold ((uid_t) -1 is reserved for "unchanged"). */
    public static final long MAX_ID = 0xFFFFFFFEL;

    public Owner {
        if (uid < 0 || gid < 0 || uid > MAX_ID || gid > MAX_ID) {
            throw new IllegalArgumentException("uid and gid must be in 0.." + MAX_ID + ": " + uid + ":" + gid);
        }
    }

    @Override
    public String toString() {
        return uid + ":" + gid;
    }
}
