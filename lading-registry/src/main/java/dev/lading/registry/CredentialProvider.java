package dev.lading.registry;

import java.io.IOException;

/** Looks up the credentials for a registry host (e.g. {@code docker.io}, {@code ghcr.io}, {@code localhost:5000}). */
@FunctionalInterface
public interface CredentialProvider {

    Credentials credentialsFor(String registry) throws IOException;

    static CredentialProvider anonymous() {
        return registry -> Credentials.anonymous();
    }

    static CredentialProvider of(Credentials credentials) {
        return registry -> credentials;
    }
}
