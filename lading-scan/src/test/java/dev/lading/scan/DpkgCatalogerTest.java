package dev.lading.scan;

import dev.lading.oci.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DpkgCatalogerTest {
    @TempDir
    Path tmp;

    static final String OS_RELEASE = """
            PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
            NAME="Debian GNU/Linux"
            VERSION_ID="12"
            VERSION="12 (bookworm)"
            VERSION_CODENAME=bookworm
            ID=debian
            """;

    // as dpkg writes it: stanzas, continuation lines, a Source with and without a version, a removed package
    static final String STATUS = """
            Package: libc6
            Status: install ok installed
            Priority: optional
            Section: libs
            Installed-Size: 13001
            Maintainer: GNU Libc Maintainers <debian-glibc@lists.debian.org>
            Architecture: amd64
            Multi-Arch: same
            Source: glibc
            Version: 2.36-9+deb12u14
            Depends: libgcc-s1
            Conffiles:
             /etc/ld.so.conf.d/x86_64-linux-gnu.conf d4e7a7b88a71b5ffd9e2644e71a0cfab
            Description: GNU C Library: Shared libraries
             Contains the standard libraries that are used by nearly all programs on
             the system.
            Homepage: https://www.gnu.org/software/libc/libc.html

            Package: libssl3
            Status: install ok installed
            Architecture: amd64
            Source: openssl (3.0.15-1~deb12u1)
            Version: 3.0.15-1~deb12u1
            Description: Secure Sockets Layer toolkit - shared libraries

            Package: tzdata
            Status: install ok installed
            Architecture: all
            Version: 2024a-0+deb12u1
            Description: time zone and daylight-saving time data

            Package: libgcrypt20
            Status: install ok installed
            Architecture: amd64
            Source: libgcrypt20 (1.10.1-3)
            Version: 1.10.1-3+b1

            Package: oldpkg
            Status: deinstall ok config-files
            Architecture: amd64
            Version: 1.0-1
            """;

    static final String ZLIB_COPYRIGHT = """
            Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
            Upstream-Name: zlib

            Files: *
            Copyright: 1995-2013 Jean-loup Gailly and Mark Adler
            License: Zlib

            Files: debian/*
            Copyright: 2000-2024 Mark Brown
            License: Zlib
             This software is provided 'as-is', without any express or implied warranty.
            """;

    @Test
    void readsTheStatusDatabaseWithSourcePackagesAndPurls() throws Exception {
        TestImages.Layer l = ScanImages.layer(Map.of("etc/os-release", OS_RELEASE, "var/lib/dpkg/status", STATUS));
        Sbom sbom = ScanImages.scan(tmp, l);
        assertThat(sbom.warnings()).isEmpty();
        assertThat(sbom.packages()).extracting(Package::name, Package::version, Package::architecture, Package::source)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("libc6", "2.36-9+deb12u14", "amd64", new Package.Source("glibc", "2.36-9+deb12u14")),
                        org.assertj.core.groups.Tuple.tuple("libgcrypt20", "1.10.1-3+b1", "amd64", new Package.Source("libgcrypt20", "1.10.1-3")),
                        org.assertj.core.groups.Tuple.tuple("libssl3", "3.0.15-1~deb12u1", "amd64", new Package.Source("openssl", "3.0.15-1~deb12u1")),
                        org.assertj.core.groups.Tuple.tuple("tzdata", "2024a-0+deb12u1", "all", new Package.Source("tzdata", "2024a-0+deb12u1")));
        assertThat(sbom.packages()).extracting(Package::purl).containsExactly(
                "pkg:deb/debian/libc6@2.36-9%2Bdeb12u14?arch=amd64&distro=debian-12",
                "pkg:deb/debian/libgcrypt20@1.10.1-3%2Bb1?arch=amd64&distro=debian-12",
                "pkg:deb/debian/libssl3@3.0.15-1~deb12u1?arch=amd64&distro=debian-12",
                "pkg:deb/debian/tzdata@2024a-0%2Bdeb12u1?arch=all&distro=debian-12");
        assertThat(sbom.packages()).allSatisfy(p -> {
            assertThat(p.ecosystem()).isEqualTo(Ecosystem.DEB);
            assertThat(p.path()).isEqualTo("/var/lib/dpkg/status");
            assertThat(p.layer()).isEqualTo(l.descriptor().digest());
        });
        assertThat(sbom.distro()).map(Distro::purlQualifier).contains("debian-12");
    }

    @Test
    void licensesComeFromMachineReadableCopyrightFiles() throws Exception {
        Sbom sbom = ScanImages.scan(tmp, ScanImages.layer(Map.of(
                "var/lib/dpkg/status", "Package: zlib1g\nStatus: install ok installed\nVersion: 1:1.2.13.dfsg-1\nArchitecture: amd64\nSource: zlib\n",
                "usr/share/doc/zlib1g/copyright", ZLIB_COPYRIGHT,
                "usr/share/doc/other/copyright", "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n\nFiles: *\nLicense: MIT\n")));
        Package zlib = sbom.packages().getFirst();
        assertThat(zlib.licenses()).containsExactly("Zlib");
        // an epoch's colon stays as it is in the version (the PURL spec allows ':' unencoded)
        assertThat(zlib.purl()).isEqualTo("pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1?arch=amd64");
    }

    @Test
    void aFreeFormCopyrightGivesNoLicenseRatherThanAGuess() throws Exception {
        Sbom sbom = ScanImages.scan(tmp, ScanImages.layer(Map.of(
                "var/lib/dpkg/status", "Package: bash\nStatus: install ok installed\nVersion: 5.2.15-2+b7\nArchitecture: amd64\n",
                "usr/share/doc/bash/copyright", "This is Debian's prepackaged version of the GNU Bourne Again SHell.\n\nLicense:\n\nIt is licensed under the GPL.\n"
                        + "License: Redistribution and use in source and binary forms, with or without\n")));
        assertThat(sbom.packages().getFirst().licenses()).isEmpty();
    }

    @Test
    void distrolessStatusDirectoryOneFilePerPackageAndMd5sumsIgnored() throws Exception {
        TestImages.Layer l = ScanImages.layer(Map.of(
                "etc/os-release", OS_RELEASE,
                "var/lib/dpkg/status.d/base-files", "Package: base-files\nStatus: install ok installed\nArchitecture: amd64\nVersion: 12.4+deb12u8\n",
                "var/lib/dpkg/status.d/libssl3", "Package: libssl3\nArchitecture: amd64\nSource: openssl\nVersion: 3.0.15-1~deb12u1\n",
                "var/lib/dpkg/status.d/libssl3.md5sums", "9f2b4d0b8c0e2d6b8a1e2f7c3d4e5f60  usr/lib/x86_64-linux-gnu/libssl.so.3\n"));
        Sbom sbom = ScanImages.scan(tmp, l);
        assertThat(sbom.warnings()).isEmpty();
        assertThat(sbom.packages()).extracting(Package::name, Package::path).containsExactly(
                org.assertj.core.groups.Tuple.tuple("base-files", "/var/lib/dpkg/status.d/base-files"),
                org.assertj.core.groups.Tuple.tuple("libssl3", "/var/lib/dpkg/status.d/libssl3"));
        assertThat(sbom.packages().get(1).purl()).isEqualTo("pkg:deb/debian/libssl3@3.0.15-1~deb12u1?arch=amd64&distro=debian-12");
    }

    @Test
    void aStatusFileDeletedInALaterLayerCountsNothing() throws Exception {
        TestImages.Layer one = ScanImages.layer(Map.of("var/lib/dpkg/status", STATUS));
        TestImages.Layer two = ScanImages.layer(List.of(dev.lading.oci.layer.LayerEntry.whiteout("var/lib/dpkg")));
        assertThat(ScanImages.scan(tmp, one, two).packages()).isEmpty();
    }

    @Test
    void thePackagesComeFromTheLayerThatLastWroteTheDatabase() throws Exception {
        TestImages.Layer one = ScanImages.layer(Map.of("var/lib/dpkg/status", STATUS));
        TestImages.Layer two = ScanImages.layer(Map.of("var/lib/dpkg/status",
                "Package: curl\nStatus: install ok installed\nVersion: 7.88.1-10+deb12u8\nArchitecture: amd64\n"));
        Sbom sbom = ScanImages.scan(tmp, one, two);
        assertThat(sbom.packages()).extracting(Package::name).containsExactly("curl");
        assertThat(sbom.packages().getFirst().layer()).isEqualTo(two.descriptor().digest());
    }

    @Test
    void malformedEntriesAreSkippedWithWarningsAndTheRestIsRead() throws Exception {
        String status = """
                Package: good
                Status: install ok installed
                Version: 1.0
                this line is not a field
                 
                Package: noversion
                Status: install ok installed

                Version: 2.0
                Status: install ok installed

                 orphan continuation
                Package: bad/name?
                Version: 1 2 3
                Status: install ok installed
                """;
        Sbom sbom = ScanImages.scan(tmp, ScanImages.layer(Map.of("var/lib/dpkg/status", status)));
        assertThat(sbom.packages()).extracting(Package::name).containsExactly("bad/name?", "good");
        assertThat(sbom.packages().getFirst().purl()).isEqualTo("pkg:deb/debian/bad%2Fname%3F@1%202%203");
        assertThat(sbom.warnings()).anyMatch(w -> w.contains("/var/lib/dpkg/status:4: not a 'Field: value' line"))
                .anyMatch(w -> w.contains("without Package or Version"))
                .anyMatch(w -> w.contains("continuation line with no field"));
    }

    @Test
    void binaryGarbageIsNotACrash() throws Exception {
        StringBuilder junk = new StringBuilder();
        java.util.Random r = new java.util.Random(7);
        for (int i = 0; i < 20_000; i++) {
            junk.append((char) r.nextInt(0x800));
        }
        Sbom sbom = ScanImages.scan(tmp, ScanImages.layer(Map.of("var/lib/dpkg/status", junk.toString())));
        assertThat(sbom.packages()).isEmpty();
        assertThat(sbom.warnings()).isNotEmpty();
    }
}
