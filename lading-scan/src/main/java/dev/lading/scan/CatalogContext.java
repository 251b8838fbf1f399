package dev.lading.scan;

import java.util.Optional;
import java.util.function.Consumer;

/** What a cataloger reads: the image's final files, its distro, and where to report what it had to skip. */
public record CatalogContext(ImageFiles files, Optional<Distro> distro, Consumer<String> warnings) {

    public void warn(String message) {
        warnings.accept(message);
    }
}
