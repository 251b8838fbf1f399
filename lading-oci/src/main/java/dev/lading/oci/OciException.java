package dev.lading.oci;

/** A failure a user can act on: the message names the thing (reference, blob, file) and what went wrong. */
public class OciException extends RuntimeException {
    public OciException(String message) {
        super(message);
    }

    public OciException(String message, Throwable cause) {
        super(message, cause);
    }
}
