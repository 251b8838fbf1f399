package dev.lading.oci.content;

import java.io.IOException;

/** Content did not match the digest or size that named it: the source is corrupt or lying. Nothing was stored. */
public class DigestMismatchException extends IOException {
    public DigestMismatchException(String message) {
        super(message);
    }
}
