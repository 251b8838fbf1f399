package dev.lading.scan;

import com.github.packageurl.PackageURL;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class PurlsTest {
    static final Optional<Distro> DEBIAN = Optional.of(new Distro("debian", "12", "bookworm", null, List.of()));
    static final Optional<Distro> ALPINE = Optional.of(new Distro("alpine", "3.20.3", null, null, List.of()));

    @Test
    void debianPackagesAreNamespacedByDistroWithSortedQualifiers() {
        assertThat(Purls.deb(DEBIAN, "openssl", "3.0.15-1~deb12u1", "amd64"))
                .isEqualTo("pkg:deb/debian/openssl@3.0.15-1~deb12u1?arch=amd64&distro=debian-12");
        assertThat(Purls.deb(Optional.of(new Distro("ubuntu", "24.04", "noble", null, List.of("debian"))), "libc6", "2.39-0ubuntu8.3", "amd64"))
                .isEqualTo("pkg:deb/ubuntu/libc6@2.39-0ubuntu8.3?arch=amd64&distro=ubuntu-24.04");
    }

    @Test
    void plusIsEncodedAndAnEpochColonIsNot() {
        String purl = Purls.deb(DEBIAN, "zlib1g", "1:1.2.13.dfsg-1+b1", "amd64");
        assertThat(purl).isEqualTo("pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1%2Bb1?arch=amd64&distro=debian-12");
        // and it parses back to the same version
        assertThat(parse(purl).getVersion()).isEqualTo("1:1.2.13.dfsg-1+b1");
    }

    @Test
    void goModulesKeepTheirCaseAndSplitAtTheLastSlash() {
        // module paths are case-sensitive (OSV and the Go proxy match them exactly): the PURL keeps the case
        assertThat(Purls.golang("github.com/BurntSushi/toml", "v1.3.2")).isEqualTo("pkg:golang/github.com/BurntSushi/toml@v1.3.2");
        assertThat(Purls.golang("stdlib", "1.21.5")).isEqualTo("pkg:golang/stdlib@1.21.5");
        assertThat(Purls.golang("example.com/app", null)).isEqualTo("pkg:golang/example.com/app");
        assertThat(parse(Purls.golang("gopkg.in/yaml.v3", "v3.0.1")).getNamespace()).isEqualTo("gopkg.in");
    }

    @Test
    void cratesAndRpms() {
        assertThat(Purls.cargo("serde", "1.0.215")).isEqualTo("pkg:cargo/serde@1.0.215");
        Optional<Distro> fedora = Optional.of(new Distro("fedora", "40", null, null, List.of()));
        assertThat(Purls.rpm(fedora, "bash", "5.2.26-3.fc40", "x86_64", 1))
                .isEqualTo("pkg:rpm/fedora/bash@5.2.26-3.fc40?arch=x86_64&distro=fedora-40&epoch=1");
        assertThat(Purls.rpm(Optional.empty(), "bash", "5.2.26-3.fc40", "x86_64", null)).isEqualTo("pkg:rpm/bash@5.2.26-3.fc40?arch=x86_64");
        assertThat(Purls.rpm(fedora, "libstdc++", "14.2.1-3.fc40", "x86_64", null))
                .isEqualTo("pkg:rpm/fedora/libstdc%2B%2B@14.2.1-3.fc40?arch=x86_64&distro=fedora-40");
    }

    @Test
    void alpine() {
        assertThat(Purls.apk(ALPINE, "musl", "1.2.5-r0", "x86_64"))
                .isEqualTo("pkg:apk/alpine/musl@1.2.5-r0?arch=x86_64&distro=alpine-3.20.3");
        assertThat(Purls.apk(Optional.empty(), "musl", "1.2.5-r0", null)).isEqualTo("pkg:apk/alpine/musl@1.2.5-r0");
    }

    @Test
    void pypiNamesAreNormalised() {
        assertThat(Purls.pypi("Django_REST.framework", "3.15.2")).isEqualTo("pkg:pypi/django-rest-framework@3.15.2");
    }

    @Test
    void npmScopesAreTheNamespaceWithAnEncodedAt() {
        assertThat(Purls.npm("@babel/core", "7.26.0")).isEqualTo("pkg:npm/%40babel/core@7.26.0");
        assertThat(Purls.npm("lodash", "4.17.21")).isEqualTo("pkg:npm/lodash@4.17.21");
        assertThat(parse(Purls.npm("@babel/core", "7.26.0")).getNamespace()).isEqualTo("@babel");
    }

    @Test
    void maven() {
        assertThat(Purls.maven("org.apache.commons", "commons-lang3", "3.19.0"))
                .isEqualTo("pkg:maven/org.apache.commons/commons-lang3@3.19.0");
    }

    @Test
    void aPercentInAVersionSurvivesTheColonFix() {
        String purl = Purls.deb(Optional.empty(), "x", "1%3A2", null);
        assertThat(parse(purl).getVersion()).isEqualTo("1%3A2");
    }

    private static PackageURL parse(String purl) {
        try {
            return new PackageURL(purl);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
