package dev.lading.scan;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURLBuilder;

import java.util.Locale;
import java.util.Optional;

/**
 * Package URLs, built and percent-encoded by packageurl-java (the reference implementation of the PURL
 * spec; colons left unencoded as the spec requires), with the type-specific rules of the spec applied here: PyPI names normalised, npm scopes as the
 * namespace, distro packages namespaced by the distro's ID and qualified by arch and distro.
 */
public final class Purls {
    private Purls() {
    }

    /** {@code pkg:deb/debian/openssl@3.0.15-1~deb12u1?arch=amd64&distro=debian-12}. */
    public static String deb(Optional<Distro> distro, String name, String version, String arch) {
        return distroPackage("deb", distro.map(Distro::id).orElse("debian"), distro, name, version, arch);
    }

    /** {@code pkg:apk/alpine/musl@1.2.5-r0?arch=x86_64&distro=alpine-3.20.3}. */
    public static String apk(Optional<Distro> distro, String name, String version, String arch) {
        return distroPackage("apk", distro.map(Distro::id).orElse("alpine"), distro, name, version, arch);
    }

    /** {@code pkg:pypi/django-rest-framework@3.15.2}: the spec lowercases PyPI names and turns {@code _} into {@code -}. */
    public static String pypi(String name, String version) {
        return build(builder("pypi").withName(normalizePypi(name)).withVersion(version));
    }

    /** {@code pkg:npm/%40babel/core@7.26.0}; an unscoped name has no namespace. */
    public static String npm(String name, String version) {
        PackageURLBuilder b = builder("npm").withVersion(version);
        if (name.startsWith("@") && name.indexOf('/') > 1) {
            int slash = name.indexOf('/');
            b.withNamespace(name.substring(0, slash)).withName(name.substring(slash + 1));
        } else {
            b.withName(name);
        }
        return build(b);
    }

    /** {@code pkg:maven/org.apache.commons/commons-lang3@3.19.0}. */
    public static String maven(String groupId, String artifactId, String version) {
        return build(builder("maven").withNamespace(groupId).withName(artifactId).withVersion(version));
    }

    /**
     * {@code pkg:golang/github.com/spf13/cobra@v1.8.0}: the module path's last segment is the name, the rest the
     * namespace; {@code version} may be null (a main module built as {@code (devel)}, a local-directory replacement).
     */
    public static String golang(String modulePath, String version) {
        int slash = modulePath.lastIndexOf('/');
        PackageURLBuilder b = builder("golang").withName(slash < 0 ? modulePath : modulePath.substring(slash + 1));
        if (slash > 0) {
            b.withNamespace(modulePath.substring(0, slash));
        }
        if (version != null && !version.isEmpty()) {
            b.withVersion(version);
        }
        String purl = build(b);
        if (slash <= 0) {
            return purl;
        }
        // packageurl-java lowercases golang namespaces, but module paths are case-sensitive (the Go proxy and OSV
        // match github.com/BurntSushi/toml exactly, and syft keeps the case): put the encoded original back
        String lowered = "pkg:golang/" + namespaceOf(build(builder("generic").withNamespace(modulePath.substring(0, slash).toLowerCase(Locale.ROOT)).withName("x")));
        String original = "pkg:golang/" + namespaceOf(build(builder("generic").withNamespace(modulePath.substring(0, slash)).withName("x")));
        return purl.startsWith(lowered + "/") ? original + purl.substring(lowered.length()) : purl;
    }

    /** {@code pkg:generic/NS/x} → NS, as encoded. */
    private static String namespaceOf(String genericPurl) {
        return genericPurl.substring("pkg:generic/".length(), genericPurl.length() - "/x".length());
    }

    /** {@code pkg:cargo/serde@1.0.215}. */
    public static String cargo(String name, String version) {
        return build(builder("cargo").withName(name).withVersion(version));
    }

    /**
     * {@code pkg:rpm/fedora/bash@5.2.26-3.fc40?arch=x86_64&distro=fedora-40&epoch=1}: the version is
     * VERSION-RELEASE and the epoch a qualifier, as the PURL spec's rpm type says; the namespace is the distro's ID (none without an os-release).
     */
    public static String rpm(Optional<Distro> distro, String name, String versionRelease, String arch, Integer epoch) {
        PackageURLBuilder b = builder("rpm").withNamespace(distro.map(Distro::id).orElse(null)).withName(name).withVersion(versionRelease);
        if (arch != null && !arch.isBlank()) {
            b.withQualifier("arch", arch);
        }
        if (epoch != null) {
            b.withQualifier("epoch", epoch.toString());
        }
        distro.map(Distro::purlQualifier).ifPresent(d -> b.withQualifier("distro", d));
        return build(b);
    }

    /** PEP 503 normalisation as the PURL spec asks for it: lowercase, runs of {@code -_.} become one {@code -}. */
    static String normalizePypi(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
    }

    private static String distroPackage(String type, String namespace, Optional<Distro> distro, String name, String version, String arch) {
        PackageURLBuilder b = builder(type).withNamespace(namespace).withName(name).withVersion(version);
        if (arch != null && !arch.isBlank()) {
            b.withQualifier("arch", arch);
        }
        distro.map(Distro::purlQualifier).ifPresent(d -> b.withQualifier("distro", d));
        return build(b);
    }

    private static PackageURLBuilder builder(String type) {
        return PackageURLBuilder.aPackageURL().withType(type);
    }

    private static String build(PackageURLBuilder b) {
        try {
            // The spec says a colon is never percent-encoded (Debian epochs: 1:1.2.13); packageurl-java 1.5
            // still encodes it (package-url/packageurl-java#273). "%3A" can only come from a colon: a literal
            // '%' is itself encoded as "%25".
            return b.build().canonicalize().replace("%3A", ":");
        } catch (MalformedPackageURLException e) {
            throw new IllegalArgumentException("cannot make a package URL: " + e.getMessage(), e);
        }
    }
}
