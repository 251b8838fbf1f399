package dev.lading.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lading.oci.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CredentialStoreTest {

    @TempDir
    Path tmp;
    Path home;
    Path bin;
    Map<String, String> vars;

    @BeforeEach
    void setUp() throws IOException {
        home = Files.createDirectories(tmp.resolve("home"));
        bin = Files.createDirectories(tmp.resolve("bin"));
        vars = new HashMap<>();
        vars.put("PATH", bin + ":/usr/bin:/bin");
    }

    private CredentialStore store() {
        return new CredentialStore(new HostEnvironment(vars, home));
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private Path write(Path file, String json) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, json);
    }

    /**
     * A fake docker-credential-test: "get" answers from a store file (one "url user secret" per line), "store" and
     * "erase" edit it; the stdin of each call is logged, so tests see what the helper was asked.
     */
    private Path helperStore() throws IOException {
        Path storeFile = tmp.resolve("helper-store");
        Files.writeString(storeFile, "");
        Path script = bin.resolve("docker-credential-test");
        Files.writeString(script, """
                #!/bin/sh
                store=%s
                input=$(cat)
                printf '%%s %%s\\n' "$1" "$input" >> %s
                case "$1" in
                  get)
                    line=$(grep "^$input " "$store" | head -n 1)
                    if [ -z "$line" ]; then echo "credentials not found in native keychain"; exit 1; fi
                    user=$(echo "$line" | cut -d' ' -f2); secret=$(echo "$line" | cut -d' ' -f3)
                    printf '{"ServerURL":"%%s","Username":"%%s","Secret":"%%s"}\\n' "$input" "$user" "$secret" ;;
                  store)
                    url=$(echo "$input" | sed 's/.*"ServerURL":"\\([^"]*\\)".*/\\1/')
                    user=$(echo "$input" | sed 's/.*"Username":"\\([^"]*\\)".*/\\1/')
                    secret=$(echo "$input" | sed 's/.*"Secret":"\\([^"]*\\)".*/\\1/')
                    grep -v "^$url " "$store" > "$store.new"; echo "$url $user $secret" >> "$store.new"; mv "$store.new" "$store" ;;
                  erase)
                    if ! grep -q "^$input " "$store"; then echo "credentials not found in native keychain"; exit 1; fi
                    grep -v "^$input " "$store" > "$store.new"; mv "$store.new" "$store" ;;
                  *) echo "unknown action" >&2; exit 2 ;;
                esac
                """.formatted(storeFile, tmp.resolve("helper-log")));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return storeFile;
    }

    private String helperLog() throws IOException {
        Path log = tmp.resolve("helper-log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Test
    void nothingConfiguredMeansAnonymous() throws IOException {
        assertThat(store().credentialsFor("ghcr.io")).isEqualTo(Credentials.anonymous());
    }

    @Test
    void dockerConfigAuthsEntry() throws IOException {
        write(home.resolve(".docker/config.json"), """
                {"auths":{"ghcr.io":{"auth":"%s"},"https://index.docker.io/v1/":{"auth":"%s"},
                 "quay.io":{"auth":"%s","identitytoken":"refresh-me"}}}""".formatted(b64("alice:pa:ss"), b64("hubuser:hubpass"), b64("q:")));
        assertThat(store().credentialsFor("ghcr.io")).isEqualTo(Credentials.basic("alice", "pa:ss"));
        assertThat(store().credentialsFor("docker.io")).isEqualTo(Credentials.basic("hubuser", "hubpass"));
        assertThat(store().credentialsFor("quay.io")).isEqualTo(new Credentials.IdentityToken("q", "refresh-me"));
        assertThat(store().credentialsFor("example.com")).isEqualTo(Credentials.anonymous());
    }

    @Test
    void lookupOrderIsRegistryAuthFileThenRuntimeDirThenDockerConfig() throws IOException {
        Path authFile = write(tmp.resolve("custom/auth.json"), "{\"auths\":{\"r.io\":{\"auth\":\"%s\"}}}".formatted(b64("first:1")));
        Path runtime = Files.createDirectories(tmp.resolve("run"));
        write(runtime.resolve("containers/auth.json"), "{\"auths\":{\"r.io\":{\"auth\":\"%s\"},\"s.io\":{\"auth\":\"%s\"}}}"
                .formatted(b64("second:2"), b64("second:2")));
        write(home.resolve(".docker/config.json"), "{\"auths\":{\"r.io\":{\"auth\":\"%s\"},\"s.io\":{\"auth\":\"%s\"},\"t.io\":{\"auth\":\"%s\"}}}"
                .formatted(b64("third:3"), b64("third:3"), b64("third:3")));
        vars.put("REGISTRY_AUTH_FILE", authFile.toString());
        vars.put("XDG_RUNTIME_DIR", runtime.toString());
        assertThat(store().credentialsFor("r.io")).isEqualTo(Credentials.basic("first", "1"));
        assertThat(store().credentialsFor("s.io")).isEqualTo(Credentials.basic("second", "2"));
        assertThat(store().credentialsFor("t.io")).isEqualTo(Credentials.basic("third", "3"));
    }

    @Test
    void credHelpersAndCredsStoreUseTheHelperProtocol() throws IOException {
        Path helperStore = helperStore();
        Files.writeString(helperStore, "ghcr.io gh-user gh-token\nhttps://index.docker.io/v1/ hub-user hub-token\n");
        write(home.resolve(".docker/config.json"), """
                {"credHelpers":{"ghcr.io":"test"},"credsStore":"test","auths":{"inline.io":{"auth":"%s"}}}""".formatted(b64("in:line")));
        assertThat(store().credentialsFor("ghcr.io")).isEqualTo(Credentials.basic("gh-user", "gh-token"));
        assertThat(store().credentialsFor("docker.io")).isEqualTo(Credentials.basic("hub-user", "hub-token"));
        // the store does not know it: the inline entry is the fallback
        assertThat(store().credentialsFor("inline.io")).isEqualTo(Credentials.basic("in", "line"));
        assertThat(store().credentialsFor("other.io")).isEqualTo(Credentials.anonymous());
        assertThat(helperLog()).contains("get ghcr.io").contains("get https://index.docker.io/v1/");
    }

    @Test
    void helperTokenUserMeansIdentityToken() throws IOException {
        Path helperStore = helperStore();
        Files.writeString(helperStore, "r.io <token> refresh-token-value\n");
        write(home.resolve(".docker/config.json"), "{\"credsStore\":\"test\"}");
        assertThat(store().credentialsFor("r.io")).isEqualTo(new Credentials.IdentityToken(null, "refresh-token-value"));
    }

    @Test
    void missingHelperIsAClearError() throws IOException {
        write(home.resolve(".docker/config.json"), "{\"credHelpers\":{\"r.io\":\"nonexistent\"}}");
        assertThatThrownBy(() -> store().credentialsFor("r.io")).isInstanceOf(IOException.class)
                .hasMessageContaining("docker-credential-nonexistent").hasMessageContaining("not found on PATH");
    }

    @Test
    void malformedFilesNameTheFileButNotTheirContent() throws IOException {
        Path f = write(home.resolve(".docker/config.json"), "{\"auths\":{\"r.io\":{\"auth\":\"secretpart\" oops");
        assertThatThrownBy(() -> store().credentialsFor("r.io")).isInstanceOf(IOException.class)
                .hasMessageContaining(f.toString()).hasMessageNotContaining("secretpart");
        write(home.resolve(".docker/config.json"), "{\"auths\":{\"r.io\":{\"auth\":\"%s\"}}}".formatted(b64("nocolon")));
        assertThatThrownBy(() -> store().credentialsFor("r.io")).isInstanceOf(IOException.class)
                .hasMessageContaining("user:password").hasMessageNotContaining("nocolon");
    }

    @Test
    void loginAndLogoutRoundTripInDockerConfig() throws IOException {
        Path config = write(home.resolve(".docker/config.json"), "{\"auths\":{\"keep.io\":{\"auth\":\"%s\"}},\"psFormat\":\"table\"}"
                .formatted(b64("k:k")));
        assertThat(store().login("docker.io", "me", "pw1")).isEqualTo(config);
        assertThat(store().login("r.io:5000", "me", "pw2")).isEqualTo(config);
        assertThat(store().credentialsFor("docker.io")).isEqualTo(Credentials.basic("me", "pw1"));
        assertThat(store().credentialsFor("r.io:5000")).isEqualTo(Credentials.basic("me", "pw2"));
        JsonNode json = Json.mapper().readTree(Files.readAllBytes(config));
        assertThat(json.path("auths").has("https://index.docker.io/v1/")).isTrue();
        assertThat(json.path("psFormat").asText()).isEqualTo("table"); // other settings survive
        assertThat(Files.getPosixFilePermissions(config)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        try (var files = Files.list(config.getParent())) {
            assertThat(files).containsExactly(config); // no temp files left behind
        }

        assertThat(store().logout("docker.io")).isTrue();
        assertThat(store().logout("docker.io")).isFalse();
        assertThat(store().credentialsFor("docker.io")).isEqualTo(Credentials.anonymous());
        assertThat(store().credentialsFor("keep.io")).isEqualTo(Credentials.basic("k", "k"));
    }

    @Test
    void loginWritesTheContainersAuthFileWhenPodmanVariablesAreSet() throws IOException {
        Path runtime = Files.createDirectories(tmp.resolve("run"));
        vars.put("XDG_RUNTIME_DIR", runtime.toString());
        Path written = store().login("docker.io", "me", "pw");
        assertThat(written).isEqualTo(runtime.resolve("containers/auth.json"));
        assertThat(Json.mapper().readTree(Files.readAllBytes(written)).path("auths").has("docker.io")).isTrue();
        assertThat(Files.getPosixFilePermissions(written.getParent())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.exists(home.resolve(".docker/config.json"))).isFalse();

        Path custom = tmp.resolve("elsewhere/auth.json");
        vars.put("REGISTRY_AUTH_FILE", custom.toString());
        assertThat(store().login("r.io", "me", "pw")).isEqualTo(custom);
    }

    @Test
    void loginAndLogoutGoThroughTheConfiguredCredsStore() throws IOException {
        Path helperStore = helperStore();
        Path config = write(home.resolve(".docker/config.json"), "{\"credsStore\":\"test\"}");
        store().login("r.io", "me", "helper-secret");
        assertThat(Files.readString(helperStore)).contains("r.io me helper-secret");
        assertThat(Files.readString(config)).doesNotContain("helper-secret").contains("r.io");
        assertThat(store().credentialsFor("r.io")).isEqualTo(Credentials.basic("me", "helper-secret"));
        assertThat(store().logout("r.io")).isTrue();
        assertThat(Files.readString(helperStore)).doesNotContain("r.io");
        assertThat(store().credentialsFor("r.io")).isEqualTo(Credentials.anonymous());
    }

    @Test
    void credentialsNeverShowTheirSecrets() {
        assertThat(Credentials.basic("alice", "hunter2").toString()).contains("alice").doesNotContain("hunter2");
        assertThat(new Credentials.IdentityToken("u", "tok-123").toString()).doesNotContain("tok-123");
    }

    @Test
    void keysAreNormalised() {
        assertThat(CredentialStore.normalize("https://index.docker.io/v1/")).isEqualTo("docker.io");
        assertThat(CredentialStore.normalize("registry-1.docker.io")).isEqualTo("docker.io");
        assertThat(CredentialStore.normalize("http://Localhost:5000")).isEqualTo("localhost:5000");
        assertThat(CredentialStore.normalize("quay.io/ns")).isEqualTo("quay.io/ns");
    }
}
