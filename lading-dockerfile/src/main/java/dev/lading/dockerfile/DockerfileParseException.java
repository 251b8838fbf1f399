package dev.lading.dockerfile;

/**
 * A Dockerfile that BuildKit would reject, or that cannot be read. Carries where (file, 1-based line and
 * column), what ({@link #problem()}) and what to do ({@link #hint()}); {@link #getMessage()} is the one-line
 * {@code FILE:LINE:COL: message} form.
 */
public final class DockerfileParseException extends Exception {
    private final String fileName;
    private final int line;
    private final int column;
    private final String problem;
    private final String hint;

    public DockerfileParseException(String fileName, int line, int column, String problem, String hint) {
        super(fileName + ":" + line + ":" + column + ": " + problem, null, false, false);
        this.fileName = fileName;
        this.line = line;
        this.column = column;
        this.problem = problem;
        this.hint = hint == null ? "" : hint;
    }

    public DockerfileParseException(String fileName, Position at, String problem, String hint) {
        this(fileName, at.line(), at.column(), problem, hint);
    }

    public String fileName() {
        return fileName;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** What is wrong, without the location. */
    public String problem() {
        return problem;
    }

    /** One line on how to fix it; empty when there is nothing useful to add. */
    public String hint() {
        return hint;
    }
}
