package dev.lading.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lading.oci.Platform;
import dev.lading.oci.layout.OciLayout;
import dev.lading.oci.testing.TestImages;
import dev.lading.registry.testing.RegistryFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lading lint --fix} pins FROM lines against a real docker-registry on 127.0.0.1. */
@Tag("integration")
class LintFixRegistryTest {
    static RegistryFixture registry;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws Exception {
        registry = RegistryFixture.anonymous();
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    @Test
    void pinsEachTagToTheDigestTheRegistryHasKeepingTheTag() throws Exception {
        TestImages.Image image = TestImages.simple();
        Path single = tmp.resolve("single");
        TestImages.store(OciLayout.createOrOpen(single), image, "v1");
        Cli.Result push = Cli.run("copy", "-q", "oci:" + single + ":v1", "docker://" + registry.host() + "/team/base:1.0");
        assertThat(push.exitCode()).as(push.err()).isZero();
        // a multi-platform image is pinned to its index, so --platform still chooses
        Path multi = tmp.resolve("multi");
        TestImages.Image arm = TestImages.image(Platform.of("linux", "arm64", "v8"),
                List.of(TestImages.layer(Map.of("arm", "arm"))), null);
        var index = TestImages.storeIndex(OciLayout.createOrOpen(multi), "m", TestImages.simple(), arm);
        assertThat(Cli.run("copy", "-q", "--all", "oci:" + multi + ":m", "docker://" + registry.host() + "/team/multi:2").exitCode())
                .isZero();

        String host = registry.host();
        Path dir = Files.createDirectories(tmp.resolve("project"));
        Files.writeString(dir.resolve(".dockerignore"), ".git\n");
        Path df = Files.writeString(dir.resolve("Dockerfile"), """
                # syntax=docker/dockerfile:1
                ARG RUNTIME=%1$s/team/multi:2
                FROM %1$s/team/base:1.0 AS base
                FROM --platform=$BUILDPLATFORM %1$s/team/multi:2 AS tools
                FROM %1$s/team/missing:3 AS gone
                FROM ${RUNTIME} AS runtime
                FROM base
                USER 1000
                """.formatted(host));

        Cli.Result dry = Cli.run("lint", "--fix", "--dry-run", "--no-shellcheck", df.toString());
        assertThat(dry.exitCode()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("+FROM " + host + "/team/base:1.0@" + image.manifestDescriptor().digest() + " AS base");
        assertThat(Files.readString(df)).doesNotContain("@sha256");

        Cli.Result r = Cli.run("lint", "--fix", "--no-shellcheck", df.toString());
        assertThat(Files.readString(df)).isEqualTo("""
                # syntax=docker/dockerfile:1
                ARG RUNTIME=%1$s/team/multi:2@%3$s
                FROM %1$s/team/base:1.0@%2$s AS base
                FROM --platform=$BUILDPLATFORM %1$s/team/multi:2@%3$s AS tools
                FROM %1$s/team/missing:3 AS gone
                FROM ${RUNTIME} AS runtime
                FROM base
                USER 1000
                """.formatted(host, image.manifestDescriptor().digest(), index.digest()));
        // the tag the registry does not have is a note; that FROM stays and LD004 still reports it
        assertThat(r.err()).contains("FROM " + host + "/team/missing:3: cannot resolve its digest").contains("left unpinned")
                .contains("fixed 3 problem(s)");
        assertThat(r.out()).contains(":5:1 LD004").doesNotContain(":3:1 LD004").doesNotContain(":4:1 LD004")
                .doesNotContain(":6:1 LD004");

        Cli.Result again = Cli.run("lint", "--fix", "--no-shellcheck", df.toString());
        assertThat(again.err()).doesNotContain("fixed");
    }

    @Test
    void credentialsAreThoseOfTheOtherRegistryCommands() throws Exception {
        try (RegistryFixture secured = RegistryFixture.basicAuth("ci", "s3cret-pass")) {
            TestImages.Image image = TestImages.simple();
            Path src = tmp.resolve("src");
            TestImages.store(OciLayout.createOrOpen(src), image, "v1");
            Path auth = tmp.resolve("auth.json");
            assertThat(Cli.run("login", "--authfile", auth.toString(), secured.host(), "-u", "ci", "-p", "s3cret-pass").exitCode())
                    .isZero();
            assertThat(Cli.run("copy", "-q", "--authfile", auth.toString(), "oci:" + src + ":v1",
                    "docker://" + secured.host() + "/private/base:1").exitCode()).isZero();
            Path df = Files.writeString(tmp.resolve("Dockerfile"), "FROM " + secured.host() + "/private/base:1\n");
            Files.writeString(tmp.resolve(".dockerignore"), ".git\n");

            Cli.Result denied = Cli.run("lint", "--fix", "--no-shellcheck", "--authfile", tmp.resolve("none.json").toString(),
                    df.toString());
            assertThat(denied.err()).contains("cannot resolve its digest");
            assertThat(Files.readString(df)).doesNotContain("@sha256");

            Cli.Result ok = Cli.run("lint", "--fix", "--no-shellcheck", "--authfile", auth.toString(), df.toString());
            assertThat(ok.err()).doesNotContain("cannot resolve");
            assertThat(Files.readString(df)).contains(secured.host() + "/private/base:1@" + image.manifestDescriptor().digest());
        }
    }
}
