package dev.lading.dockerfile;

/**
 * A span of source text. {@code start} is the first character; {@code end} is one past the last
 * non-blank character on the last line the span touches (so "FROM x" at column 1 ends at column 7).
 */
public record SourceRange(Position start, Position end) {
    public SourceRange {
        if (end.compareTo(start) < 0) {
            throw new IllegalArgumentException("range ends before it starts: " + start + "-" + end);
        }
    }

    public static SourceRange of(int startLine, int startColumn, int endLine, int endColumn) {
        return new SourceRange(new Position(startLine, startColumn), new Position(endLine, endColumn));
    }

    /** By hand, as {@link Position#equals}. */
    @Override
    public boolean equals(Object o) {
        return o instanceof SourceRange r && r.start.equals(start) && r.end.equals(end);
    }

    @Override
    public int hashCode() {
        return 31 * start.hashCode() + end.hashCode();
    }

    @Override
    public String toString() {
        return start + "-" + end;
    }
}
