package dev.lading.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ManifestFieldsTest {

    private static ManifestFields read(String json) throws IOException {
        return ManifestFields.read(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theFieldsOfAManifestWithASubject() throws IOException {
        ManifestFields f = read("""
                {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",
                 "config":{"mediaType":"application/vnd.oci.empty.v1+json","digest":"sha256:aa","size":2},
                 "layers":[{"digest":"sha256:bb","size":1,"annotations":{"x":["y",{"z":1}]}}],
                 "subject":{"mediaType":"application/vnd.oci.image.manifest.v1+json","size":7,
                            "digest":"sha256:cc","annotations":{"digest":"not this one"}},
                 "annotations":{"subject":"not this either"}}
                """);
        assertThat(f).isEqualTo(new ManifestFields(true, 2, "application/vnd.oci.image.manifest.v1+json", false, "sha256:cc"));
    }

    @Test
    void anIndexWithoutAMediaType() throws IOException {
        assertThat(read("{\"manifests\":[],\"schemaVersion\":2}"))
                .isEqualTo(new ManifestFields(true, 2, null, true, null));
    }

    @Test
    void valuesAsLenientlyAsATreeReadTakesThem() throws IOException {
        // schema 1 must be recognised however it is written, to be refused with its own message
        assertThat(read("{\"schemaVersion\":\"1\"}").schemaVersion()).isEqualTo(1);
        assertThat(read("{\"schemaVersion\":1.0}").schemaVersion()).isEqualTo(1);
        assertThat(read("{\"schemaVersion\":{\"a\":1},\"mediaType\":{\"b\":2}}"))
                .isEqualTo(new ManifestFields(true, 0, null, false, null));
        assertThat(read("{\"subject\":\"sha256:dd\"}").subjectDigest()).isNull();
    }

    @Test
    void notAnObjectAndNotJson() throws IOException {
        assertThat(read("[1,2]").object()).isFalse();
        assertThat(read("").object()).isFalse();
        assertThat(read("\"text\"").object()).isFalse();
        assertThatThrownBy(() -> read("{\"schemaVersion\":2,\"layers\":[{\"digest\":")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> read("{schemaVersion:2}")).isInstanceOf(IOException.class);
    }
}
