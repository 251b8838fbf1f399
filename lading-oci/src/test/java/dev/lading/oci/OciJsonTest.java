package dev.lading.oci;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The hand-written reader and writer of the OCI documents against jackson-databind's mapping of the annotated
 * records, which they replace on the hot path: the same records from the same bytes, the same bytes from the
 * same records (an image's digests are over these bytes: a difference would change every image built).
 */
class OciJsonTest {

    private static final Object ABSENT = new Object();

    // ---- documents as JSON trees: a field is absent, null, or has a value of its type

    private static Arbitrary<Object> optional(Arbitrary<?> value) {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.just(ABSENT)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(null)),
                net.jqwik.api.Tuple.of(4, value.map(v -> (Object) v)));
    }

    private static Arbitrary<String> text() {
        return Arbitraries.oneOf(
                Arbitraries.of("", "linux", "amd64", "v8", "/bin/sh", "a\"b\\c", "caf\u00e9 \u2603", "tab\there\nnl", "\u0001ctl"),
                Arbitraries.strings().ofMaxLength(6));
    }

    private static Arbitrary<List<String>> texts() {
        return text().list().ofMaxSize(3);
    }

    private static Arbitrary<Map<String, String>> textMap() {
        return Arbitraries.maps(text(), text()).ofMaxSize(3).map(LinkedHashMap::new);
    }

    private static Arbitrary<String> digest() {
        return Arbitraries.strings().withChars("0123456789abcdef").ofLength(64).map(h -> "sha256:" + h);
    }

    private static Map<String, Object> object(Object... fieldsAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            if (fieldsAndValues[i + 1] != ABSENT) {
                m.put((String) fieldsAndValues[i], fieldsAndValues[i + 1]);
            }
        }
        return m;
    }

    private static Arbitrary<Map<String, Object>> platform() {
        return Combinators.combine(optional(text()), optional(text()), optional(text()), optional(texts()),
                optional(text()), optional(texts())).as((a, o, ov, of, v, f) -> object("architecture", a, "os", o,
                "os.version", ov, "os.features", of, "variant", v, "features", f, "unknown", "ignored"));
    }

    private static Arbitrary<Map<String, Object>> descriptor() {
        return Combinators.combine(optional(text()), digest(), Arbitraries.longs().between(0, 1L << 40),
                optional(texts()), optional(textMap()), optional(text()), optional(platform()), optional(text()))
                .as((mt, d, size, urls, ann, data, p, at) -> object("mediaType", mt, "digest", d, "size", size,
                        "urls", urls, "annotations", ann, "data", data, "platform", p, "artifactType", at));
    }

    private static Arbitrary<Map<String, Object>> history() {
        return Combinators.combine(optional(text()), optional(text()), optional(text()), optional(text()),
                optional(Arbitraries.of(true, false))).as((c, by, a, co, e) -> object("created", c, "created_by", by,
                "author", a, "comment", co, "empty_layer", e));
    }

    private static Arbitrary<Map<String, Object>> healthcheck() {
        Arbitrary<Long> nanos = Arbitraries.longs().between(0, 100_000_000_000L);
        return Combinators.combine(optional(texts()), optional(nanos), optional(nanos), optional(nanos), optional(nanos),
                optional(Arbitraries.integers().between(0, 10))).as((t, i, to, sp, si, r) -> object("Test", t,
                "Interval", i, "Timeout", to, "StartPeriod", sp, "StartInterval", si, "Retries", r));
    }

    private static Arbitrary<Map<String, Object>> runConfig() {
        Arbitrary<Map<String, Object>> ports = Arbitraries.of("80/tcp", "53/udp", "8080/tcp").set().ofMaxSize(2)
                .map(s -> { Map<String, Object> m = new LinkedHashMap<>(); s.forEach(k -> m.put(k, Map.of())); return m; });
        return Combinators.combine(List.of(optional(text()), optional(ports), optional(texts()), optional(texts()),
                optional(texts()), optional(ports), optional(text()), optional(textMap()), optional(text()),
                optional(Arbitraries.of(true, false)), optional(healthcheck()), optional(texts()), optional(texts())))
                .as(v -> object("User", v.get(0), "ExposedPorts", v.get(1), "Env", v.get(2), "Entrypoint", v.get(3),
                        "Cmd", v.get(4), "Volumes", v.get(5), "WorkingDir", v.get(6), "Labels", v.get(7),
                        "StopSignal", v.get(8), "ArgsEscaped", v.get(9), "Healthcheck", v.get(10), "OnBuild", v.get(11),
                        "Shell", v.get(12)));
    }

    @Provide
    Arbitrary<Map<String, Object>> configs() {
        Arbitrary<Object> rootfs = optional(Combinators.combine(optional(text()), optional(digest().list().ofMaxSize(3)))
                .as((t, ids) -> object("type", t, "diff_ids", ids)));
        return Combinators.combine(List.of(optional(text()), optional(text()), optional(text()), optional(text()),
                optional(text()), optional(texts()), optional(text()), optional(runConfig()), rootfs,
                optional(history().list().ofMaxSize(3)))).as(v -> object("created", v.get(0), "author", v.get(1),
                "architecture", v.get(2), "os", v.get(3), "os.version", v.get(4), "os.features", v.get(5),
                "variant", v.get(6), "config", v.get(7), "rootfs", v.get(8), "history", v.get(9),
                "container", "a docker-only field"));
    }

    @Provide
    Arbitrary<Map<String, Object>> manifests() {
        return Combinators.combine(optional(text()), optional(text()), descriptor(), optional(descriptor().list().ofMaxSize(3)),
                optional(descriptor()), optional(textMap())).as((mt, at, c, l, s, a) -> object("schemaVersion", 2,
                "mediaType", mt, "artifactType", at, "config", c, "layers", l, "subject", s, "annotations", a));
    }

    @Provide
    Arbitrary<Map<String, Object>> indexes() {
        return Combinators.combine(optional(text()), optional(text()), optional(descriptor().list().ofMaxSize(3)),
                optional(descriptor()), optional(textMap())).as((mt, at, m, s, a) -> object("schemaVersion", 2,
                "mediaType", mt, "artifactType", at, "manifests", m, "subject", s, "annotations", a));
    }

    private static byte[] bytes(Map<String, Object> tree) throws Exception {
        return Json.mapper().writeValueAsBytes(tree);
    }

    @Property(tries = 300)
    void configsReadAndWriteAsDatabindDoes(@ForAll("configs") Map<String, Object> tree) throws Exception {
        byte[] raw = bytes(tree);
        ImageConfig expected = Json.mapper().readValue(raw, ImageConfig.class);
        ImageConfig mine = ImageConfig.parse(raw);
        assertThat(mine).isEqualTo(expected);
        assertThat(new String(mine.toJson(), StandardCharsets.UTF_8)).isEqualTo(new String(Json.write(expected), StandardCharsets.UTF_8));
    }

    @Property(tries = 300)
    void manifestsReadAndWriteAsDatabindDoes(@ForAll("manifests") Map<String, Object> tree) throws Exception {
        byte[] raw = bytes(tree);
        Manifest expected = Json.mapper().readValue(raw, Manifest.class);
        Manifest mine = Manifest.parse(raw);
        assertThat(mine).isEqualTo(expected);
        assertThat(new String(mine.toJson(), StandardCharsets.UTF_8)).isEqualTo(new String(Json.write(expected), StandardCharsets.UTF_8));
    }

    @Property(tries = 300)
    void indexesReadAndWriteAsDatabindDoes(@ForAll("indexes") Map<String, Object> tree) throws Exception {
        byte[] raw = bytes(tree);
        Index expected = Json.mapper().readValue(raw, Index.class);
        Index mine = Index.parse(raw);
        assertThat(mine).isEqualTo(expected);
        assertThat(new String(mine.toJson(), StandardCharsets.UTF_8)).isEqualTo(new String(Json.write(expected), StandardCharsets.UTF_8));
    }

    @Test
    void scalarsAreCoercedAsDatabindCoercesThem() throws Exception {
        String doc = "{\"schemaVersion\":\"2\",\"config\":{\"mediaType\":7,\"digest\":\"sha256:" + "a".repeat(64)
                + "\",\"size\":\"12\"},\"layers\":[{\"digest\":\"sha256:" + "b".repeat(64) + "\",\"size\":3.0}],"
                + "\"annotations\":{\"n\":1,\"b\":true,\"z\":null}}";
        byte[] raw = doc.getBytes(StandardCharsets.UTF_8);
        assertThat(Manifest.parse(raw)).isEqualTo(Json.mapper().readValue(raw, Manifest.class));
        String cfg = "{\"config\":{\"ArgsEscaped\":\"true\",\"Healthcheck\":{\"Interval\":\"5\",\"Retries\":2}},\"history\":[{\"empty_layer\":1}]}";
        byte[] craw = cfg.getBytes(StandardCharsets.UTF_8);
        assertThat(ImageConfig.parse(craw)).isEqualTo(Json.mapper().readValue(craw, ImageConfig.class));
    }

    @Test
    void whatDatabindRefusesIsAMalformedDocumentNamingWhatWasRead() {
        List<String> bad = new ArrayList<>(List.of(
                "[]", "\"text\"", "{\"schemaVersion\":2,\"config\":[]}",
                "{\"schemaVersion\":2,\"config\":{\"digest\":\"sha256:xyz\",\"size\":1}}",
                "{\"schemaVersion\":2,\"config\":{\"size\":1}}",
                "{\"schemaVersion\":2,\"config\":{\"digest\":\"sha256:" + "a".repeat(64) + "\",\"size\":\"big\"}}",
                "{\"schemaVersion\":2,\"config\":{\"digest\":\"sha256:" + "a".repeat(64) + "\",\"size\":1},\"layers\":{}}",
                "{\"schemaVersion\":2,\"config\":{\"digest\":\"sha256:" + "a".repeat(64) + "\",\"size\":-1}}",
                "{\"schemaVersion\":2,\"config\":{\"digest\":\"sha256:" + "a".repeat(64) + "\",\"size\":99999999999999999999}}",
                "{\"schemaVersion\":2,", "{\"schemaVersion\":2,\"annotations\":{\"a\":[1]}}"));
        for (String doc : bad) {
            byte[] raw = doc.getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> Json.mapper().readValue(raw, Manifest.class)).as("databind on %s", doc).isNotNull();
            assertThatThrownBy(() -> Manifest.parse(raw)).as(doc).isInstanceOf(OciException.class)
                    .hasMessageStartingWith("malformed image manifest");
        }
    }
}
