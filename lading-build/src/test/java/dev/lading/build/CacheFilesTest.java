package dev.lading.build;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CacheFilesTest {

    @TempDir
    Path dir;

    @Test
    void readsWhatEarlierVersionsWroteAndSkipsWhatItDoesNotKnow() throws IOException {
        // build-cache.json as the databind-based writer printed it, plus fields a later version might add
        Path file = Files.writeString(dir.resolve("build-cache.json"), """
                {
                  "version" : 1,
                  "future" : {"x": [1, 2]},
                  "entries" : {
                    "key one" : {
                      "mediaType" : "application/vnd.oci.image.layer.v1.tar+gzip",
                      "digest" : "sha256:aaaa",
                      "size" : 1234,
                      "extra" : {"nested": true},
                      "diffId" : "sha256:bbbb"
                    },
                    "odd" : 7
                  }
                }
                """);
        Map<String, Map<String, String>> read = CacheFiles.read(file, "entries");
        assertThat(read).containsOnlyKeys("key one");
        assertThat(read.get("key one")).containsExactly(
                Map.entry("mediaType", "application/vnd.oci.image.layer.v1.tar+gzip"), Map.entry("digest", "sha256:aaaa"),
                Map.entry("size", "1234"), Map.entry("diffId", "sha256:bbbb"));
    }

    @Test
    void writesWhatItReadsBackCompactOrPretty() throws IOException {
        Map<String, Map<String, Object>> entries = new LinkedHashMap<>();
        entries.put("/ctx/a \"quoted\"", Map.of("stat", "1 2 3 4 5"));
        entries.put("k", Map.of("size", 42L));
        for (boolean pretty : new boolean[] {false, true}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            CacheFiles.write(out, "files", entries, pretty);
            Path file = Files.write(dir.resolve("f" + pretty), out.toByteArray());
            assertThat(CacheFiles.read(file, "files")).isEqualTo(Map.of(
                    "/ctx/a \"quoted\"", Map.of("stat", "1 2 3 4 5"), "k", Map.of("size", "42")));
            assertThat(out.toString(StandardCharsets.UTF_8)).startsWith(pretty ? "{\n" : "{\"version\":1,\"files\":{");
        }
    }

    @Test
    void aDamagedFileIsAnIOException() throws IOException {
        for (String text : new String[] {"", "[]", "{\"version\":1,\"files\":{\"a\":{\"stat\":\"x\"", "not json"}) {
            Path file = Files.writeString(dir.resolve("bad.json"), text);
            assertThatThrownBy(() -> CacheFiles.read(file, "files")).as(text).isInstanceOf(IOException.class);
        }
    }
}
