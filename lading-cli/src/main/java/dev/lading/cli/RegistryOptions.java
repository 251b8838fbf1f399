package dev.lading.cli;

import dev.lading.oci.DockerReference;
import dev.lading.oci.content.ContentReader;
import dev.lading.oci.content.ContentWriter;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

/** Options for talking to registries, shared by every command that may. */
final class RegistryOptions {
    @Option(names = "--tls-verify", negatable = true, paramLabel = "BOOL", arity = "0..1", fallbackValue = "true",
            description = "Verify TLS certificates (default: true; registries on localhost/127.0.0.1 use plain HTTP unless --tls-verify is given).")
    Boolean tlsVerify;

    @Option(names = "--authfile", paramLabel = "FILE", description = "Credentials file (default: $REGISTRY_AUTH_FILE, then containers auth.json, then ~/.docker/config.json).")
    Path authFile;

    @Option(names = "--creds", paramLabel = "USER[:PASSWORD]", description = "Credentials for the registry (instead of the auth files).")
    String creds;

    @Option(names = "--ca-file", paramLabel = "PEM", description = "Extra CA certificates to trust (repeatable).")
    List<Path> caFiles;

    ContentReader reader(DockerReference ref) {
        throw CliException.runtime("registry transport not wired yet");
    }

    ContentWriter writer(DockerReference ref) {
        throw CliException.runtime("registry transport not wired yet");
    }

    List<String> listTags(DockerReference ref) {
        return List.of();
    }
}
