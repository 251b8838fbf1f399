package dev.lading.dockerfile;

/**
 * A parser directive ({@code # syntax=…}, {@code # escape=…}, {@code # check=…}) from the top of the file.
 * {@code name} is lower-cased as BuildKit does; {@code value} is trimmed.
 */
public record Directive(String name, String value, SourceRange range) {
}
