package dev.lading.dockerfile;

import java.util.Optional;

/** One name of an ARG instruction, with its default value as written (quotes kept), if any. */
public record ArgDeclaration(String name, Optional<String> defaultValue) {
    public ArgDeclaration {
        defaultValue = defaultValue == null ? Optional.empty() : defaultValue;
    }
}
