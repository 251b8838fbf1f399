package dev.lading.dockerfile;

/**
 * A comment line. {@code text} is what follows the {@code #}, trimmed; {@code line} is its 1-based line.
 * Lint pragmas such as {@code # hadolint ignore=DL3008} are read from these.
 */
public record Comment(String text, int line) {
}
