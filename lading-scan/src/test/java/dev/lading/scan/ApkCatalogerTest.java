package dev.lading.scan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

class ApkCatalogerTest {
    @TempDir
    Path tmp;

    static final String OS_RELEASE = """
            NAME="Alpine Linux"
            ID=alpine
            VERSION_ID=3.20.3
            PRETTY_NAME="Alpine Linux v3.20"
            HOME_URL="https://alpinelinux.org/"
            """;

    // as apk writes it: package fields, then per-directory (F/M/a) and per-file (R/a/Z) records
    static final String INSTALLED = """
            C:Q1S3Ts1iM8Ke1nCz/v3v5XUcPwJ5U=
            P:musl
            V:1.2.5-r0
            A:x86_64
            S:410502
            I:643072
            T:the musl c library (libc) implementation
            U:https://musl.libc.org/
            L:MIT
            o:musl
            m:Timo Teräs <timo.teras@iki.fi>
            t:1715685938
            c:f93ef2c2a3ec4b9e8b6fcb4b3da3a86e8fd87e0d
            p:so:libc.musl-x86_64.so.1=1
            F:lib
            R:ld-musl-x86_64.so.1
            a:0:0:755
            Z:Q1yb2n0vH7tT3W0BOk3k3lV5XplSU=
            R:libc.musl-x86_64.so.1
            a:0:0:777
            Z:Q17yJ3JFNypA4mxhJJr0ou6CzsJVI=

            C:Q1P9Fb7dA2e1KjT+T0hO8hjOi1H2s=
            P:libcrypto3
            V:3.3.2-r1
            A:x86_64
            L:Apache-2.0
            o:openssl
            D:so:libc.musl-x86_64.so.1
            p:so:libcrypto.so.3=3
            F:usr/lib
            R:libcrypto.so.3
            a:0:0:755

            C:Q1bad
            V:1.0-r0
            A:x86_64
            """;

    @Test
    void readsTheInstalledDatabaseWithOriginAndLicense() throws Exception {
        Sbom sbom = ScanImages.scan(tmp, ScanImages.layer(Map.of("etc/os-release", OS_RELEASE, "lib/apk/db/installed", INSTALLED)));
        assertThat(sbom.packages()).extracting(Package::name, Package::version, Package::architecture, Package::source, Package::licenses, Package::purl)
                .containsExactly(
                        tuple("libcrypto3", "3.3.2-r1", "x86_64", new Package.Source("openssl", "3.3.2-r1"), java.util.List.of("Apache-2.0"),
                                "pkg:apk/alpine/libcrypto3@3.3.2-r1?arch=x86_64&distro=alpine-3.20.3"),
                        tuple("musl", "1.2.5-r0", "x86_64", new Package.Source("musl", "1.2.5-r0"), java.util.List.of("MIT"),
                                "pkg:apk/alpine/musl@1.2.5-r0?arch=x86_64&distro=alpine-3.20.3"));
        assertThat(sbom.packages()).allMatch(p -> p.ecosystem() == Ecosystem.APK && p.path().equals("/lib/apk/db/installed"));
        // the third entry has no P: and is reported, not invented
        assertThat(sbom.warnings()).singleElement().asString().contains("/lib/apk/db/installed:", "without P:");
    }

    @Test
    void lowerCaseKeysDoNotShadowUpperCaseOnes() throws Exception {
        // 'p' (provides) and 'a' (file mode) come after P and A in real databases; and before them here
        String db = "p:cmd:busybox=1.36.1-r29\na:0:0:755\nP:busybox\nV:1.36.1-r29\nA:aarch64\n";
        Sbom sbom = ScanImages.scan(tmp, ScanImages.layer(Map.of("lib/apk/db/installed", db)));
        assertThat(sbom.packages()).extracting(Package::name, Package::architecture).containsExactly(tuple("busybox", "aarch64"));
    }
}
