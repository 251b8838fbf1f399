package dev.lading.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lading.oci.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DockerfileCommandTest {

    @TempDir
    Path tmp;

    @Test
    void printsTheSyntaxTreeAsJson() throws Exception {
        Path f = tmp.resolve("Dockerfile");
        Files.writeString(f, "# syntax=docker/dockerfile:1\nFROM debian:12 AS build\nRUN <<EOF\necho hi\nEOF\nFROM scratch\nCOPY --from=build /x /x\n");
        Cli.Result r = Cli.run("dockerfile", "parse", "--format", "json", f.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode n = Json.mapper().readTree(r.out());
        assertThat(n.toString()).contains("\"syntax\"").contains("docker/dockerfile:1").contains("echo hi").contains("build");
    }

    @Test
    void aBrokenDockerfileGivesFileLineColumnAndExitOne() throws Exception {
        Path f = tmp.resolve("Dockerfile");
        Files.writeString(f, "FROM alpine\nRUN --mount=type=foo ls\n");
        Cli.Result r = Cli.run("dockerfile", "parse", f.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains(f + ":2:").contains("unsupported mount type").contains("hint:");
        Cli.Result missing = Cli.run("dockerfile", "parse", tmp.resolve("nope").toString());
        assertThat(missing.exitCode()).isEqualTo(3);
    }
}
