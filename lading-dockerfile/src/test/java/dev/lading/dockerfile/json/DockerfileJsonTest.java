package dev.lading.dockerfile.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lading.dockerfile.Dockerfile;
import dev.lading.dockerfile.DockerfileParser;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DockerfileJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        Dockerfile d = DockerfileParser.parse("Dockerfile", text);
        return MAPPER.readTree(DockerfileJson.toJson(d));
    }

    @Test
    void exactShapeOfASmallDockerfile() throws Exception {
        JsonNode actual = json("# syntax=docker/dockerfile:1\nARG V=1\n# note\nFROM alpine:$V AS Base\nRUN --network=none make\n");
        String expected = """
                {"schemaVersion":1,"file":"Dockerfile","escape":"\\\\",
                 "directives":[{"name":"syntax","value":"docker/dockerfile:1",
                   "range":{"start":{"line":1,"column":1},"end":{"line":1,"column":29}}}],
                 "globalArgs":[{"kind":"ARG","keyword":"ARG",
                   "range":{"start":{"line":2,"column":1},"end":{"line":2,"column":8}},"original":"ARG V=1",
                   "flags":[],"comments":[],"arguments":{"declarations":[{"name":"V","default":"1"}]},"heredocs":[]}],
                 "stages":[{"index":0,"name":"base",
                   "from":{"kind":"FROM","keyword":"FROM",
                     "range":{"start":{"line":4,"column":1},"end":{"line":4,"column":23}},"original":"FROM alpine:$V AS Base",
                     "flags":[],"comments":[{"line":3,"text":"note"}],
                     "arguments":{"image":"alpine:$V","name":"Base","stageName":"base","platform":null},"heredocs":[]},
                   "instructions":[{"kind":"RUN","keyword":"RUN",
                     "range":{"start":{"line":5,"column":1},"end":{"line":5,"column":24}},"original":"RUN --network=none make",
                     "flags":[{"name":"network","value":"none",
                       "range":{"start":{"line":5,"column":5},"end":{"line":5,"column":19}}}],
                     "comments":[],
                     "arguments":{"command":{"form":"shell","text":"make"},"mounts":[],"network":"none","security":null,
                       "devices":[]},
                     "heredocs":[]}]}],
                 "comments":[{"line":3,"text":"note"}],
                 "warnings":[]}
                """;
        assertThat(actual).isEqualTo(MAPPER.readTree(expected));
    }

    @Test
    void keyOrderIsStable() throws Exception {
        JsonNode root = json("FROM a\nCOPY --from=b <<EOF /x\nhi\nEOF\n");
        List<String> keys = new ArrayList<>();
        root.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("schemaVersion", "file", "escape", "directives", "globalArgs", "stages", "comments", "warnings");
        JsonNode copy = root.at("/stages/0/instructions/0");
        List<String> ikeys = new ArrayList<>();
        copy.fieldNames().forEachRemaining(ikeys::add);
        assertThat(ikeys).containsExactly("kind", "keyword", "range", "original", "flags", "comments", "arguments", "heredocs");
        assertThat(copy.at("/arguments/from").asText()).isEqualTo("b");
        assertThat(copy.at("/heredocs/0/content").asText()).isEqualTo("hi\n");
        assertThat(copy.at("/heredocs/0/range/start/line").asInt()).isEqualTo(3);
    }

    @Test
    void everyInstructionKindHasItsArguments() throws Exception {
        JsonNode root = json("""
                FROM a
                RUN --mount=type=secret,id=t ["x"]
                CMD x
                ENTRYPOINT ["e"]
                HEALTHCHECK --retries=3 CMD curl
                SHELL ["/bin/sh","-c"]
                ENV A=1
                LABEL l=2
                ARG B
                ADD --checksum=sha256:0 u /d
                COPY s /d
                VOLUME /v
                EXPOSE 80
                USER u
                WORKDIR /w
                STOPSIGNAL SIGINT
                MAINTAINER m
                ONBUILD RUN y
                """);
        JsonNode ins = root.at("/stages/0/instructions");
        assertThat(ins.get(0).at("/arguments/command/args/0").asText()).isEqualTo("x");
        assertThat(ins.get(0).at("/arguments/mounts/0/type").asText()).isEqualTo("secret");
        assertThat(ins.get(1).at("/arguments/command/form").asText()).isEqualTo("shell");
        assertThat(ins.get(2).at("/arguments/command/form").asText()).isEqualTo("exec");
        assertThat(ins.get(3).at("/arguments/retries").asInt()).isEqualTo(3);
        assertThat(ins.get(3).at("/arguments/interval").isNull()).isTrue();
        assertThat(ins.get(4).at("/arguments/shell/1").asText()).isEqualTo("-c");
        assertThat(ins.get(5).at("/arguments/pairs/0/key").asText()).isEqualTo("A");
        assertThat(ins.get(6).at("/arguments/pairs/0/legacy").asBoolean()).isFalse();
        assertThat(ins.get(7).at("/arguments/declarations/0/default").isNull()).isTrue();
        assertThat(ins.get(8).at("/arguments/checksum").asText()).isEqualTo("sha256:0");
        assertThat(ins.get(9).at("/arguments/destination").asText()).isEqualTo("/d");
        assertThat(ins.get(10).at("/arguments/paths/0").asText()).isEqualTo("/v");
        assertThat(ins.get(11).at("/arguments/ports/0").asText()).isEqualTo("80");
        assertThat(ins.get(12).at("/arguments/user").asText()).isEqualTo("u");
        assertThat(ins.get(13).at("/arguments/path").asText()).isEqualTo("/w");
        assertThat(ins.get(14).at("/arguments/signal").asText()).isEqualTo("SIGINT");
        assertThat(ins.get(15).at("/arguments/name").asText()).isEqualTo("m");
        assertThat(ins.get(16).at("/arguments/trigger/kind").asText()).isEqualTo("RUN");
        assertThat(ins.get(16).at("/arguments/triggerProblem").isNull()).isTrue();
    }

    @Test
    void withoutPositionsLayoutDoesNotMatter() throws Exception {
        Dockerfile a = DockerfileParser.parse("Dockerfile", "FROM a\nRUN x \\\n  y\n");
        Dockerfile b = DockerfileParser.parse("Dockerfile", "\n\nFROM  a\n\n   RUN x   y\n");
        assertThat(DockerfileJson.toJson(a, false)).isEqualTo(DockerfileJson.toJson(b, false));
        assertThat(DockerfileJson.toJson(a, true)).isNotEqualTo(DockerfileJson.toJson(b, true));
    }
}
