package dev.lading.dockerfile;

/** Something BuildKit accepts but warns about (for example an empty line inside a continuation). */
public record ParseWarning(String message, SourceRange range) {
}
