package dev.lading.lint.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ComposeParserTest {

    @Test
    void servicesKeepTheirKeysPositions() throws Exception {
        ComposeFile f = ComposeParser.parse("name: x\nservices:\n  web:\n    image: nginx:1\n  db:\n    image: pg:16\n");
        assertThat(f.services()).extracting(ComposeFile.Service::name).containsExactly("web", "db");
        assertThat(f.services().get(1).keyRange().start().line()).isEqualTo(5);
        assertThat(f.services().get(1).keyRange().start().column()).isEqualTo(3);
        assertThat(f.services().get(0).body().entry("image").orElseThrow().keyRange().start().line()).isEqualTo(4);
        assertThat(f.spanEnd(3)).isEqualTo(4);
        assertThat(f.spanEnd(2)).isEqualTo(6);
    }

    @Test
    void aliasesAndMergeKeysAreResolvedAndExplicitKeysWin() throws Exception {
        String yaml = """
                x-base: &base
                  read_only: true
                  cap_drop: [ALL]
                x-more: &more
                  privileged: false
                  read_only: false
                services:
                  web:
                    <<: [*base, *more]
                    image: nginx:1
                  db:
                    <<: *base
                    read_only: false
                    cap_add: *caps
                """;
        ComposeFile f = ComposeParser.parse(yaml.replace("cap_add: *caps", "cap_add: [NET_ADMIN]"));
        YamlNode.Mapping web = f.services().get(0).body();
        assertThat(web.entries()).extracting(YamlNode.Entry::key).containsExactly("image", "read_only", "cap_drop", "privileged");
        // the earlier merge source wins, and the merged entry keeps the place it was written
        assertThat(((YamlNode.Scalar) web.get("read_only").orElseThrow()).isTrue()).isTrue();
        assertThat(web.entry("read_only").orElseThrow().keyRange().start().line()).isEqualTo(2);
        assertThat(((YamlNode.Scalar) f.services().get(1).body().get("read_only").orElseThrow()).isTrue()).isFalse();
    }

    @Test
    void listAliasesAreTheirAnchorsValuesAndScalarAliasesAreUnresolved() throws Exception {
        ComposeFile f = ComposeParser.parse("""
                services:
                  a:
                    image: &img nginx:1.27
                    cap_drop: &drop [ALL]
                  b:
                    image: *img
                    cap_drop: *drop
                """);
        YamlNode.Mapping b = f.services().get(1).body();
        assertThat(((YamlNode.Sequence) b.get("cap_drop").orElseThrow()).items()).hasSize(1);
        // Jackson does not report the anchor of a scalar: the alias is a value rules do not judge
        assertThat(((YamlNode.Scalar) b.get("image").orElseThrow()).unresolved()).isTrue();
        assertThat(b.entry("image").orElseThrow().keyRange().start().line()).isEqualTo(6);
    }

    @Test
    void malformedYamlIsAnErrorWithItsPosition() {
        assertThatThrownBy(() -> ComposeParser.parse("services:\n  web:\n    image: [a\n    ports: x\n"))
                .isInstanceOfSatisfying(ComposeParseException.class, e -> {
                    assertThat(e.line()).isGreaterThanOrEqualTo(3);
                    assertThat(e.problem()).startsWith("invalid YAML");
                });
        assertThatThrownBy(() -> ComposeParser.parse("services:\n  web: {\n"))
                .isInstanceOf(ComposeParseException.class);
        assertThatThrownBy(() -> ComposeParser.parse("- a\n- b\n")).hasMessageContaining("not a compose file");
        assertThatThrownBy(() -> ComposeParser.parse("services: [a, b]\n")).hasMessageContaining("services:");
    }

    @Test
    void composeFileNames() {
        assertThat(ComposeFile.isComposeFileName("compose.yaml")).isTrue();
        assertThat(ComposeFile.isComposeFileName("compose.yml")).isTrue();
        assertThat(ComposeFile.isComposeFileName("docker-compose.yml")).isTrue();
        assertThat(ComposeFile.isComposeFileName("docker-compose.yaml")).isTrue();
        assertThat(ComposeFile.isComposeFileName("docker-compose.prod.yml")).isTrue();
        assertThat(ComposeFile.isComposeFileName("compose.override.yaml")).isTrue();
        assertThat(ComposeFile.isComposeFileName("compose.json")).isFalse();
        assertThat(ComposeFile.isComposeFileName("my-compose.yaml")).isFalse();
        assertThat(ComposeFile.isComposeFileName("docker-compose.yml.bak")).isFalse();
    }
}
