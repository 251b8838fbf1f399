package dev.lading.build;

import dev.lading.dockerfile.Instruction;

/** A build failure the user can act on; the message names the Dockerfile, line and instruction where one applies. */
public class BuildException extends RuntimeException {

    public BuildException(String message) {
        super(message);
    }

    public BuildException(String message, Throwable cause) {
        super(message, cause);
    }

    /** "Dockerfile:7: COPY app /app: message", the form compilers use so editors can jump to the line. */
    public static BuildException at(String fileName, Instruction instruction, String message) {
        return new BuildException(where(fileName, instruction) + ": " + message);
    }

    static String where(String fileName, Instruction instruction) {
        return fileName + ":" + instruction.source().range().start().line() + ": " + UrlRedaction.redact(instruction.source().original());
    }
}
