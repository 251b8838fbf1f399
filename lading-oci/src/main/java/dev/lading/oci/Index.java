package dev.lading.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An image index (OCI) or manifest list (Docker): one manifest per platform. Also the shape of an OCI layout's index.json. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"schemaVersion", "mediaType", "artifactType", "manifests", "subject", "annotations"})
public record Index(
        @JsonProperty("schemaVersion") int schemaVersion,
        @JsonProperty("mediaType") String mediaType,
        @JsonProperty("artifactType") String artifactType,
        @JsonProperty("manifests") List<Descriptor> manifests,
        @JsonProperty("subject") Descriptor subject,
        @JsonProperty("annotations") Map<String, String> annotations) {

    public Index {
        manifests = manifests == null ? List.of() : List.copyOf(manifests);
    }

    public static Index oci(List<Descriptor> manifests) {
        return new Index(2, MediaType.OCI_INDEX, null, manifests, null, null);
    }

    public static Index parse(byte[] raw) {
        Index index = OciJson.readIndex(raw);
        if (index.schemaVersion != 2) {
            throw new OciException("unsupported index schemaVersion " + index.schemaVersion);
        }
        return index;
    }

    public byte[] toJson() {
        return OciJson.write(this);
    }

    public Index withManifests(List<Descriptor> newManifests) {
        return new Index(schemaVersion, mediaType, artifactType, newManifests, subject, annotations);
    }

    // Written out rather than generated, as in Digest: no classes spun at run time for the first comparison.
    @Override
    public boolean equals(Object o) {
        return o instanceof Index i && schemaVersion == i.schemaVersion && java.util.Objects.equals(mediaType, i.mediaType)
                && java.util.Objects.equals(artifactType, i.artifactType) && manifests.equals(i.manifests)
                && java.util.Objects.equals(subject, i.subject) && java.util.Objects.equals(annotations, i.annotations);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(schemaVersion, mediaType, artifactType, manifests, subject, annotations);
    }

    /** The first manifest for the wanted platform (attestation manifests, platform unknown/unknown, never match). */
    public Optional<Descriptor> forPlatform(Platform wanted) {
        return manifests.stream().filter(d -> wanted.matches(d.platform())).findFirst();
    }
}
