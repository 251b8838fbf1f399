package dev.lading.scan;

import dev.lading.oci.Digest;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One package found in an image.
 *
 * @param ecosystem    the kind of package
 * @param name         as its package manager names it (for Maven: the artifactId; the group is in the PURL)
 * @param version      as its package manager writes it (Debian epochs and revisions included)
 * @param purl         the package URL, canonical (see {@link Purls})
 * @param licenses     as the metadata declares them (SPDX ids when the metadata uses them), sorted, no duplicates
 * @param architecture dpkg/apk architecture; null for language packages
 * @param source       the source package a distro binary package was built from; null when not known
 * @param layer        the layer that last wrote the metadata this package was read from
 * @param path         that metadata file (for a package in a status database: the database); inside an
 *                     archive, {@code /app/app.war!/WEB-INF/lib/x.jar}
 * @param sha1         for a Java archive, the SHA-1 of the archive (what Maven Central is searched by); else null
 */
public record Package(Ecosystem ecosystem, String name, String version, String purl, List<String> licenses,
                      String architecture, Source source, Digest layer, String path, String sha1) {

    /** A package without an archive checksum. */
    public Package(Ecosystem ecosystem, String name, String version, String purl, List<String> licenses,
                   String architecture, Source source, Digest layer, String path) {
        this(ecosystem, name, version, purl, licenses, architecture, source, layer, path, null);
    }

    /** The source package a binary package was built from (Debian {@code Source:}, apk {@code o:}). */
    public record Source(String name, String version) {
        public Source {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(version, "version");
        }
    }

    /** Sorted by ecosystem, name, version, path: the order every writer uses, so output is deterministic. */
    public static final Comparator<Package> ORDER = Comparator.comparing(Package::ecosystem)
            .thenComparing(Package::name)
            .thenComparing(Package::version)
            .thenComparing(Package::path)
            .thenComparing(Package::purl);

    public Package {
        Objects.requireNonNull(ecosystem, "ecosystem");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(purl, "purl");
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(path, "path");
        licenses = licenses == null ? List.of() : licenses.stream().filter(l -> !l.isBlank()).map(String::strip).distinct().sorted().toList();
    }
}
