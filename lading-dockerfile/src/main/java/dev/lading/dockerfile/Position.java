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

    // equals and hashCode by hand: a record's own go through method handles, which the quick JIT (lint runs on
    // it) calls slowly, and linting hashes positions for every finding

    @Override
    public boolean equals(Object o) {
        return o instanceof Position p && p.line == line && p.column == column;
    }

    @Override
    public int hashCode() {
        return 31 * line + column;
    }

    @Override
    public String toString() {
        return line + ":" + column;
    }
}
