package dev.lading.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;
import java.util.Map;

/** An image manifest (OCI image manifest v1 or Docker v2 schema 2: they share this shape). */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"schemaVersion", "mediaType", "artifactType", "config", "layers", "subject", "annotations"})
public record Manifest(
        @JsonProperty("schemaVersion") int schemaVersion,
        @JsonProperty("mediaType") String mediaType,
        @JsonProperty("artifactType") String artifactType,
        @JsonProperty("config") Descriptor config,
        @JsonProperty("layers") List<Descriptor> layers,
        @JsonProperty("subject") Descriptor subject,
        @JsonProperty("annotations") Map<String, String> annotations) {

    public Manifest {
        layers = layers == null ? List.of() : List.copyOf(layers);
    }

    public static Manifest oci(Descriptor config, List<Descriptor> layers, Map<String, String> annotations) {
        return new Manifest(2, MediaType.OCI_MANIFEST, null, config, layers, null, annotations);
    }

    public static Manifest docker(Descriptor config, List<Descriptor> layers) {
        return new Manifest(2, MediaType.DOCKER_MANIFEST, null, config, layers, null, null);
    }

    /** Parses and checks what every consumer relies on: a config and layer descriptors with digests. */
    public static Manifest parse(byte[] raw) {
        Manifest m = OciJson.readManifest(raw);
        if (m.schemaVersion != 2) {
            throw new OciException("unsupported manifest schemaVersion " + m.schemaVersion + " (lading reads schema 2 / OCI manifests)");
        }
        if (m.config == null) {
            throw new OciException("malformed image manifest: no config descriptor");
        }
        return m;
    }

    public byte[] toJson() {
        return OciJson.write(this);
    }

    public long totalLayerSize() {
        return layers.stream().mapToLong(Descriptor::size).sum();
    }
}
