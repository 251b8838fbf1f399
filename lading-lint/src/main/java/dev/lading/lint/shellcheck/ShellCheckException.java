package dev.lading.lint.shellcheck;

/** ShellCheck could not be run, or said something that is not its JSON output. */
public final class ShellCheckException extends Exception {
    public ShellCheckException(String message) {
        super(message);
    }

    public ShellCheckException(String message, Throwable cause) {
        super(message, cause);
    }
}
