package dev.lading.lint.rules;

import java.util.Locale;
import java.util.Optional;

/**
 * The parts of a FROM image reference that rules judge: {@code [registry/]repo[:tag][@digest]}.
 *
 * @param registry the registry host when the first path component looks like one (has a dot or a port, or is
 *                 {@code localhost}); empty for Docker Hub short names
 */
record ImageRef(Optional<String> registry, String repository, Optional<String> tag, Optional<String> digest) {

    static ImageRef parse(String ref) {
        String rest = ref;
        Optional<String> digest = Optional.empty();
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = Optional.of(rest.substring(at + 1));
            rest = rest.substring(0, at);
        }
        Optional<String> tag = Optional.empty();
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = Optional.of(rest.substring(colon + 1));
            rest = rest.substring(0, colon);
        }
        Optional<String> registry = Optional.empty();
        int slash = rest.indexOf('/');
        if (slash > 0) {
            String first = rest.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                registry = Optional.of(first.toLowerCase(Locale.ROOT));
            }
        }
        return new ImageRef(registry, rest, tag, digest);
    }

    boolean isScratch() {
        return repository.equals("scratch") && tag.isEmpty() && digest.isEmpty();
    }

    boolean pinnedByDigest() {
        return digest.isPresent() && digest.get().startsWith("sha256:");
    }
}
