package dev.lading.cli;

/** A failure reported to the user as one message, with the exit code DESIGN.md assigns (2 usage, 3 runtime). */
public class CliException extends RuntimeException {
    public static final int FINDINGS = 1;
    public static final int USAGE = 2;
    public static final int RUNTIME = 3;

    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    public static CliException usage(String message) {
        return new CliException(USAGE, message);
    }

    public static CliException runtime(String message) {
        return new CliException(RUNTIME, message);
    }
}
