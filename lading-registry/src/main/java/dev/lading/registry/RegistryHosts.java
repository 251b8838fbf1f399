package dev.lading.registry;

import dev.lading.oci.DockerReference;
import dev.lading.oci.content.ContentReader;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Per-registry settings from the containers configuration, so lading works wherever podman and skopeo already do:
 * {@link RegistriesConf} (mirrors, insecure and blocked registries, locations) and {@link CertsDirectories}
 * (private CAs and client certificates). Applied on top of the options the user gave for the whole command;
 * an explicit {@code --tls-verify} wins over {@code insecure = true}, as in skopeo.
 *
 * <pre>{@code
 * RegistryHosts hosts = RegistryHosts.system(HostEnvironment.system());
 * try (ContentReader image = hosts.openForPull(ref, CredentialStore.system(), RegistryOptions.defaults())) { ... }
 * }</pre>
 */
public final class RegistryHosts {

    private final RegistriesConf conf;
    private final CertsDirectories certs;
    private final Boolean tlsVerify;

    /**
     * @param tlsVerify the user's explicit choice, or null to follow {@code insecure} in registries.conf
     */
    public RegistryHosts(RegistriesConf conf, CertsDirectories certs, Boolean tlsVerify) {
        this.conf = Objects.requireNonNull(conf, "conf");
        this.certs = Objects.requireNonNull(certs, "certs");
        this.tlsVerify = tlsVerify;
    }

    /** No host configuration: every registry gets the command's options unchanged. */
    public static RegistryHosts none() {
        return new RegistryHosts(RegistriesConf.empty(), CertsDirectories.none(), null);
    }

    /** registries.conf and certs.d where podman reads them (see {@link RegistriesConf#system}, {@link CertsDirectories#system}). */
    public static RegistryHosts system(HostEnvironment env) throws IOException {
        return new RegistryHosts(RegistriesConf.system(env), CertsDirectories.system(env), null);
    }

    public RegistriesConf registriesConf() {
        return conf;
    }

    public CertsDirectories certsDirectories() {
        return certs;
    }

    /**
     * The options for talking to {@code registry}: {@code base} plus the CAs and client certificates of its certs.d
     * directory (which also means a registry on this machine speaks TLS), and verification off when
     * {@code insecure} and the user did not ask for it explicitly.
     */
    public RegistryOptions optionsFor(String registry, boolean insecure, RegistryOptions base) throws IOException {
        RegistryOptions o = base;
        if (tlsVerify != null) {
            o = o.withTlsVerify(tlsVerify);
        } else if (insecure) {
            o = o.withTlsVerify(false);
        }
        Optional<CertsDirectories.HostCertificates> files = certs.forRegistry(registry);
        if (files.isPresent() && !files.get().isEmpty()) {
            List<java.nio.file.Path> cas = new ArrayList<>(o.caCertificates());
            cas.addAll(files.get().caCertificates());
            List<RegistryOptions.ClientCertificate> clients = new ArrayList<>(o.clientCertificates());
            clients.addAll(files.get().clientCertificates());
            o = o.withCaCertificates(cas).withClientCertificates(clients).withLocalhostTls(true);
        }
        return o;
    }

    /** The options for {@code registry} as a push destination or a login target (no mirrors; insecure and blocked apply). */
    public RegistryOptions optionsFor(DockerReference reference, RegistryOptions base) throws IOException {
        conf.checkNotBlocked(reference);
        return optionsFor(reference.registry(), conf.isInsecure(reference), base);
    }

    /** Opens {@code reference} for pushing: never through a mirror; refused when its registry is blocked. */
    public RegistryContent openForPush(DockerReference reference, CredentialProvider credentials, RegistryOptions base) throws IOException {
        return RegistryContent.open(reference, credentials, optionsFor(reference, base));
    }

    /**
     * Opens {@code reference} for pulling: from its mirrors in order and then its registry's location, using the first
     * that has the image. Refused when its registry is blocked. Without mirrors or a location it is a plain
     * {@link RegistryContent}.
     */
    public ContentReader openForPull(DockerReference reference, CredentialProvider credentials, RegistryOptions base) throws IOException {
        List<RegistriesConf.PullSource> sources = conf.pullSources(reference);
        if (sources.size() == 1) {
            RegistriesConf.PullSource only = sources.get(0);
            return RegistryContent.open(only.reference(), credentials, optionsFor(only.reference().registry(), only.insecure(), base));
        }
        return new MirroredRegistryContent(reference, sources, s -> RegistryContent.open(s.reference(), credentials,
                optionsFor(s.reference().registry(), s.insecure(), base)));
    }

    /**
     * Opens a reference the user wrote as {@code written} for pulling. A short name (no registry host, see
     * {@link RegistriesConf#isShortName}) is resolved by registries.conf ({@link RegistriesConf#resolveShortName}):
     * an alias, or the unqualified-search registries tried in order where "not found" moves on to the next and any
     * other error stops the pull; {@code notice} is told which registry served it. Without aliases or search
     * registries a short name means {@code reference} (Docker Hub) as before, and so does a qualified name.
     */
    public ContentReader openForPull(String written, DockerReference reference, CredentialProvider credentials, RegistryOptions base,
                                     java.util.function.Consumer<String> notice) throws IOException {
        if (written == null || !RegistriesConf.isShortName(written)) {
            return openForPull(reference, credentials, base);
        }
        RegistriesConf.ShortNameResolution resolution = conf.resolveShortName(written, reference);
        if (resolution.how().isEmpty()) {
            return openForPull(reference, credentials, base);
        }
        return MirroredRegistryContent.shortName(resolution, reference, s -> openForPull(s.reference(), credentials, base), notice);
    }

    @Override
    public String toString() {
        return "RegistryHosts[" + conf + ", " + certs + "]";
    }
}
