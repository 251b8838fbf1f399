package dev.lading.oci;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DigestAndReferenceTest {

    @Test
    void sha256OfKnownInput() {
        assertThat(Digest.sha256("abc".getBytes(StandardCharsets.UTF_8)).toString())
                .isEqualTo("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void rejectsDigestsThatCouldBecomePaths() {
        assertThatThrownBy(() -> Digest.parse("sha256:../../etc/passwd")).hasMessageContaining("invalid sha256 digest");
        assertThatThrownBy(() -> Digest.parse("md5:d41d8cd98f00b204e9800998ecf8427e")).hasMessageContaining("unsupported");
        assertThatThrownBy(() -> Digest.parse("sha256:BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD"))
                .hasMessageContaining("lowercase");
        assertThat(Digest.parse("sha512:" + "a".repeat(128)).algorithm()).isEqualTo("sha512");
    }

    @ParameterizedTest
    @CsvSource({
            "alpine, docker.io, library/alpine, latest",
            "alpine:3.20, docker.io, library/alpine, 3.20",
            "docker://alpine:3.20, docker.io, library/alpine, 3.20",
            "user/app:v1, docker.io, user/app, v1",
            "index.docker.io/library/busybox, docker.io, library/busybox, latest",
            "localhost/app, localhost, app, latest",
            "localhost:5000/team/app:1.2.3, localhost:5000, team/app, 1.2.3",
            "127.0.0.1:5000/app:dev, 127.0.0.1:5000, app, dev",
            "ghcr.io/org/sub/app:sha-1234567, ghcr.io, org/sub/app, sha-1234567",
    })
    void normalisesLikeDocker(String text, String registry, String repo, String tag) {
        DockerReference r = DockerReference.parse(text);
        assertThat(r.registry()).isEqualTo(registry);
        assertThat(r.repository()).isEqualTo(repo);
        assertThat(r.tag()).isEqualTo(tag);
    }

    @Test
    void keepsTagAndDigestTogether() {
        String hex = "a".repeat(64);
        DockerReference r = DockerReference.parse("registry.example:443/app:1.0@sha256:" + hex);
        assertThat(r.tag()).isEqualTo("1.0");
        assertThat(r.digest().hex()).isEqualTo(hex);
        assertThat(r.referenceForPull()).isEqualTo("sha256:" + hex);
        assertThat(r.toString()).isEqualTo("registry.example:443/app:1.0@sha256:" + hex);
        assertThat(DockerReference.parse("app@sha256:" + hex).tag()).isNull();
    }

    @Test
    void rejectsBadReferencesWithTheReason() {
        assertThatThrownBy(() -> DockerReference.parse("docker.io/App:1")).hasMessageContaining("lowercase");
        assertThatThrownBy(() -> DockerReference.parse("app:bad/tag:x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DockerReference.parse("app@sha256:123")).hasMessageContaining("invalid sha256 digest");
        assertThatThrownBy(() -> DockerReference.parse("")).hasMessageContaining("empty");
    }

    @Test
    void localhostIsRecognised() {
        assertThat(DockerReference.parse("localhost:5000/a").isLocalhost()).isTrue();
        assertThat(DockerReference.parse("127.0.0.1:5000/a").isLocalhost()).isTrue();
        assertThat(DockerReference.parse("[::1]:5000/a").isLocalhost()).isTrue();
        assertThat(DockerReference.parse("ghcr.io/a").isLocalhost()).isFalse();
    }

    @Test
    void parsesEveryTransport() {
        assertThat(ImageReference.parse("alpine:3")).isEqualTo(new ImageReference.Registry(DockerReference.parse("alpine:3"), false));
        assertThat(ImageReference.parse("docker://alpine:3")).isEqualTo(new ImageReference.Registry(DockerReference.parse("alpine:3"), true));
        assertThat(ImageReference.parse("localhost:5000/app:1")).isInstanceOf(ImageReference.Registry.class);
        assertThat(ImageReference.parse("oci:/tmp/layout:v1")).isEqualTo(new ImageReference.OciLayoutDir(Path.of("/tmp/layout"), "v1"));
        assertThat(ImageReference.parse("oci:/tmp/layout")).isEqualTo(new ImageReference.OciLayoutDir(Path.of("/tmp/layout"), null));
        String d = "sha256:" + "b".repeat(64);
        assertThat(ImageReference.parse("oci:/tmp/layout@" + d)).isEqualTo(new ImageReference.OciLayoutDir(Path.of("/tmp/layout"), d));
        assertThat(ImageReference.parse("oci-archive:img.tar:app")).isEqualTo(new ImageReference.OciArchive(Path.of("img.tar"), "app"));
        assertThat(ImageReference.parse("docker-archive:img.tar:app:1.0"))
                .isEqualTo(new ImageReference.DockerArchive(Path.of("img.tar"), "app:1.0"));
        assertThat(ImageReference.parse("docker-archive:img.tar:@1")).isEqualTo(new ImageReference.DockerArchive(Path.of("img.tar"), "@1"));
        assertThat(ImageReference.parse("store:app:dev")).isEqualTo(new ImageReference.Store(DockerReference.parse("app:dev")));
        assertThatThrownBy(() -> ImageReference.parse("containers-storage:app")).hasMessageContaining("not supported");
        assertThatThrownBy(() -> ImageReference.parse("docker:alpine")).hasMessageContaining("docker://");
    }
}
