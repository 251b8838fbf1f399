package dev.lading.dockerfile.shell;

/** A word the shell lexer cannot process: an unterminated quote, a bad {@code ${…}}, a {@code ${V:?msg}} that fired. */
public final class ShellSyntaxException extends Exception {
    public ShellSyntaxException(String message) {
        super(message, null, false, false);
    }
}
