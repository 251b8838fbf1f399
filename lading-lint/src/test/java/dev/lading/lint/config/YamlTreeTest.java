package dev.lading.lint.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The configuration reader's plain tree says what Jackson's data-binding tree said before it: the same values
 * and types, the same text for each value ({@code asText}) and the same yes/no reading ({@code asBoolean}).
 */
class YamlTreeTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsTheKindsOfValueAConfigurationHolds() throws IOException {
        Object tree = YamlTree.read("""
                ignore: [LD001, DL3008]
                severity: {LD013: warning}
                strict-labels: yes
                rules:
                  LD013: {max: 3, ratio: 0.5, names: [a, b], on: true, off: ~}
                profile: 2026.10
                ignore: [LD002]
                """);
        assertThat(tree).isEqualTo(JSON.convertValue(YAML.readTree("""
                ignore: [LD002]
                severity: {LD013: warning}
                strict-labels: yes
                rules:
                  LD013: {max: 3, ratio: 0.5, names: [a, b], on: true, off: ~}
                profile: 2026.10
                """), Object.class));
        Map<?, ?> m = (Map<?, ?>) tree;
        assertThat(List.copyOf(m.keySet())).isEqualTo(List.of("ignore", "severity", "strict-labels", "rules", "profile"));
        assertThat(m.get("ignore")).isEqualTo(List.of("LD002"));
        assertThat(((Map<?, ?>) ((Map<?, ?>) m.get("rules")).get("LD013")).get("max")).isEqualTo(3);
        assertThat(YamlTree.text(m.get("profile"))).isEqualTo("2026.1");
    }

    @Test
    void anEmptyOrNullDocumentIsNull() throws IOException {
        assertThat(YamlTree.read("")).isNull();
        assertThat(YamlTree.read("# only a comment\n")).isNull();
        assertThat(YamlTree.read("~\n")).isNull();
    }

    @Test
    void invalidYamlIsAnErrorWithJacksonsMessage() {
        String bad = "ignore: [LD001\nseverity: x\n";
        String jackson;
        try {
            YAML.readTree(bad);
            throw new AssertionError("Jackson read it");
        } catch (IOException e) {
            jackson = e.getMessage();
        }
        assertThatThrownBy(() -> YamlTree.read(bad)).isInstanceOf(IOException.class).hasMessage(jackson);
    }

    @Provide
    Arbitrary<String> scalars() {
        return Arbitraries.oneOf(
                Arbitraries.of("true", "false", "yes", "no", "on", "~", "null", "''", "\"\"", "0", "1", "-7", "0x1F",
                        "1_000", "12345678901", "123456789012345678901234", "1.5", "2026.10", "1e3", ".inf", "-.inf",
                        ".nan", "LD013", "\"2026.11\"", "' true '", "\"1\"", "warning", "[]", "{}", "[a, 1, true]",
                        "{x: 1, y: [2, 3]}"),
                Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(6));
    }

    @Provide
    Arbitrary<String> documents() {
        Arbitrary<String> keys = Arbitraries.of("ignore", "severity", "strict-labels", "rules", "profile", "a", "b");
        Arbitrary<String> entry = Combinators.combine(keys, scalars()).as((k, v) -> k + ": " + v);
        Arbitrary<String> nested = Combinators.combine(keys, entry.list().ofMinSize(1).ofMaxSize(3))
                .as((k, es) -> k + ":\n" + String.join("\n", es.stream().map(e -> "  " + e).toList()));
        Arbitrary<String> list = Combinators.combine(keys, scalars().list().ofMinSize(1).ofMaxSize(3))
                .as((k, vs) -> k + ":\n" + String.join("\n", vs.stream().map(v -> "  - " + v).toList()));
        return Arbitraries.oneOf(entry, nested, list).list().ofMaxSize(5).map(es -> String.join("\n", es) + "\n");
    }

    @Property(tries = 400)
    void sameTreeAsJacksonsDataBinding(@ForAll("documents") String doc) throws IOException {
        JsonNode node;
        try {
            node = YAML.readTree(doc);
        } catch (IOException e) {
            assertThatThrownBy(() -> YamlTree.read(doc)).isInstanceOf(IOException.class).hasMessage(e.getMessage());
            return;
        }
        Object tree = YamlTree.read(doc);
        if (node == null || node.isMissingNode() || node.isNull()) {
            assertThat(tree).isNull();
            return;
        }
        assertThat(tree).isEqualTo(JSON.convertValue(node, Object.class));
        sameReadings(node, tree);
    }

    @Property(tries = 300)
    void sameTextAndFlagAsJacksonsNodes(@ForAll("scalars") String scalar) throws IOException {
        JsonNode node;
        try {
            node = YAML.readTree("v: " + scalar + "\n").get("v");
        } catch (IOException e) {
            assertThatThrownBy(() -> YamlTree.read("v: " + scalar + "\n")).hasMessage(e.getMessage());
            return;
        }
        Object value = ((Map<?, ?>) YamlTree.read("v: " + scalar + "\n")).get("v");
        assertThat(YamlTree.text(value)).isEqualTo(node.asText());
        assertThat(YamlTree.flag(value)).isEqualTo(node.asBoolean(false));
    }

    private static void sameReadings(JsonNode node, Object value) {
        assertThat(YamlTree.text(value)).isEqualTo(node.asText());
        if (node.isObject()) {
            Map<?, ?> m = (Map<?, ?>) value;
            node.fields().forEachRemaining(e -> sameReadings(e.getValue(), m.get(e.getKey())));
        } else if (node.isArray()) {
            List<?> l = (List<?>) value;
            for (int i = 0; i < node.size(); i++) {
                sameReadings(node.get(i), l.get(i));
            }
        }
    }
}
