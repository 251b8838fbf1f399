package dev.lading.cli;

import dev.lading.oci.DockerReference;
import dev.lading.oci.ImageConfig;
import dev.lading.oci.Manifest;
import dev.lading.oci.layout.OciLayout;
import dev.lading.oci.layout.Store;
import dev.lading.oci.testing.Tools;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BuildCommandTest {

    @TempDir
    Path tmp;
    Path context;
    Path home;

    @BeforeEach
    void setUp() throws Exception {
        context = Files.createDirectories(tmp.resolve("ctx"));
        home = tmp.resolve("home");
        Files.createDirectories(context.resolve("app"));
        Files.writeString(context.resolve("app/hello.txt"), "hello\n");
        Files.writeString(context.resolve("app/debug.log"), "noise\n");
        Files.writeString(context.resolve(".dockerignore"), "**/*.log\n");
        Files.writeString(context.resolve("Dockerfile"), """
                FROM scratch AS files
                COPY app /app
                FROM scratch
                COPY --from=files /app /srv/
                ENV GREETING=hi
                WORKDIR /srv
                ENTRYPOINT ["/srv/hello.txt"]
                """);
    }

    private String build(String... args) throws Exception {
        BuildCommand cmd = new BuildCommand();
        cmd.env = Map.of("LADING_HOME", home.toString(), "SOURCE_DATE_EPOCH", "1700000000");
        new CommandLine(cmd).parseArgs(args);
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream p = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            System.setOut(p);
            assertThat(cmd.call()).isZero();
        } finally {
            System.setOut(old);
        }
        return out.toString(StandardCharsets.UTF_8).trim();
    }

    @Test
    void buildsIntoTheStoreUnderEachTagAndWritesTheIidfile() throws Exception {
        Path iid = tmp.resolve("iid");
        String digest = build("-q", "-t", "app:1", "-t", "example.com/app:latest", "--iidfile", iid.toString(),
                "--label", "com.example.x=y", context.toString());
        OciLayout store = Store.open(home).layout();
        assertThat(store.find(Store.refName(DockerReference.parse("app:1")))).get()
                .satisfies(d -> assertThat(d.digest().toString()).isEqualTo(digest));
        assertThat(store.find(Store.refName(DockerReference.parse("example.com/app:latest")))).isPresent();
        assertThat(Files.readString(iid)).isEqualTo(digest);

        Manifest m = Manifest.parse(store.readBlob(store.resolveReference(digest)));
        ImageConfig config = ImageConfig.parse(store.readBlob(m.config()));
        assertThat(config.config().labels()).containsEntry("com.example.x", "y")
                .containsEntry("org.opencontainers.image.created", "2023-11-14T22:13:20Z");
        assertThat(config.config().workingDir()).isEqualTo("/srv");
        assertThat(m.layers()).hasSize(1); // WORKDIR /srv exists already: COPY made it
    }

    @Test
    void checkLintsOnlyAndFailsOnFindings() throws Exception {
        Files.writeString(context.resolve("Dockerfile"), "FROM debian:latest\nCMD echo hi\n");
        BuildCommand cmd = new BuildCommand();
        cmd.env = Map.of("LADING_HOME", home.toString());
        new CommandLine(cmd).parseArgs("--check", context.toString());
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit;
        try (PrintStream p = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            System.setOut(p);
            exit = cmd.call();
        } finally {
            System.setOut(old);
        }
        assertThat(exit).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("DL3007").contains("Dockerfile:2");
        assertThat(Files.exists(home.resolve("store"))).as("--check builds nothing").isFalse();
    }

    @Test
    void metadataFileDescribesTheResult() throws Exception {
        Path meta = tmp.resolve("meta.json");
        String digest = build("-q", "-t", "app:1.2.3", "--metadata-file", meta.toString(), context.toString());
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(meta.toFile());
        assertThat(json.get("containerimage.digest").asText()).isEqualTo(digest);
        assertThat(json.get("containerimage.config.digest").asText()).startsWith("sha256:");
        assertThat(json.get("image.name").asText()).isEqualTo("docker.io/library/app:1.2.3");
        OciLayout store = Store.open(home).layout();
        Manifest m = Manifest.parse(store.readBlob(store.resolveReference(digest)));
        assertThat(m.config().digest().toString()).isEqualTo(json.get("containerimage.config.digest").asText());
        ImageConfig config = ImageConfig.parse(store.readBlob(m.config()));
        assertThat(config.config().labels()).containsEntry("org.opencontainers.image.version", "1.2.3");
    }

    @Test
    void gitCheckoutsGiveSourceAndRevisionLabelsWithoutCredentials() throws Exception {
        Tools.require("git", "git");
        Tools.ok(context, "git", "init", "-q");
        Tools.ok(context, "git", "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "--allow-empty", "-m", "x");
        Tools.ok(context, "git", "remote", "add", "origin", "https://user:hunter2@git.example.com/team/app.git");
        String head = Tools.ok(context, "git", "rev-parse", "HEAD").strip();
        String digest = build("-q", "-t", "app:1", context.toString());
        OciLayout store = Store.open(home).layout();
        Manifest m = Manifest.parse(store.readBlob(store.resolveReference(digest)));
        ImageConfig config = ImageConfig.parse(store.readBlob(m.config()));
        assertThat(config.config().labels())
                .containsEntry("org.opencontainers.image.revision", head)
                .containsEntry("org.opencontainers.image.source", "https://git.example.com/team/app.git");
        assertThat(config.toString()).doesNotContain("hunter2");
    }

    @Test
    void secretsNeedAnExistingSource() throws Exception {
        assertThatThrownBy(() -> build("-q", "--secret", "id=tok,src=" + tmp.resolve("missing"), context.toString()))
                .isInstanceOf(CliException.class).hasMessageContaining("no file at");
        assertThatThrownBy(() -> build("-q", "--secret", "id=tok,env=LADING_TEST_UNSET_VAR", context.toString()))
                .isInstanceOf(CliException.class).hasMessageContaining("LADING_TEST_UNSET_VAR is not set");
        assertThatThrownBy(() -> build("-q", "--secret", "src=/x", context.toString()))
                .isInstanceOf(CliException.class).hasMessageContaining("id=ID is required");
    }

    @Test
    void sameContextTwiceOnCleanStoresGivesTheSameDigest() throws Exception {
        String one = build("-q", "-t", "app:1", context.toString());
        home = tmp.resolve("home2");
        String two = build("-q", "--no-cache", "-t", "app:1", context.toString());
        assertThat(two).isEqualTo(one);
    }

    @Test
    void fromAnImageInTheStoreWithChownByName() throws Exception {
        OciLayout store = Store.open(home).layout();
        dev.lading.oci.testing.TestImages.store(store, dev.lading.oci.testing.TestImages.image(
                dev.lading.oci.Platform.host(),
                java.util.List.of(dev.lading.oci.testing.TestImages.layer(Map.of("etc/passwd", "web:x:33:33::/:/bin/sh\n",
                        "etc/group", "www:x:44:\n"))),
                ImageConfig.Config.EMPTY.withEnv(java.util.List.of("PATH=/bin", "APPDIR=/web"))),
                Store.refName(DockerReference.parse("base:1")));
        Files.writeString(context.resolve("Dockerfile"), "FROM base:1\nCOPY --chown=web:www app $APPDIR/\n");
        String digest = build("-q", "-t", "site:1", context.toString());
        Manifest m = Manifest.parse(store.readBlob(store.resolveReference(digest)));
        assertThat(m.layers()).hasSize(2);
        ImageConfig config = ImageConfig.parse(store.readBlob(m.config()));
        assertThat(config.config().labels()).containsEntry("org.opencontainers.image.base.name", "base:1");
        assertThat(config.history().get(1).createdBy()).isEqualTo("COPY --chown=web:www app /web/ # buildkit");
        try (var in = new java.io.BufferedInputStream(store.openBlob(m.layers().get(1)));
             var plain = dev.lading.oci.layer.LayerCompression.decompress(in);
             var tar = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(plain)) {
            java.util.Map<String, String> owners = new java.util.TreeMap<>();
            for (var e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                owners.put(e.getName(), e.getLongUserId() + ":" + e.getLongGroupId());
            }
            assertThat(owners).containsExactly(Map.entry("web/", "33:44"), Map.entry("web/hello.txt", "33:44"));
        }
    }

    /** Builds without -q (lint warnings are printed only then) and returns what went to stderr. */
    private String buildErr(String... args) throws Exception {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream p = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setErr(p);
            build(args);
        } finally {
            System.setErr(old);
        }
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aBaseImageOfAnotherPlatformIsReportedAfterTheBuildAsBuildKitDoes() throws Exception {
        OciLayout store = Store.open(home).layout();
        dev.lading.oci.testing.TestImages.store(store, dev.lading.oci.testing.TestImages.image(
                dev.lading.oci.Platform.of("linux", "s390x", null),
                java.util.List.of(dev.lading.oci.testing.TestImages.layer(Map.of("etc/os-release", "ID=test\n"))),
                ImageConfig.Config.EMPTY), Store.refName(DockerReference.parse("base:1")));
        Files.writeString(context.resolve("Dockerfile"), "FROM base:1\nCOPY app /app\n");
        String err = buildErr("--platform", "linux/ppc64le", "-t", "site:1", context.toString());
        assertThat(err).contains("InvalidBaseImagePlatform")
                .contains("Base image base:1 was pulled with platform \"linux/s390x\", expected \"linux/ppc64le\" for current build");
        // the same platform: nothing to say; --no-lint: nothing printed
        assertThat(buildErr("--platform", "linux/s390x", "-t", "site:2", context.toString()))
                .doesNotContain("InvalidBaseImagePlatform");
        assertThat(buildErr("--no-lint", "--platform", "linux/ppc64le", "-t", "site:3", context.toString()))
                .doesNotContain("InvalidBaseImagePlatform");
    }

    @Test
    void errorsNameTheDockerfileLine() throws Exception {
        Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY app/debug.log /x\n");
        assertThatThrownBy(() -> build("-q", context.toString()))
                .isInstanceOf(CliException.class)
                .hasMessageContaining("Dockerfile:2: COPY app/debug.log /x: 'app/debug.log' is excluded by .dockerignore");
        Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nRUN make\n");
        assertThatThrownBy(() -> build("-q", context.toString()))
                .isInstanceOf(CliException.class).hasMessageContaining("Dockerfile:2: RUN make:").hasMessageContaining("/bin/sh");
    }

    @Test
    @Tag("integration")
    void outputsPassSkopeoAndUmoci() throws Exception {
        Tools.require("skopeo", "skopeo");
        Tools.require("umoci", "umoci");
        Path layout = tmp.resolve("layout");
        Path archive = tmp.resolve("app.tar");
        String digest = build("-q", "-t", "app:1", "--output", "type=oci,dest=" + layout,
                "--output", "type=docker-archive,dest=" + archive, context.toString());
        String inspect = Tools.ok(null, "skopeo", "inspect", "oci:" + layout + ":1");
        assertThat(inspect).contains(digest).contains("GREETING=hi");
        Tools.ok(null, "skopeo", "inspect", "docker-archive:" + archive);
        Tools.ok(null, "umoci", "unpack", "--rootless", "--image", layout + ":1", tmp.resolve("bundle").toString());
        assertThat(Files.readString(tmp.resolve("bundle/rootfs/srv/hello.txt"))).isEqualTo("hello\n");
        assertThat(tmp.resolve("bundle/rootfs/srv/debug.log")).doesNotExist();
        // not tagged in the store: --output replaces the store
        assertThat(Store.open(home).layout().find(Store.refName(DockerReference.parse("app:1")))).isEmpty();
    }
}
