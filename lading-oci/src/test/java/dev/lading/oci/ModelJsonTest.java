package dev.lading.oci;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The model reads every field real images carry and writes them back under the spec's names. */
class ModelJsonTest {

    private static final String DOCKER_CONFIG = """
            {"architecture":"arm64","variant":"v8","os":"linux","os.version":"10.0","os.features":["f1"],
             "created":"2024-01-02T03:04:05.123456789Z","author":"someone",
             "config":{"User":"65532:65532","ExposedPorts":{"8080/tcp":{}},"Env":["PATH=/usr/bin","A=b=c"],
               "Entrypoint":["/app"],"Cmd":["--serve"],"Volumes":{"/data":{}},"WorkingDir":"/srv",
               "Labels":{"org.opencontainers.image.source":"https://example.invalid/x"},"StopSignal":"SIGTERM",
               "ArgsEscaped":true,"Healthcheck":{"Test":["CMD","/app","health"],"Interval":30000000000,
               "Timeout":5000000000,"StartPeriod":1000000000,"StartInterval":2000000000,"Retries":3},
               "OnBuild":["RUN echo"],"Shell":["/bin/bash","-c"]},
             "rootfs":{"type":"layers","diff_ids":["sha256:%s"]},
             "history":[{"created":"2024-01-02T03:04:05Z","created_by":"COPY app /app","comment":"buildkit"},
                        {"created_by":"USER 65532","empty_layer":true}],
             "container":"some-docker-only-field"}
            """.formatted("a".repeat(64));

    @Test
    void everyConfigFieldIsReadAndWrittenBack() {
        ImageConfig c = ImageConfig.parse(DOCKER_CONFIG.getBytes(StandardCharsets.UTF_8));
        assertThat(c.platform()).isEqualTo(Platform.of("linux", "arm64", "v8"));
        assertThat(c.osVersion()).isEqualTo("10.0");
        assertThat(c.config().healthcheck().interval()).isEqualTo(30_000_000_000L);
        assertThat(c.config().healthcheck().startInterval()).isEqualTo(2_000_000_000L);
        assertThat(c.config().shell()).containsExactly("/bin/bash", "-c");
        assertThat(c.config().onBuild()).containsExactly("RUN echo");
        assertThat(c.diffIds()).hasSize(1);
        assertThat(c.history().get(1).emptyLayer()).isTrue();

        ImageConfig again = ImageConfig.parse(c.toJson());
        assertThat(again).isEqualTo(c);
        String json = new String(c.toJson(), StandardCharsets.UTF_8);
        assertThat(json).contains("\"os.version\":\"10.0\"", "\"diff_ids\":[", "\"created_by\":\"COPY app /app\"",
                "\"empty_layer\":true", "\"ExposedPorts\":{\"8080/tcp\":{}}", "\"StartPeriod\":1000000000");
        assertThat(c.config().withEnvVar("A", "z").env()).containsExactly("PATH=/usr/bin", "A=z");
    }

    @Test
    void manifestsAndIndexesKeepTheirShapeAndRefuseNonsense() {
        Descriptor cfg = Descriptor.of(MediaType.OCI_CONFIG, "{}".getBytes(StandardCharsets.UTF_8));
        Descriptor layer = Descriptor.of(MediaType.OCI_LAYER_GZIP, new byte[]{1, 2, 3});
        Manifest m = Manifest.oci(cfg, List.of(layer), java.util.Map.of("k", "v"));
        byte[] raw = m.toJson();
        assertThat(new String(raw, StandardCharsets.UTF_8)).startsWith("{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.OCI_MANIFEST + "\"");
        assertThat(Manifest.parse(raw)).isEqualTo(m);

        Index idx = Index.oci(List.of(Descriptor.of(MediaType.OCI_MANIFEST, raw).withPlatform(Platform.parse("linux/arm64"))));
        assertThat(Index.parse(idx.toJson()).forPlatform(Platform.parse("linux/arm64/v8"))).isPresent();
        assertThat(Index.parse(idx.toJson()).forPlatform(Platform.parse("linux/amd64"))).isEmpty();

        assertThatThrownBy(() -> Manifest.parse("{\"schemaVersion\":1}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(OciException.class).hasMessageContaining("schemaVersion 1");
        assertThatThrownBy(() -> Manifest.parse("{\"schemaVersion\":2,\"layers\":[]}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("no config");
        assertThatThrownBy(() -> Manifest.parse("not json".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("malformed image manifest");
        assertThatThrownBy(() -> Manifest.parse(("{\"schemaVersion\":2,\"config\":{\"mediaType\":\"x\",\"digest\":\"sha256:../x\",\"size\":1}}")
                .getBytes(StandardCharsets.UTF_8))).hasMessageContaining("malformed image manifest");
    }
}
