package dev.lading.cli;

import dev.lading.oci.DockerReference;
import dev.lading.oci.content.ContentReader;
import dev.lading.oci.content.ContentWriter;
import dev.lading.registry.CertsDirectories;
import dev.lading.registry.CredentialProvider;
import dev.lading.registry.CredentialStore;
import dev.lading.registry.Credentials;
import dev.lading.registry.HostEnvironment;
import dev.lading.registry.RegistriesConf;
import dev.lading.registry.RegistryContent;
import dev.lading.registry.RegistryException;
import dev.lading.registry.RegistryHosts;
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

    @Option(names = "--cert-dir", paramLabel = "DIR",
            description = "Use the certificates in DIR (*.crt CAs, NAME.cert with NAME.key client certificates) for every registry, "
                    + "instead of the per-registry certs.d directories (~/.config/containers/certs.d, /etc/containers/certs.d, "
                    + "/etc/docker/certs.d, or the roots in $LADING_CERTS_DIR).")
    Path certDir;

    @Option(names = "--registries-conf", paramLabel = "FILE",
            description = "registries.conf to read mirrors, insecure and blocked registries, short-name aliases and "
                    + "unqualified-search-registries from "
                    + "(default: $CONTAINERS_REGISTRIES_CONF, then podman's user and system files).")
    Path registriesConf;

    private RegistryHosts hosts;

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

    /** registries.conf and certs.d, as podman and skopeo read them, with this command's overrides. */
    RegistryHosts hosts() throws IOException {
        if (hosts == null) {
            HostEnvironment env = HostEnvironment.system();
            RegistriesConf conf = registriesConf != null ? RegistriesConf.load(List.of(requireFile(registriesConf)))
                    : RegistriesConf.system(env);
            CertsDirectories certs = certDir != null ? CertsDirectories.single(requireDirectory(certDir)) : CertsDirectories.system(env);
            hosts = new RegistryHosts(conf, certs, tlsVerify);
        }
        return hosts;
    }

    /** The options for one registry (a login, a ping): the command's, plus what the host configuration says. */
    RegistryOptions options(String registryHost) throws IOException {
        return hosts().optionsFor(new DockerReference(registryHost, "probe", "latest", null), options());
    }

    private static Path requireFile(Path file) {
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw CliException.usage("--registries-conf: no such file " + file);
        }
        return file;
    }

    private static Path requireDirectory(Path dir) {
        if (!java.nio.file.Files.isDirectory(dir)) {
            throw CliException.usage("--cert-dir: no such directory " + dir);
        }
        return dir;
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
        return hosts().openForPull(ref, credentials(), options());
    }

    /**
     * A pull of {@code ref}, which the user wrote as {@code written} (null: not known to be a short name). A short
     * name is resolved by registries.conf; which registry it came from is printed on stderr.
     */
    ContentReader reader(DockerReference ref, String written) throws IOException {
        return hosts().openForPull(written, ref, credentials(), options(), line -> System.err.println("lading: " + line));
    }

    /** A push: a short name means docker.io, as in podman (registries.conf's search registries are for pulls). */
    ContentWriter writer(DockerReference ref) throws IOException {
        return hosts().openForPush(ref, credentials(), options());
    }

    /**
     * The repository's tags through an already open registry reader (one HTTP client and token per command),
     * or an empty list when the registry won't list them (inspect still shows the image).
     */
    static List<String> listTags(ContentReader reader) throws IOException {
        RegistryContent registry = RegistryContent.of(reader).orElse(null);
        if (registry == null) {
            return List.of();
        }
        try {
            return registry.client().listTags(registry.reference().repository());
        } catch (RegistryException e) {
            return List.of();
        }
    }
}
