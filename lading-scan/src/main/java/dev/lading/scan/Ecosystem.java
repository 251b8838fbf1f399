package dev.lading.scan;

/** Where a package comes from; each maps to one PURL type. */
public enum Ecosystem {
    DEB("deb"),
    APK("apk"),
    PYPI("pypi"),
    NPM("npm"),
    MAVEN("maven"),
    GOLANG("golang"),
    CARGO("cargo"),
    RPM("rpm");

    private final String purlType;

    Ecosystem(String purlType) {
        this.purlType = purlType;
    }

    public String purlType() {
        return purlType;
    }
}
