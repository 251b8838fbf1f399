package dev.lading.oci.layer;

/**
 * Numeric ownership of a layer entry. Layers carry numbers only, never user or group names,
 * because names resolve differently on every host and inside every image.
 */
public record Owner(long uid, long gid) {
    public static final Owner ROOT = new Owner(0, 0);

    public Owner {
        if (uid < 0 || gid < 0) {
            throw new IllegalArgumentException("uid and gid must not be negative: " + uid + ":" + gid);
        }
    }

    @Override
    public String toString() {
        return uid + ":" + gid;
    }
}
