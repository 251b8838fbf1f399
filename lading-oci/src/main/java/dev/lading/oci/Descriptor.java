package dev.lading.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A content descriptor: what a blob is, its digest and its size. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Descriptor(
        @JsonProperty("mediaType") String mediaType,
        @JsonProperty("digest") Digest digest,
        @JsonProperty("size") long size,
        @JsonProperty("urls") List<String> urls,
        @JsonProperty("annotations") Map<String, String> annotations,
        @JsonProperty("data") String data,
        @JsonProperty("platform") Platform platform,
        @JsonProperty("artifactType") String artifactType) {

    public static final String ANNOTATION_REF_NAME = "org.opencontainers.image.ref.name";

    public Descriptor {
        Objects.requireNonNull(digest, "descriptor digest");
        if (size < 0) {
            throw new IllegalArgumentException("descriptor size is negative: " + size);
        }
    }

    public static Descriptor of(String mediaType, Digest digest, long size) {
        return new Descriptor(mediaType, digest, size, null, null, null, null, null);
    }

    public static Descriptor of(String mediaType, byte[] content) {
        return of(mediaType, Digest.sha256(content), content.length);
    }

    public Descriptor withAnnotations(Map<String, String> newAnnotations) {
        return new Descriptor(mediaType, digest, size, urls, newAnnotations, data, platform, artifactType);
    }

    public Descriptor withPlatform(Platform newPlatform) {
        return new Descriptor(mediaType, digest, size, urls, annotations, data, newPlatform, artifactType);
    }

    public Descriptor withMediaType(String newMediaType) {
        return new Descriptor(newMediaType, digest, size, urls, annotations, data, platform, artifactType);
    }

    public String annotation(String key) {
        return annotations == null ? null : annotations.get(key);
    }
}
