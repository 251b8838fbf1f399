package dev.lading.scan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

class PythonCatalogerTest {
    @TempDir
    Path tmp;

    static final String SP = "usr/lib/python3/dist-packages/";

    @Test
    void distInfoAndEggInfoWithTheirLicenses() throws Exception {
        Sbom sbom = ScanImages.scan(tmp, ScanImages.layer(Map.of(
                SP + "requests-2.32.3.dist-info/METADATA", """
                        Metadata-Version: 2.1
                        Name: requests
                        Version: 2.32.3
                        Summary: Python HTTP for Humans.
                        License: Apache-2.0
                        Classifier: License :: OSI Approved :: Apache Software License
                        Requires-Dist: charset-normalizer <4,>=2

                        # Requests
                        Name: not-a-header
                        """,
                SP + "Django_Filter-24.3.dist-info/METADATA", """
                        Metadata-Version: 2.4
                        Name: Django_Filter
                        Version: 24.3
                        License-Expression: BSD-3-Clause
                        """,
                SP + "six-1.16.0.egg-info/PKG-INFO", """
                        Metadata-Version: 1.2
                        Name: six
                        Version: 1.16.0
                        License: UNKNOWN
                        Classifier: License :: OSI Approved :: MIT License
                        """,
                SP + "chardet.egg-info", "Metadata-Version: 1.1\nName: chardet\nVersion: 5.1.0\nLicense: LGPL\n",
                SP + "certifi-2024.8.30.dist-info/METADATA", """
                        Metadata-Version: 2.1
                        Name: certifi
                        Version: 2024.8.30
                        License: This package contains a modified version of ca-bundle.crt:
                            ca-bundle.crt -- Bundle of CA Root Certificates
                            This is a bundle of X.509 certificates of public Certificate Authorities.
                        """)));
        assertThat(sbom.warnings()).isEmpty();
        assertThat(sbom.packages()).extracting(Package::name, Package::version, Package::purl, Package::licenses).containsExactly(
                tuple("Django_Filter", "24.3", "pkg:pypi/django-filter@24.3", List.of("BSD-3-Clause")),
                tuple("certifi", "2024.8.30", "pkg:pypi/certifi@2024.8.30", List.of()),
                tuple("chardet", "5.1.0", "pkg:pypi/chardet@5.1.0", List.of("LGPL")),
                tuple("requests", "2.32.3", "pkg:pypi/requests@2.32.3", List.of("Apache-2.0")),
                tuple("six", "1.16.0", "pkg:pypi/six@1.16.0", List.of("MIT License")));
        assertThat(sbom.packages().get(3).path()).isEqualTo("/" + SP + "requests-2.32.3.dist-info/METADATA");
    }

    @Test
    void metadataWithoutNameOrVersionIsSkippedWithAWarning() throws Exception {
        Sbom sbom = ScanImages.scan(tmp, ScanImages.layer(Map.of(SP + "x.dist-info/METADATA", "Metadata-Version: 2.1\nName: x\n")));
        assertThat(sbom.packages()).isEmpty();
        assertThat(sbom.warnings()).singleElement().asString().contains("x.dist-info/METADATA", "no Name or Version");
    }
}
