package dev.lading.cli;

import dev.lading.oci.DockerReference;
import dev.lading.oci.content.ContentReader;
import dev.lading.oci.content.ContentWriter;
import dev.lading.registry.CredentialProvider;
import dev.lading.registry.CredentialStore;
import dev.lading.registry.Credentials;
import dev.lading.registry.HostEnvironment;
import dev.lading.registry.RegistryContent;
import dev.lading.registry.RegistryException;
import dev.lading.registry.RegistryOptions;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Options for talking to registries, shared by every command that may. */
final class RegistryFlags {
    @Option(names = "--tls-verify", negatable = true, paramLabel = "BOOL", arity = "0..1", fallbackValue = "true",
            description = "Verify TLS certificates (default: true). --tls-verify=false also allows plain HTTP. "
                    + "Registries on localhost/127.0.0.1 always use plain HTTP.")
    Boolean tlsVerify;

    @Option(names = "--authfile", paramLabel = "FILE",
            description = "Credentials file (default: $REGISTRY_AUTH_FILE, then containers auth.json, then ~/.docker/config.json).")
    Path authFile;

    @Option(names = "--creds", paramLabel = "USER[:PASSWORD]", description = "Credentials for the registry, instead of the auth files.")
    String creds;

    @Option(names = "--ca-file", paramLabel = "PEM", description = "Extra CA certificates to trust (repeatable).")
    List<Path> caFiles;

    RegistryOptions options() {
        RegistryOptions o = RegistryOptions.defaults();
        if (tlsVerify != null && !tlsVerify) {
            o = o.withTlsVerify(false);
        }
        if (caFiles != null && !caFiles.isEmpty()) {
            o = o.withCaCertificates(caFiles);
        }
        return o;
    }

    HostEnvironment environment() {
        HostEnvironment system = HostEnvironment.system();
        if (authFile == null) {
            return system;
        }
        Map<String, String> vars = new HashMap<>(system.variables());
        vars.put("REGISTRY_AUTH_FILE", authFile.toAbsolutePath().toString());
        return new HostEnvironment(vars, system.home());
    }

    CredentialStore credentialStore() {
        return new CredentialStore(environment());
    }

    CredentialProvider credentials() {
        if (creds != null) {
            int colon = creds.indexOf(':');
            if (colon <= 0) {
                throw CliException.usage("--creds wants USER:PASSWORD");
            }
            return CredentialProvider.of(Credentials.basic(creds.substring(0, colon), creds.substring(colon + 1)));
        }
        return credentialStore();
    }

    ContentReader reader(DockerReference ref) throws IOException {
        return RegistryContent.open(ref, credentials(), options());
    }

    ContentWriter writer(DockerReference ref) throws IOException {
        return RegistryContent.open(ref, credentials(), options());
    }

    /**
     * The repository's tags through an already open registry reader (one HTTP client and token per command),
     * or an empty list when the registry won't list them (inspect still shows the image).
     */
    static List<String> listTags(ContentReader reader) throws IOException {
        if (!(reader instanceof RegistryContent registry)) {
            return List.of();
        }
        try {
            return registry.client().listTags(registry.reference().repository());
        } catch (RegistryException e) {
            return List.of();
        }
    }
}
