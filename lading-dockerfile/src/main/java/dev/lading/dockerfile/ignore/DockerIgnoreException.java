package dev.lading.dockerfile.ignore;

/** A .dockerignore Docker would reject (an illegal {@code !} line or a malformed pattern), with its line. */
public final class DockerIgnoreException extends Exception {
    private final String source;
    private final int line;

    public DockerIgnoreException(String source, int line, String message) {
        super(source + ":" + line + ": " + message, null, false, false);
        this.source = source;
        this.line = line;
    }

    public String source() {
        return source;
    }

    public int line() {
        return line;
    }
}
