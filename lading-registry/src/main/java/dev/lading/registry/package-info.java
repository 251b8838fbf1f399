/**
 * The OCI distribution client.
 *
 * <ul>
 *   <li>{@link dev.lading.registry.RegistryClient}: one registry host; manifests, blobs (streamed, verified,
 *       resumable downloads; monolithic, chunked and mounted uploads), tags, referrers.</li>
 *   <li>{@link dev.lading.registry.RegistryContent}: one image reference as a ContentReader/ContentWriter.</li>
 *   <li>{@link dev.lading.registry.CredentialStore}: credentials where podman, skopeo and docker keep them
 *       (auth.json, config.json, credential helpers), login and logout.</li>
 *   <li>{@link dev.lading.registry.RegistryOptions} and {@link dev.lading.registry.RetryPolicy}: TLS (extra CAs,
 *       client certificates), chunking, limits, retries.</li>
 *   <li>{@link dev.lading.registry.RegistryHosts}: per-registry configuration as podman reads it,
 *       {@link dev.lading.registry.RegistriesConf} (mirrors, locations, insecure, blocked) and
 *       {@link dev.lading.registry.CertsDirectories} (certs.d CAs and client certificates).</li>
 * </ul>
 *
 * Everything else (HTTP transport, authentication challenges and token cache, credential helper protocol)
 * is package-private.
 */
package dev.lading.registry;
