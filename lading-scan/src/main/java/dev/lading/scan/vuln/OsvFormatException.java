package dev.lading.scan.vuln;

/** An OSV record that cannot be read; the message names the file (or zip entry) and the field. */
public final class OsvFormatException extends Exception {
    public OsvFormatException(String message) {
        super(message);
    }

    public OsvFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
