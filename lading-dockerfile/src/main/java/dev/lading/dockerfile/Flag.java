package dev.lading.dockerfile;

import java.util.Optional;

/**
 * A builder flag such as {@code --platform=linux/amd64} or {@code --link}, as written before the
 * instruction's arguments. {@code name} excludes the dashes; {@code value} is empty when no {@code =} was
 * given. Quotes and backslash escapes in the flag word have been removed as BuildKit does.
 */
public record Flag(String name, Optional<String> value, SourceRange range) {
    public Flag {
        value = value == null ? Optional.empty() : value;
    }

    /** The flag as canonical source text: {@code --name} or {@code --name=value}. */
    public String text() {
        return value.map(v -> "--" + name + "=" + v).orElse("--" + name);
    }
}
