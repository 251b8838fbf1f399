package dev.lading.lint.compose;

/** A compose file that is not YAML, or not shaped like a compose file; with 1-based line and column. */
public final class ComposeParseException extends Exception {
    private final String problem;
    private final int line;
    private final int column;

    public ComposeParseException(String problem, int line, int column) {
        super(line + ":" + column + ": " + problem);
        this.problem = problem;
        this.line = Math.max(1, line);
        this.column = Math.max(1, column);
    }

    public String problem() {
        return problem;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
