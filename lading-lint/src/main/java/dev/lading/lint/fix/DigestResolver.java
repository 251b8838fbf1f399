package dev.lading.lint.fix;

import java.io.IOException;

/**
 * Finds the digest an image tag points to now, for pinning FROM lines. The linter does not talk to registries
 * itself; the caller (the CLI) passes one backed by its registry client, with its credentials.
 */
@FunctionalInterface
public interface DigestResolver {
    /**
     * @param image a reference as written in a FROM line, with a tag and without a digest ({@code debian:12})
     * @return the digest of the manifest or index the tag points to, {@code sha256:<64 hex>}
     * @throws IOException when the registry cannot be reached, refuses, or does not have the tag; the message
     *                     says which
     */
    String resolve(String image) throws IOException;
}
