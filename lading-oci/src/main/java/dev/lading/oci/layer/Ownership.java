package dev.lading.oci.layer;

/**
 * The ownership and permission bits a layer asked for, kept when extraction could not apply them on disk
 * (rootless extraction cannot chown; an unprivileged process cannot set setgid for a foreign group).
 * A rootless builder persists these and applies them when it writes the files back into a layer, so
 * {@code /etc/shadow} stays 0:42 0640 in the image even though the extractor's copy belongs to the user.
 */
public record Ownership(long uid, long gid, int mode) {
    @Override
    public String toString() {
        return uid + ":" + gid + " " + String.format("%04o", mode);
    }
}
