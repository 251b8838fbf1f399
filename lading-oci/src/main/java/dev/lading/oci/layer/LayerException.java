package dev.lading.oci.layer;

import dev.lading.oci.OciException;

/**
 * A layer could not be applied: the tar is corrupt, truncated, hostile or over a limit. The message names
 * the entry (as written in the tar) and what is wrong with it; {@link #entry()} gives the name alone.
 */
public class LayerException extends OciException {
    private final String entry;

    public LayerException(String entry, String message) {
        super(entry == null ? message : "layer entry '" + entry + "': " + message);
        this.entry = entry;
    }

    public LayerException(String entry, String message, Throwable cause) {
        super(entry == null ? message : "layer entry '" + entry + "': " + message, cause);
        this.entry = entry;
    }

    /** The entry name as the tar spells it, or null when the failure is not about one entry. */
    public String entry() {
        return entry;
    }
}
