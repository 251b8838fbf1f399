package dev.lading.dockerfile;

/**
 * A place in a Dockerfile: 1-based line and 1-based column (counted in UTF-16 code units of the line
 * as read, after a leading byte-order mark is dropped).
 */
public record Position(int line, int column) implements Comparable<Position> {
    public Position {
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column are 1-based: " + line + ":" + column);
        }
    }

    @Override
    public int compareTo(Position o) {
        return line != o.line ? Integer.compare(line, o.line) : Integer.compare(column, o.column);
    }

    @Override
    public String toString() {
        return line + ":" + column;
    }
}
